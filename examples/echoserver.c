/*
 * echoserver NETWORK ADDRESS: sends back whatever each client sends, one
 * goroutine per connection.  Go's version is
 *
 *	l, err := net.Listen(network, address)
 *	for {
 *		c, err := l.Accept()
 *		go func() { io.Copy(c, c); c.Close() }()
 *	}
 *
 * It serves any stream network: "echoserver tcp 127.0.0.1:0" or
 * "echoserver unix /tmp/echo.sock".  The first line it prints is the
 * address it listens on, so that a script can use port 0.
 */
#include <stdio.h>
#include <stdlib.h>

#include <net/net.h>

/* echo copies c back to itself until EOF, then closes and frees c. */
static void
echo(void *arg)
{
	net_Conn      *c = arg;
	char	       buf[32 * 1024];
	ptrdiff_t      n, w;
	runtime_error *err;

	for (;;) {
		err = net_Conn_Read(c, buf, sizeof buf, &n);
		if (err != NULL)
			break;
		err = net_Conn_Write(c, buf, n, &w);
		if (err != NULL)
			break;
	}
	if (err != io_EOF)
		fprintf(stderr, "echoserver: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	err = net_Conn_Close(c);
	if (err != NULL)
		fprintf(stderr, "echoserver: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	net_Conn_Free(c);
}

int
main(int argc, char **argv)
{
	net_Listener  *l;
	net_Conn      *c;
	char	      *addr;
	runtime_error *err;

	if (argc != 3) {
		fprintf(stderr, "usage: echoserver network address\n");
		return 2;
	}
	err = net_Listen(argv[1], argv[2], &l);
	if (err != NULL) {
		fprintf(stderr, "echoserver: %s\n", runtime_error_Error(err));
		runtime_error_Free(err);
		return 1;
	}
	addr = net_Addr_String(net_Listener_Addr(l));
	printf("%s\n", addr);
	fflush(stdout);
	free(addr);
	/* Accept fails only once the listener is closed or out of fds. */
	while ((err = net_Listener_Accept(l, &c)) == NULL)
		runtime_Go(echo, c);
	fprintf(stderr, "echoserver: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	runtime_error_Free(net_Listener_Close(l));
	net_Listener_Free(l);
	return 1;
}
