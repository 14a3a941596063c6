/*
 * httpget [ADDRESS PATH]: an HTTP/1.1 GET over bufio and io.Copy.  With no
 * arguments it starts a tiny server of its own on loopback and fetches
 * /hello from it; otherwise it fetches PATH from the server at ADDRESS
 * ("127.0.0.1:8080").  It prints the status line, then the body.  Go's
 * client half is
 *
 *	c, err := net.Dial("tcp", address)
 *	bw := bufio.NewWriter(c)
 *	fmt.Fprintf(bw, "GET %s HTTP/1.1\r\nHost: %s\r\n...\r\n\r\n", path, address)
 *	bw.Flush()
 *	br := bufio.NewReader(c)
 *	status, err := br.ReadString('\n')
 *	for { line, err := br.ReadString('\n'); if line == "\r\n" { break } }
 *	io.CopyN(os.Stdout, br, contentLength)  // or io.Copy until EOF
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bufio/bufio.h>
#include <net/net.h>

/* stdoutWriter is os.Stdout as an io.Writer. */
static runtime_error *
stdoutWrite(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	*n = (ptrdiff_t)fwrite(p, 1, len, stdout);
	return (size_t)*n == len ? NULL : io_ErrShortWrite;
}

static const io_Type stdoutType = { .name = "*os.File", .Write = stdoutWrite };
static const io_Writer stdoutWriter = { &stdoutType, NULL };

/* readHeader reads the header lines up to the blank one; -1: no length. */
static runtime_error *
readHeader(bufio_Reader *br, long long *contentLength)
{
	runtime_error *err;
	char	      *line;

	*contentLength = -1;
	for (;;) {
		if ((err = bufio_Reader_ReadString(br, '\n', &line, NULL)) !=
		    NULL) {
			free(line);
			return err;
		}
		if (strcmp(line, "\r\n") == 0) {
			free(line);
			return NULL;
		}
		sscanf(line, "Content-Length: %lld", contentLength);
		free(line);
	}
}

/* get sends the request through a bufio.Writer and copies the body out. */
static runtime_error *
get(const char *address, const char *path)
{
	net_Conn      *c;
	bufio_Writer  *bw;
	bufio_Reader  *br;
	runtime_error *err;
	char	      *status;
	char	       req[512];
	long long      length;
	ptrdiff_t      n;
	int64_t	       copied;

	if ((err = net_Dial("tcp", address, &c)) != NULL)
		return err;
	bw = bufio_NewWriter(net_Conn_Writer(c));
	br = bufio_NewReader(net_Conn_Reader(c));
	snprintf(req, sizeof req,
	    "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path,
	    address);
	if ((err = bufio_Writer_WriteString(bw, req, &n)) != NULL ||
	    (err = bufio_Writer_Flush(bw)) != NULL)
		goto out;
	if ((err = bufio_Reader_ReadString(br, '\n', &status, NULL)) == NULL) {
		fputs(status, stdout);
		err = readHeader(br, &length);
	}
	free(status);
	if (err != NULL)
		goto out;
	/* The body: Content-Length bytes, or everything until the close. */
	if (length >= 0)
		err = io_CopyN(
		    stdoutWriter, bufio_Reader_Reader(br), length, &copied);
	else
		err = io_Copy(stdoutWriter, bufio_Reader_Reader(br), &copied);
out:
	bufio_Writer_Free(bw);
	bufio_Reader_Free(br);
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
	return err;
}

struct server {
	net_Listener  *l;
	runtime_hchan *done; /* closed when serve has returned */
};

/*
 * serve answers one request on each connection until the listener is
 * closed: it reads the request with a bufio.Reader and writes the
 * response through a bufio.Writer, the body with io.Copy from a
 * net.Buffers.
 */
static void
serve(void *arg)
{
	static const char body[] = "hello, gonet\n";
	struct server	 *srv = arg;
	net_Conn	 *c;
	runtime_error	 *err;
	bufio_Reader	 *br;
	bufio_Writer	 *bw;
	net_Bytes	  chunks[] = { { body, sizeof body - 1 } };
	net_Buffers	  v = { chunks, 1 };
	long long	  length;
	char		 *reqline, head[128];
	ptrdiff_t	  n;
	int64_t		  copied;

	while ((err = net_Listener_Accept(srv->l, &c)) == NULL) {
		br = bufio_NewReader(net_Conn_Reader(c));
		bw = bufio_NewWriter(net_Conn_Writer(c));
		runtime_error_Free(
		    bufio_Reader_ReadString(br, '\n', &reqline, NULL));
		free(reqline);
		runtime_error_Free(readHeader(br, &length));
		snprintf(head, sizeof head,
		    "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n",
		    sizeof body - 1);
		runtime_error_Free(bufio_Writer_WriteString(bw, head, &n));
		v = (net_Buffers){ chunks, 1 };
		runtime_error_Free(io_Copy(
		    bufio_Writer_Writer(bw), net_Buffers_Reader(&v), &copied));
		runtime_error_Free(bufio_Writer_Flush(bw));
		bufio_Writer_Free(bw);
		bufio_Reader_Free(br);
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	runtime_error_Free(err); /* the listener was closed */
	runtime_closechan(srv->done);
}

int
main(int argc, char **argv)
{
	struct server  srv = { NULL, NULL };
	runtime_error *err;
	char	      *addr;
	bool	       ok;

	if (argc == 3)
		err = get(argv[1], argv[2]);
	else if ((err = net_Listen("tcp", "127.0.0.1:0", &srv.l)) == NULL) {
		srv.done = runtime_makechan(0, 0);
		runtime_Go(serve, &srv);
		addr = net_Addr_String(net_Listener_Addr(srv.l));
		err = get(addr, "/hello");
		free(addr);
	}
	if ((ok = err == NULL) == false)
		fprintf(stderr, "httpget: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	if (srv.l != NULL) {
		/* Close ends serve's Accept; wait for it before the Free. */
		runtime_error_Free(net_Listener_Close(srv.l));
		runtime_chanrecv1(srv.done, NULL);
		runtime_hchan_Free(srv.done);
		net_Listener_Free(srv.l);
	}
	return ok ? 0 : 1;
}
