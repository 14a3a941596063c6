/*
 * sockinfo: the socket options the routing proof is about, read from a
 * descriptor.  Shared by tools/netprobe and tools/sockopts so that the two
 * cannot read them differently; the Go twins in tests/diff read the same
 * set.
 */
#ifndef GONET_TOOLS_SOCKINFO_H
#define GONET_TOOLS_SOCKINFO_H

/* Each field is the option's value as text, "-" if it does not apply, or
 * "err" if reading it failed. */
typedef struct sockinfo {
	char reuseaddr[16];
	char reuseport[16];
	char broadcast[16];
	char v6only[16]; /* "-" unless the socket is AF_INET6 */
	char sotype[16]; /* stream, dgram, seqpacket, or the number */
	char nonblock[4];
	char cloexec[4];
} sockinfo;

void sockinfo_read(int fd, sockinfo *si);

#endif /* GONET_TOOLS_SOCKINFO_H */
