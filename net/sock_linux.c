/* C port of go1.19 src/net/sock_linux.go (built on: linux) */
#include <sys/socket.h>
#include <sys/utsname.h>

#include <stdlib.h>

#include "net/net_impl.h"

/*
 * Go's syscall.SOMAXCONN on Linux is 0x80; libc's SOMAXCONN has since
 * grown with the kernel's default (4096), so gonet spells out Go's value.
 */
enum { syscall_SOMAXCONN = 0x80 };

/*
 * net_kernelVersion returns the running kernel's major and minor version,
 * (0, 0) when uname fails.  Like Go, it walks the whole release field,
 * NUL padding included, so a bare "5" still ends in a separator.
 */
void
net_kernelVersion(int *major, int *minor)
{
	struct utsname uname_;
	int	       values[2], vi, value;
	size_t	       i;
	char	       c;

	*major = 0;
	*minor = 0;
	if (uname(&uname_) != 0)
		return;
	values[0] = values[1] = 0;
	vi = 0;
	value = 0;
	for (i = 0; i < sizeof(uname_.release); i++) {
		c = uname_.release[i];
		if (c >= '0' && c <= '9') {
			value = value * 10 + (c - '0');
		} else {
			/* Anything but N.N.N will probably be misread. */
			values[vi] = value;
			vi++;
			if (vi >= (int)nelem(values))
				break;
			value = 0;
		}
	}
	switch (vi) {
	case 0:
		break;
	case 1:
		*major = values[0];
		break;
	case 2:
		*major = values[0];
		*minor = values[1];
		break;
	}
}

/*
 * net_maxAckBacklog clamps n to what the kernel's accept queue length can
 * hold: Linux 4.1 widened sk_max_ack_backlog from 16 to 32 bits, and an
 * older kernel would silently truncate a larger backlog.
 */
int
net_maxAckBacklog(int n)
{
	unsigned long max;
	int	      major, minor, size;

	net_kernelVersion(&major, &minor);
	size = 16;
	if (major > 4 || (major == 4 && minor >= 1))
		size = 32;
	max = (1UL << size) - 1;
	if ((unsigned long)(unsigned int)n > max)
		n = (int)max;
	return n;
}

/*
 * net_maxListenerBacklog returns the backlog listen asks for: the system's
 * own limit, so that the kernel, not gonet, is what caps the queue.
 */
int
net_maxListenerBacklog(void)
{
	net_file      *fd;
	net_string    *f;
	runtime_error *err;
	char	      *l;
	size_t	       ln, nf;
	int	       n, i;
	bool	       ok;

	if ((err = net_open("/proc/sys/net/core/somaxconn", &fd)) != NULL) {
		runtime_error_Free(err);
		return syscall_SOMAXCONN;
	}
	if (!net_file_readLine(fd, &l, &ln)) {
		net_file_close(fd);
		return syscall_SOMAXCONN;
	}
	f = net_getFields(l, ln, &nf);
	n = 0;
	ok = false;
	if (nf > 0)
		ok = net_dtoi(f[0].p, f[0].n, &n, &i);
	free(f);
	net_file_close(fd);
	if (n == 0 || !ok)
		return syscall_SOMAXCONN;
	if (n > (1 << 16) - 1)
		return net_maxAckBacklog(n);
	return n;
}

/*
 * net_listenerSockaddr decides, from the kind of address a listener binds
 * to, which listener options its socket s gets, and writes the sockaddr to
 * bind in *lsa.  A stream listener (TCPAddr, UnixAddr on a socket of type
 * sotype SOCK_STREAM or SOCK_SEQPACKET) may rebind an address still in
 * TIME_WAIT.  A UDP listener on a multicast group binds
 * the wildcard address of family f with the group's port instead, with
 * the address reusable, so that several listeners can share the port and
 * each join groups on it; *la then points at v, which holds that wildcard
 * address (Go's addr := *addr; laddr = &addr) and which the caller keeps
 * alive while it uses *la.  Every other address binds as it is.
 */
runtime_error *
net_listenerSockaddr(int s, int f, int sotype, const net_Addr **la,
    net_UDPAddr *v, syscall_Sockaddr *lsa)
{
	const net_Addr	  *a;
	const net_UDPAddr *u;
	runtime_error	  *err;

	a = *la;
	if (a->type == &net_TCPAddrType || a->type == &net_UnixAddrType) {
		/* Go 1.19 leaves a unixgram listener's options alone. */
		if (sotype == SOCK_STREAM || sotype == SOCK_SEQPACKET) {
			err = net_setDefaultListenerSockopts(s);
			if (err != NULL)
				return err;
		}
	} else if (a->type == &net_UDPAddrType) {
		u = (const net_UDPAddr *)a;
		if (u->IP.len != 0 && net_IP_IsMulticast(u->IP)) {
			if ((err = net_setDefaultMulticastSockopts(s)) != NULL)
				return err;
			*v = *u;
			switch (f) {
			case AF_INET:
				v->IP = net_IPv4zero;
				break;
			case AF_INET6:
				v->IP = net_IPv6unspecified;
				break;
			}
			*la = &v->addr;
		}
	}
	return net_sockaddr_sockaddr(*la, f, lsa);
}
