/* C port of go1.19 src/syscall/netlink_linux.go */
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/linkname.h"
#include "syscall/netlink_linux.h"

_Static_assert(sizeof(syscall_NlMsghdr) == sizeof(struct nlmsghdr),
    "NlMsghdr is the kernel's nlmsghdr");
_Static_assert(sizeof(syscall_RtAttr) == sizeof(struct rtattr),
    "RtAttr is the kernel's rtattr");

static size_t
nlmAlignOf(size_t msglen)
{
	return (msglen + NLMSG_ALIGNTO - 1) & ~(size_t)(NLMSG_ALIGNTO - 1);
}

static size_t
rtaAlignOf(size_t attrlen)
{
	return (attrlen + RTA_ALIGNTO - 1) & ~(size_t)(RTA_ALIGNTO - 1);
}

/* newNetlinkRouteRequest is Go's dump request: a header and an rtgenmsg. */
static void
newNetlinkRouteRequest(int proto, int seq, int family, uint8_t *b, size_t *n)
{
	syscall_NlMsghdr h;

	memset(&h, 0, sizeof(h));
	h.Len = NLMSG_HDRLEN + sizeof(struct rtgenmsg);
	h.Type = (uint16_t)proto;
	h.Flags = NLM_F_DUMP | NLM_F_REQUEST;
	h.Seq = (uint32_t)seq;
	memset(b, 0, h.Len);
	memcpy(b, &h, sizeof(h));
	b[NLMSG_HDRLEN] = (uint8_t)family;
	*n = h.Len;
}

/*
 * checkReply scans one received chunk: every message must answer our
 * request (seq 1, our port id); *done says the dump has ended.
 */
static syscall_Errno
checkReply(const uint8_t *rb, size_t nr, uint32_t pid, bool *done)
{
	syscall_NetlinkMessage *msgs;
	syscall_Errno		e;
	size_t			i, n;

	if ((e = syscall_ParseNetlinkMessage(rb, nr, &msgs, &n)) != 0)
		return e;
	for (i = 0; i < n && !*done && e == 0; i++) {
		if (msgs[i].Header.Seq != 1 || msgs[i].Header.Pid != pid)
			e = EINVAL;
		else if (msgs[i].Header.Type == NLMSG_DONE)
			*done = true;
		else if (msgs[i].Header.Type == NLMSG_ERROR)
			e = EINVAL;
	}
	free(msgs);
	return e;
}

/* recvRIB appends replies to *tab until the dump's NLMSG_DONE. */
static syscall_Errno
recvRIB(int s, uint32_t pid, uint8_t **tab, size_t *n)
{
	syscall_Errno e;
	uint8_t	     *rb;
	size_t	      pagesize;
	ssize_t	      nr;
	bool	      done;

	pagesize = (size_t)sysconf(_SC_PAGESIZE);
	rb = runtime_malloc(pagesize);
	e = 0;
	for (done = false; !done && e == 0;) {
		nr = recvfrom(s, rb, pagesize, 0, NULL, NULL);
		if (nr < 0) {
			e = errno;
			break;
		}
		if ((size_t)nr < NLMSG_HDRLEN) {
			e = EINVAL;
			break;
		}
		*tab = runtime_realloc(*tab, *n + (size_t)nr);
		memcpy(*tab + *n, rb, (size_t)nr);
		*n += (size_t)nr;
		e = checkReply(rb, (size_t)nr, pid, &done);
	}
	free(rb);
	return e;
}

/*
 * syscall_NetlinkRIB dumps one routing table (RTM_GETLINK, RTM_GETADDR,
 * ...) into a malloc'd buffer *tab of *n bytes that free() releases.
 */
