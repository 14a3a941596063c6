/*
 * C port of go1.19 src/net/tcpsockopt_unix.go (built on: aix || freebsd ||
 * linux || netbsd).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "net/net_impl.h"

/*
 * roundDurationUp is tcpsock.go's: d in units of to, rounded up.  Near the
 * largest Duration Go's sum wraps to a negative number; the unsigned sum
 * wraps the same way without C's undefined signed overflow.
 */
static time_Duration
roundDurationUp(time_Duration d, time_Duration to)
{
	return (time_Duration)((uint64_t)d + (uint64_t)to - 1) / to;
}

/*
 * net_setKeepAlivePeriod uses d both as the idle time before the first
 * probe and as the interval between probes.  The kernel counts whole
 * seconds, so d is rounded up: a period never becomes shorter than asked.
 * Go's SetsockoptInt hands the kernel int32(secs), the low 32 bits; the
 * int32_t conversion keeps the same bits, so a huge d that wraps to a
 * small count sets that count, as in Go.
 */
runtime_error *
net_setKeepAlivePeriod(net_netFD *fd, time_Duration d)
{
	runtime_error *err;
	int32_t	       secs;

	secs = (int32_t)roundDurationUp(d, time_Second);
	if ((err = net_netFD_setsockoptInt(
		 fd, IPPROTO_TCP, TCP_KEEPINTVL, secs)) != NULL)
		return net_wrapSyscallError("setsockopt", err);
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(fd, IPPROTO_TCP, TCP_KEEPIDLE, secs));
}
