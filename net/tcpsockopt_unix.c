/*
 * C port of go1.19 src/net/tcpsockopt_unix.go (built on: aix || freebsd ||
 * linux || netbsd), with setNoDelay from tcpsockopt_posix.go (built on:
 * unix || windows), which has no file of its own here.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "net/net_impl.h"

/* roundDurationUp is tcpsock.go's: d in units of to, rounded up. */
static time_Duration
roundDurationUp(time_Duration d, time_Duration to)
{
	return (d + to - 1) / to;
}

runtime_error *
net_setNoDelay(net_netFD *fd, bool noDelay)
{
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(
		fd, IPPROTO_TCP, TCP_NODELAY, net_boolint(noDelay)));
}

/*
 * net_setKeepAlivePeriod uses d both as the idle time before the first
 * probe and as the interval between probes.  The kernel counts whole
 * seconds, so d is rounded up: a period never becomes shorter than asked.
 */
runtime_error *
net_setKeepAlivePeriod(net_netFD *fd, time_Duration d)
{
	runtime_error *err;
	int	       secs;

	secs = (int)roundDurationUp(d, time_Second);
	if ((err = net_netFD_setsockoptInt(
		 fd, IPPROTO_TCP, TCP_KEEPINTVL, secs)) != NULL)
		return net_wrapSyscallError("setsockopt", err);
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(fd, IPPROTO_TCP, TCP_KEEPIDLE, secs));
}
