/* C port of go1.19 src/net/unixsock.go: UnixAddr (UnixConn comes later). */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/* Go dereferences a nil *UnixAddr here and panics; so does gonet. */
const char *
net_UnixAddr_Network(const net_UnixAddr *a)
{
	if (a == NULL)
		runtime_throw(
		    "invalid memory address or nil pointer dereference");
	return a->Net != NULL ? a->Net : "";
}

char *
net_UnixAddr_String(const net_UnixAddr *a)
{
	if (a == NULL)
		return runtime_strdup("<nil>");
	return runtime_strdup(a->Name != NULL ? a->Name : "");
}

bool
net_UnixAddr_isWildcard(const net_UnixAddr *a)
{
	return a == NULL || a->Name == NULL || a->Name[0] == '\0';
}

net_Addr *
net_UnixAddr_opAddr(net_UnixAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_UnixAddr_Addr(a);
}

/* Name and Net live right after the struct: one free() releases all. */
net_UnixAddr *
net_newUnixAddr(const char *name, const char *net)
{
	net_UnixAddr *a;
	size_t	      n, m;
	char	     *p;

	if (name == NULL)
		name = "";
	if (net == NULL)
		net = "";
	n = strlen(name) + 1;
	m = strlen(net) + 1;
	a = runtime_malloc(sizeof(*a) + n + m);
	a->addr.type = &net_UnixAddrType;
	p = (char *)(a + 1);
	a->Name = memcpy(p, name, n);
	a->Net = memcpy(p + n, net, m);
	return a;
}

static const char *
UnixAddr_Network(const net_Addr *a)
{
	return net_UnixAddr_Network((const net_UnixAddr *)a);
}

static char *
UnixAddr_String(const net_Addr *a)
{
	return net_UnixAddr_String((const net_UnixAddr *)a);
}

static net_Addr *
UnixAddr_clone(const net_Addr *addr)
{
	const net_UnixAddr *a = (const net_UnixAddr *)addr;

	return &net_newUnixAddr(a->Name, a->Net)->addr;
}

const net_addrType net_UnixAddrType = {
	.Network = UnixAddr_Network,
	.String = UnixAddr_String,
	.clone = UnixAddr_clone,
};

runtime_error *
net_ResolveUnixAddr(
    const char *network, const char *address, net_UnixAddr **addr)
{
	*addr = NULL;
	if (strcmp(network, "unix") == 0 || strcmp(network, "unixgram") == 0 ||
	    strcmp(network, "unixpacket") == 0) {
		*addr = net_newUnixAddr(address, network);
		return NULL;
	}
	return net_newUnknownNetworkError(network);
}
