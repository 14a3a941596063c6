/* C port of go1.19 src/net/hook.go */
#include "net/net_impl.h"

/* testHookHostsPath lives in hosts.c, beside the only code that reads it. */

/* A non-NULL net_testHookDialTCP replaces dialTCP, for the dial tests. */
runtime_error *(*net_testHookDialTCP)(context_Context *ctx, const char *net,
    const net_TCPAddr *laddr, const net_TCPAddr *raddr, net_TCPConn **c);

static void
noSetKeepAlive(time_Duration d)
{
	(void)d;
}

/* The dialer reports the keep-alive period it set, for the tests. */
void (*net_testHookSetKeepAlive)(time_Duration) = noSetKeepAlive;

/*
 * The default testHookLookupIP just asks the resolver; tests swap in one
 * that fails without any name being looked up.
 */
static runtime_error *
lookupIP(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	return fn(r, ctx, network, host, addrs, naddrs);
}

net_testHookLookupIPFunc net_testHookLookupIP = lookupIP;
