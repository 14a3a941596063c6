/*
 * forward LNETWORK LADDRESS DNETWORK DADDRESS: accepts connections on the
 * first address and joins each to a new connection to the second, bytes
 * flowing both ways.  Each direction is its own goroutine; the end of one
 * direction is passed on as a half-close (CloseWrite), and a direction
 * idle for longer than the timeout ends it (read deadlines).  Go's
 * version is
 *
 *	for {
 *		in, _ := l.Accept()
 *		go func() {
 *			out, _ := net.Dial(dnet, daddr)
 *			go relay(out, in)
 *			relay(in, out)  // each relay ends with CloseWrite
 *		}()
 *	}
 */
#include <stdio.h>
#include <stdlib.h>

#include <net/net.h>

#define IDLE (5 * time_Minute)

static const char *dialNetwork, *dialAddress;

struct relay {
	net_Conn      *from, *to;
	runtime_hchan *done; /* chan struct{}, NULL for the caller's own */
};

static void
report(runtime_error *err)
{
	if (err != NULL && err != io_EOF)
		fprintf(stderr, "forward: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
}

/* closeWrite half-closes a TCP or Unix stream. */
static runtime_error *
closeWrite(net_Conn *c)
{
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_CloseWrite(net_Conn_TCPConn(c));
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_CloseWrite(net_Conn_UnixConn(c));
	return NULL;
}

/* relay copies p->from to p->to until EOF, an error or IDLE of silence. */
static void
relay(void *arg)
{
	struct relay  *p = arg;
	char	       buf[32 * 1024];
	ptrdiff_t      n, w;
	runtime_error *err;

	for (;;) {
		err = net_Conn_SetReadDeadline(
		    p->from, time_Time_Add(time_Now(), IDLE));
		if (err == NULL)
			err = net_Conn_Read(p->from, buf, sizeof buf, &n);
		if (err == NULL)
			err = net_Conn_Write(p->to, buf, n, &w);
		if (err != NULL)
			break;
	}
	report(err);
	report(closeWrite(p->to));
	if (p->done != NULL)
		runtime_chansend1(p->done, NULL);
}

/* join serves one accepted connection and frees it. */
static void
join(void *arg)
{
	net_Conn      *in = arg, *out;
	struct relay   up, down;
	runtime_error *err;

	err = net_Dial(dialNetwork, dialAddress, &out);
	if (err != NULL) {
		report(err);
		report(net_Conn_Close(in));
		net_Conn_Free(in);
		return;
	}
	up = (struct relay){ in, out, runtime_makechan(0, 0) };
	down = (struct relay){ out, in, NULL };
	runtime_Go(relay, &up);
	relay(&down);
	runtime_chanrecv1(up.done, NULL);
	runtime_hchan_Free(up.done);
	report(net_Conn_Close(out));
	report(net_Conn_Close(in));
	net_Conn_Free(out);
	net_Conn_Free(in);
}

int
main(int argc, char **argv)
{
	net_Listener  *l;
	net_Conn      *c;
	char	      *addr;
	runtime_error *err;

	if (argc != 5) {
		fprintf(stderr,
		    "usage: forward lnetwork laddress "
		    "dnetwork daddress\n");
		return 2;
	}
	dialNetwork = argv[3];
	dialAddress = argv[4];
	err = net_Listen(argv[1], argv[2], &l);
	if (err != NULL) {
		report(err);
		return 1;
	}
	addr = net_Addr_String(net_Listener_Addr(l));
	printf("%s\n", addr);
	fflush(stdout);
	free(addr);
	while ((err = net_Listener_Accept(l, &c)) == NULL)
		runtime_Go(join, c);
	report(err);
	report(net_Listener_Close(l));
	net_Listener_Free(l);
	return 1;
}
