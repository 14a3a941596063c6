/*
 * gonet netprobe (C only): the interface ops of the differential harness
 * (Interfaces, InterfaceByName, InterfaceByIndex).  The output format is
 * documented at the top of the Go twin, tests/diff/netprobe.go, whose
 * writeInterface and writeAddrList these follow.  Public API only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"
#include "tools/netprobe.h"

/* addrTypeName is Go's %T of the addresses an interface list holds. */
static const char *
addrTypeName(const net_Addr *a)
{
	if (net_Addr_IPNet(a) != NULL)
		return "*net.IPNet";
	if (net_Addr_IPAddr(a) != NULL)
		return "*net.IPAddr";
	return "?";
}

static void
writeAddrList(net_Addr **addrs, size_t n)
{
	size_t i;

	fputs("[", stdout);
	for (i = 0; i < n; i++) {
		printf("%s%s:", i > 0 ? " " : "", addrTypeName(addrs[i]));
		putqf(net_Addr_String(addrs[i]));
	}
	fputs("]", stdout);
	free(addrs);
}

/* writeList prints " NAME=ADDRS" or " NAME-ERR" for one list call. */
static void
writeList(const char *name, runtime_error *err, net_Addr **addrs, size_t n)
{
	if (err != NULL) {
		printf(" %s-", name);
		writeErr(err);
		return;
	}
	printf(" %s=", name);
	writeAddrList(addrs, n);
}

static void
writeInterface(const net_Interface *ifi)
{
	runtime_error *err;
	net_Addr     **addrs;
	size_t	       n;

	printf("index=%d name=", ifi->Index);
	putq(ifi->Name);
	printf(" mtu=%d hw=", ifi->MTU);
	putqf(net_HardwareAddr_String(ifi->HardwareAddr));
	fputs(" flags=", stdout);
	putqf(net_Flags_String(ifi->Flags));
	err = net_Interface_Addrs(ifi, &addrs, &n);
	writeList("addrs", err, addrs, n);
	err = net_Interface_MulticastAddrs(ifi, &addrs, &n);
	writeList("mcast", err, addrs, n);
}

static bool
sameInterface(const net_Interface *a, const net_Interface *b)
{
	return a->Index == b->Index && a->MTU == b->MTU &&
	    strcmp(a->Name, b->Name) == 0 &&
	    a->HardwareAddr.len == b->HardwareAddr.len &&
	    memcmp(a->HardwareAddr.b, b->HardwareAddr.b, a->HardwareAddr.len) ==
	    0 &&
	    a->Flags == b->Flags;
}

/* found prints " NAME=B": whether a lookup gave back an equal ifi. */
static void
found(const char *name, runtime_error *err, net_Interface *got,
    const net_Interface *want)
{
	printf(" %s=%s", name, tf(err == NULL && sameInterface(got, want)));
	runtime_error_Free(err);
	free(got);
}

const char *
opInterfaces(arg *a)
{
	net_Interface *ift, *ifi;
	runtime_error *err;
	net_Addr     **addrs;
	size_t	       i, n;

	(void)a;
	if ((err = net_Interfaces(&ift, &n)) != NULL) {
		writeErr(err);
		return NULL;
	}
	printf("n=%zu", n);
	for (i = 0; i < n; i++) {
		fputs("; ", stdout);
		writeInterface(&ift[i]);
		err = net_InterfaceByName(ift[i].Name, &ifi);
		found("byname", err, ifi, &ift[i]);
		err = net_InterfaceByIndex(ift[i].Index, &ifi);
		found("byindex", err, ifi, &ift[i]);
	}
	free(ift);
	err = net_InterfaceAddrs(&addrs, &n);
	fputs(";", stdout);
	writeList("all", err, addrs, n);
	return NULL;
}

const char *
opInterfaceByName(arg *a)
{
	net_Interface *ifi;
	runtime_error *err;

	if ((err = net_InterfaceByName(a[0].s, &ifi)) != NULL) {
		writeErr(err);
		return NULL;
	}
	writeInterface(ifi);
	free(ifi);
	return NULL;
}

const char *
opInterfaceByIndex(arg *a)
{
	net_Interface *ifi;
	runtime_error *err;
	int	       n;

	if (!parseInt32(a[0].s, &n))
		return "bad integer";
	if ((err = net_InterfaceByIndex(n, &ifi)) != NULL) {
		writeErr(err);
		return NULL;
	}
	writeInterface(ifi);
	free(ifi);
	return NULL;
}
