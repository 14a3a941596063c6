/*
 * gonet net: the query side's declarations that need dnsconfig.h's types
 * (hostLookupOrder), private to net/ and the tests.  It includes
 * dnsconfig.h, so a file that includes it needs nothing else.
 */
#ifndef GONET_NET_DNSCLIENT_H
#define GONET_NET_DNSCLIENT_H

#include "net/dnsconfig.h"

/* dnsclient_unix.c */
/*
 * net_Resolver_goLookupHostOrder is Go's goLookupHostOrder: addresses as
 * text in one free()able block (net_newStrings).
 */
runtime_error *net_Resolver_goLookupHostOrder(net_Resolver *r,
    context_Context *ctx, const char *name, net_hostLookupOrder order,
    char ***addrs, int *n);
/*
 * net_Resolver_goLookupIPCNAMEOrder is Go's goLookupIPCNAMEOrder; cname
 * may be NULL.  Addresses as net_Resolver_lookupIPAddr's.
 */
runtime_error *net_Resolver_goLookupIPCNAMEOrder(net_Resolver *r,
    context_Context *ctx, const char *network, const char *name,
    net_hostLookupOrder order, net_IPAddr **addrs, int *naddrs,
    dnsmessage_Name *cname);
/*
 * The biggest answer a UDP query invites: the EDNS0 size Go advertises,
 * which DNS Flag Day 2020 settled on as safe from fragmentation.
 */
enum { net_maxDNSPacketSize = 1232 };
/*
 * The pieces of the exchange the tests reach (Go's tests call them
 * directly): exchange, dnsPacketRoundTrip (on a's Parser and message, as
 * net_dnsAnswer says), avoidDNS and nameList (count strings, each and the
 * array malloc'd: net_freeNameList).
 */
runtime_error *net_Resolver_exchange(net_Resolver *r, context_Context *ctx,
    const char *server, dnsmessage_Question q, time_Duration timeout,
    bool useTCP, dnsmessage_Header *h, net_dnsAnswer *a);
runtime_error *net_dnsPacketRoundTrip(net_Conn *c, uint16_t id,
    const dnsmessage_Question *query, const uint8_t *b, size_t blen,
    dnsmessage_Header *h, net_dnsAnswer *a);
runtime_error *net_Resolver_tryOneName(net_Resolver *r, context_Context *ctx,
    net_dnsConfig *cfg, const char *name, dnsmessage_Type qtype,
    net_dnsAnswer *a);
bool	       net_avoidDNS(const char *name);
char **net_dnsConfig_nameList(net_dnsConfig *conf, const char *name, int *n);
void   net_freeNameList(char **names, int n);
/*
 * Go's resolvConfTest: forceUpdate reads name into the shared config and
 * sets when it was last checked (an hour ahead keeps /etc/resolv.conf
 * from coming back); dnsConfig is the config in use, borrowed.
 */
runtime_error *net_resolvConf_forceUpdate(
    const char *name, time_Time lastChecked);
net_dnsConfig *net_resolvConf_dnsConfig(void);
/*
 * net_dnsWaitGroup counts the A/AAAA query goroutines in flight, Go's
 * dnsWaitGroup, so that tests can wait for them before counting fds.
 */
extern sync_WaitGroup net_dnsWaitGroup;

#endif /* GONET_NET_DNSCLIENT_H */
