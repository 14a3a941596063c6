/*
 * echoclient NETWORK ADDRESS: copies standard input to the connection and
 * the connection to standard output, then exits when the peer is done.
 * On the end of input it half-closes its side (CloseWrite), so the server
 * sees EOF while the replies still flow back.  Go's version is
 *
 *	c, err := net.Dial(network, address)
 *	go func() { io.Copy(c, os.Stdin); c.(*net.TCPConn).CloseWrite() }()
 *	io.Copy(os.Stdout, c)
 *
 * "echoclient unix /tmp/echo.sock" is the Unix-socket client.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <net/net.h>

struct sender {
	net_Conn      *c;
	runtime_hchan *done; /* chan int: 0 on success */
};

/* closeWrite half-closes a TCP or Unix stream; other kinds are closed. */
static runtime_error *
closeWrite(net_Conn *c)
{
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_CloseWrite(net_Conn_TCPConn(c));
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_CloseWrite(net_Conn_UnixConn(c));
	return NULL;
}

/* copyIn copies standard input to the connection, then half-closes it. */
static void
copyIn(void *arg)
{
	struct sender *s = arg;
	char	       buf[32 * 1024];
	ssize_t	       n;
	ptrdiff_t      w;
	int	       rc = 0;
	runtime_error *err = NULL;

	while (err == NULL && (n = read(0, buf, sizeof buf)) > 0)
		err = net_Conn_Write(s->c, buf, n, &w);
	if (err == NULL)
		err = closeWrite(s->c);
	if (err != NULL) {
		fprintf(stderr, "echoclient: %s\n", runtime_error_Error(err));
		rc = 1;
	}
	runtime_error_Free(err);
	runtime_chansend1(s->done, &rc);
}

int
main(int argc, char **argv)
{
	struct sender  s;
	char	       buf[32 * 1024];
	ptrdiff_t      n;
	int	       rc = 0, src;
	runtime_error *err;

	if (argc != 3) {
		fprintf(stderr, "usage: echoclient network address\n");
		return 2;
	}
	err = net_Dial(argv[1], argv[2], &s.c);
	if (err != NULL) {
		fprintf(stderr, "echoclient: %s\n", runtime_error_Error(err));
		runtime_error_Free(err);
		return 1;
	}
	s.done = runtime_makechan(sizeof(int), 0);
	runtime_Go(copyIn, &s);
	/* Unbuffered, as io.Copy to os.Stdout is: replies show at once. */
	while ((err = net_Conn_Read(s.c, buf, sizeof buf, &n)) == NULL) {
		if (fwrite(buf, 1, n, stdout) != (size_t)n ||
		    fflush(stdout) != 0)
			rc = 1;
	}
	if (err != io_EOF) {
		fprintf(stderr, "echoclient: %s\n", runtime_error_Error(err));
		rc = 1;
	}
	runtime_error_Free(err);
	/*
	 * The server closed: wait for the sender before freeing what it uses.
	 */
	runtime_chanrecv1(s.done, &src);
	runtime_hchan_Free(s.done);
	err = net_Conn_Close(s.c);
	if (err != NULL) {
		fprintf(stderr, "echoclient: %s\n", runtime_error_Error(err));
		rc = 1;
	}
	runtime_error_Free(err);
	net_Conn_Free(s.c);
	return rc != 0 || src != 0;
}
