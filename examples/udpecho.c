/*
 * udpecho NETWORK ADDRESS: sends every datagram back to where it came
 * from.  Go's version is
 *
 *	c, err := net.ListenPacket(network, address)
 *	for {
 *		n, addr, err := c.ReadFrom(buf)
 *		c.WriteTo(buf[:n], addr)
 *	}
 *
 * "udpecho udp 127.0.0.1:0" or "udpecho unixgram /tmp/echo.sock"; the
 * first line printed is the local address.
 */
#include <stdio.h>
#include <stdlib.h>

#include <net/net.h>

int
main(int argc, char **argv)
{
	net_PacketConn *c;
	net_Addr       *addr;
	char		buf[64 * 1024], *s;
	ptrdiff_t	n, w;
	runtime_error  *err;

	if (argc != 3) {
		fprintf(stderr, "usage: udpecho network address\n");
		return 2;
	}
	err = net_ListenPacket(argv[1], argv[2], &c);
	if (err != NULL) {
		fprintf(stderr, "udpecho: %s\n", runtime_error_Error(err));
		runtime_error_Free(err);
		return 1;
	}
	s = net_Addr_String(net_PacketConn_LocalAddr(c));
	printf("%s\n", s);
	fflush(stdout);
	free(s);
	for (;;) {
		err = net_PacketConn_ReadFrom(c, buf, sizeof buf, &n, &addr);
		if (err != NULL)
			break;
		/*
		 * A failed reply (the sender went away) must not stop the
		 * server.
		 */
		err = net_PacketConn_WriteTo(c, buf, n, addr, &w);
		if (err != NULL)
			fprintf(
			    stderr, "udpecho: %s\n", runtime_error_Error(err));
		runtime_error_Free(err);
		free(addr);
	}
	fprintf(stderr, "udpecho: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	runtime_error_Free(net_PacketConn_Close(c));
	net_PacketConn_Free(c);
	return 1;
}
