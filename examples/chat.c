/*
 * chat NETWORK ADDRESS: a line-based chat server.  Every line a client
 * sends goes to every other client, prefixed with the sender's address.
 * It is the chat server of "The Go Programming Language" (section 8.10):
 * one goroutine per client reads its lines, one more writes its queue, and
 * a single broadcaster goroutine owns the client list, so nothing is
 * shared but channels.  Messages are malloc'd strings whose ownership
 * travels with them through the channels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/net.h>

struct client {
	net_Conn      *c;
	char	      *name;
	runtime_hchan *out;  /* chan *char, the outgoing queue */
	runtime_hchan *done; /* chan struct{}: the writer has finished */
	struct client *next; /* the broadcaster's list */
};

static runtime_hchan *entering, *leaving; /* chan *client */
static runtime_hchan *messages;		  /* chan *char */

/* message returns a malloc'd a followed by the n bytes at b. */
static char *
message(const char *a, const char *b, size_t n)
{
	size_t alen = strlen(a);
	char  *s = malloc(alen + n + 1);

	if (s == NULL) {
		perror("chat");
		exit(1);
	}
	memcpy(s, a, alen);
	memcpy(s + alen, b, n);
	s[alen + n] = '\0';
	return s;
}

static char *
format(const char *a, const char *b)
{
	return message(a, b, strlen(b));
}

/* broadcast hands each client its own copy; a full queue drops it. */
static void
broadcast(struct client *list, char *msg)
{
	char *s;

	for (; list != NULL; list = list->next) {
		s = format(msg, "");
		if (!runtime_selectnbsend(list->out, &s))
			free(s);
	}
	free(msg);
}

static void
broadcaster(void *arg)
{
	struct client *list = NULL, *cli, **pp;
	char	      *msg;
	runtime_scase  cases[] = { { messages, &msg }, { entering, &cli },
		 { leaving, &cli } };

	(void)arg;
	for (;;) {
		switch (runtime_selectgo(cases, 0, 3, true, NULL)) {
		case 0:
			broadcast(list, msg);
			break;
		case 1:
			cli->next = list;
			list = cli;
			break;
		case 2:
			for (pp = &list; *pp != cli; pp = &(*pp)->next)
				;
			*pp = cli->next;
			runtime_closechan(cli->out);
			break;
		}
	}
}

/* writer sends the client's queue to it until the queue is closed. */
static void
writer(void *arg)
{
	struct client *cli = arg;
	char	      *msg;
	ptrdiff_t      n;
	runtime_error *err = NULL;

	while (runtime_chanrecv2(cli->out, &msg)) {
		/* After a failed write, keep draining so no message leaks. */
		if (err == NULL)
			err = net_Conn_Write(cli->c, msg, strlen(msg), &n);
		free(msg);
	}
	runtime_error_Free(err);
	runtime_chansend1(cli->done, NULL);
}

/* readLines sends each complete line from the client to messages. */
static runtime_error *
readLines(struct client *cli)
{
	char	       buf[4096], *start, *nl, *msg;
	char	      *who = format(cli->name, ": ");
	size_t	       len = 0;
	ptrdiff_t      n;
	runtime_error *err;

	while ((err = net_Conn_Read(cli->c, buf + len, sizeof buf - len, &n)) ==
	    NULL) {
		len += n;
		start = buf;
		while ((nl = memchr(start, '\n', buf + len - start)) != NULL) {
			msg = message(who, start, nl + 1 - start);
			runtime_chansend1(messages, &msg);
			start = nl + 1;
		}
		len -= start - buf;
		memmove(buf, start, len);
		if (len == sizeof buf)
			len = 0; /* a line too long for the buffer is dropped */
	}
	free(who);
	return err;
}

static void
handleConn(void *arg)
{
	struct client  cli = { arg, NULL, NULL, NULL, NULL };
	struct client *p = &cli;
	char	      *msg, *welcome;
	runtime_error *err;

	cli.name = net_Addr_String(net_Conn_RemoteAddr(cli.c));
	cli.out = runtime_makechan(sizeof(char *), 16);
	cli.done = runtime_makechan(0, 0);
	runtime_Go(writer, &cli);
	/* Joined before the welcome: once welcomed, a client hears all. */
	runtime_chansend1(entering, &p);
	msg = format("You are ", cli.name);
	welcome = format(msg, "\n");
	free(msg);
	runtime_chansend1(cli.out, &welcome);
	msg = format(cli.name, " has arrived\n");
	runtime_chansend1(messages, &msg);
	err = readLines(&cli);
	if (err != io_EOF)
		fprintf(stderr, "chat: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	runtime_chansend1(leaving, &p);
	msg = format(cli.name, " has left\n");
	runtime_chansend1(messages, &msg);
	/* The broadcaster closed cli.out; the writer drains it and reports. */
	runtime_chanrecv1(cli.done, NULL);
	runtime_hchan_Free(cli.done);
	runtime_hchan_Free(cli.out);
	runtime_error_Free(net_Conn_Close(cli.c));
	net_Conn_Free(cli.c);
	free(cli.name);
}

int
main(int argc, char **argv)
{
	net_Listener  *l;
	net_Conn      *c;
	char	      *addr;
	runtime_error *err;

	if (argc != 3) {
		fprintf(stderr, "usage: chat network address\n");
		return 2;
	}
	err = net_Listen(argv[1], argv[2], &l);
	if (err != NULL) {
		fprintf(stderr, "chat: %s\n", runtime_error_Error(err));
		runtime_error_Free(err);
		return 1;
	}
	addr = net_Addr_String(net_Listener_Addr(l));
	printf("%s\n", addr);
	fflush(stdout);
	free(addr);
	entering = runtime_makechan(sizeof(struct client *), 0);
	leaving = runtime_makechan(sizeof(struct client *), 0);
	messages = runtime_makechan(sizeof(char *), 0);
	runtime_Go(broadcaster, NULL);
	while ((err = net_Listener_Accept(l, &c)) == NULL)
		runtime_Go(handleConn, c);
	fprintf(stderr, "chat: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	runtime_error_Free(net_Listener_Close(l));
	net_Listener_Free(l);
	return 1;
}
