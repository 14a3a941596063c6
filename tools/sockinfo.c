/* gonet tools (C only): reads the socket options both tools print. */
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "tools/sockinfo.h"

/* intopt formats one integer option into buf, or "err" when it fails. */
static void
intopt(int fd, int level, int opt, char *buf, size_t n)
{
	socklen_t len;
	int	  v;

	len = sizeof v;
	if (getsockopt(fd, level, opt, &v, &len) != 0)
		snprintf(buf, n, "err");
	else
		snprintf(buf, n, "%d", v);
}

static void
sotype(int fd, char *buf, size_t n)
{
	socklen_t len;
	int	  t;

	len = sizeof t;
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &t, &len) != 0) {
		snprintf(buf, n, "err");
		return;
	}
	switch (t) {
	case SOCK_STREAM:
		snprintf(buf, n, "stream");
		break;
	case SOCK_DGRAM:
		snprintf(buf, n, "dgram");
		break;
	case SOCK_SEQPACKET:
		snprintf(buf, n, "seqpacket");
		break;
	default:
		snprintf(buf, n, "%d", t);
	}
}

/* flag gives "1" or "0" for one fcntl flag, or "err". */
static void
flag(int fd, int cmd, int bit, char *buf, size_t n)
{
	int fl;

	fl = fcntl(fd, cmd);
	snprintf(buf, n, "%s", fl == -1 ? "err" : (fl & bit) != 0 ? "1" : "0");
}

void
sockinfo_read(int fd, sockinfo *si)
{
	socklen_t len;
	int	  dom;

	intopt(
	    fd, SOL_SOCKET, SO_REUSEADDR, si->reuseaddr, sizeof si->reuseaddr);
	intopt(
	    fd, SOL_SOCKET, SO_REUSEPORT, si->reuseport, sizeof si->reuseport);
	intopt(
	    fd, SOL_SOCKET, SO_BROADCAST, si->broadcast, sizeof si->broadcast);
	snprintf(si->v6only, sizeof si->v6only, "-");
	len = sizeof dom;
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &len) == 0 &&
	    dom == AF_INET6)
		intopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, si->v6only,
		    sizeof si->v6only);
	sotype(fd, si->sotype, sizeof si->sotype);
	flag(fd, F_GETFL, O_NONBLOCK, si->nonblock, sizeof si->nonblock);
	flag(fd, F_GETFD, FD_CLOEXEC, si->cloexec, sizeof si->cloexec);
}