syscall_Errno
syscall_NetlinkRIB(int proto, int family, uint8_t **tab, size_t *n)
{
	struct sockaddr_nl sa, lsa;
	socklen_t	   salen;
	syscall_Errno	   e;
	uint8_t		   wb[NLMSG_HDRLEN + sizeof(struct rtgenmsg)];
	size_t		   wn;
	int		   s;

	*tab = NULL;
	*n = 0;
	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (s < 0)
		return errno;
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	e = 0;
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		goto fail;
	newNetlinkRouteRequest(proto, 1, family, wb, &wn);
	if (sendto(s, wb, wn, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	salen = sizeof(lsa);
	if (getsockname(s, (struct sockaddr *)&lsa, &salen) != 0)
		goto fail;
	if (lsa.nl_family != AF_NETLINK) {
		e = EINVAL;
		goto out;
	}
	e = recvRIB(s, lsa.nl_pid, tab, n);
	goto out;
fail:
	e = errno;
out:
	close(s);
	if (e != 0) {
		free(*tab);
		*tab = NULL;
		*n = 0;
	}
	return e;
}

/*
 * syscall_ParseNetlinkMessage splits b into messages; *msgs is malloc'd
 * (free() releases it) and its Data point into b.
 */
syscall_Errno
syscall_ParseNetlinkMessage(
    const uint8_t *b, size_t n, syscall_NetlinkMessage **msgs, size_t *nmsgs)
{
	syscall_NlMsghdr h;
	size_t		 l, cap;

	*msgs = NULL;
	*nmsgs = 0;
	cap = 0;
	while (n >= NLMSG_HDRLEN) {
		memcpy(&h, b, sizeof(h));
		l = nlmAlignOf(h.Len);
		if (h.Len < NLMSG_HDRLEN || l > n) {
			free(*msgs);
			*msgs = NULL;
			*nmsgs = 0;
			return EINVAL;
		}
		if (*nmsgs == cap) {
			cap = cap == 0 ? 16 : 2 * cap;
			*msgs = runtime_realloc(*msgs, cap * sizeof(**msgs));
		}
		(*msgs)[*nmsgs].Header = h;
		(*msgs)[*nmsgs].Data = b + NLMSG_HDRLEN;
		(*msgs)[*nmsgs].DataLen = h.Len - NLMSG_HDRLEN;
		(*nmsgs)++;
		b += l;
		n -= l;
	}
	return 0;
}

/* fixedHeaderLen is the size of the family header an rtnetlink type has. */
static bool
fixedHeaderLen(uint16_t typ, size_t *l)
{
	switch (typ) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		*l = sizeof(struct ifinfomsg);
		return true;
	case RTM_NEWADDR:
	case RTM_DELADDR:
		*l = sizeof(struct ifaddrmsg);
		return true;
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		*l = sizeof(struct rtmsg);
		return true;
	}
	return false;
}

/*
 * syscall_ParseNetlinkRouteAttr lists m's attributes; *attrs is malloc'd
 * and its Values point into m's data.
 */
syscall_Errno
syscall_ParseNetlinkRouteAttr(const syscall_NetlinkMessage *m,
    syscall_NetlinkRouteAttr **attrs, size_t *nattrs)
{
	syscall_RtAttr a;
	const uint8_t *b;
	size_t	       n, skip, cap;

	*attrs = NULL;
	*nattrs = 0;
	if (!fixedHeaderLen(m->Header.Type, &skip))
		return EINVAL;
	if (skip > m->DataLen)
		return EINVAL; /* Go's slice expression would panic */
	b = m->Data + skip;
	n = m->DataLen - skip;
	cap = 0;
	while (n >= sizeof(syscall_RtAttr)) {
		memcpy(&a, b, sizeof(a));
		if (a.Len < sizeof(syscall_RtAttr) || a.Len > n) {
			free(*attrs);
			*attrs = NULL;
			*nattrs = 0;
			return EINVAL;
		}
		if (*nattrs == cap) {
			cap = cap == 0 ? 16 : 2 * cap;
			*attrs = runtime_realloc(*attrs, cap * sizeof(**attrs));
		}
		(*attrs)[*nattrs].Attr = a;
		(*attrs)[*nattrs].Value = b + sizeof(syscall_RtAttr);
		(*attrs)[*nattrs].ValueLen = a.Len - sizeof(syscall_RtAttr);
		(*nattrs)++;
		skip = rtaAlignOf(a.Len);
		if (skip > n)
			skip = n;
		b += skip;
		n -= skip;
	}
	return 0;
}
