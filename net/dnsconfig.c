/* C port of go1.19 src/net/dnsconfig.go */
#include <sys/utsname.h>

#include <errno.h>
#include <stdlib.h>

#include "net/dnsconfig.h"

const net_string net_defaultNS[2] = {
	{ "127.0.0.1:53", 12 },
	{ "[::1]:53", 8 },
};

/*
 * net_osHostname is os.Hostname: uname's node name, which on Linux holds
 * the whole host name (the kernel caps it at 64 bytes and Nodename has
 * room for them and a NUL), so Go's /proc fallback for a truncated name
 * never changes the answer.
 */
runtime_error *
net_osHostname(char **name)
{
	struct utsname un;

	*name = NULL;
	if (uname(&un) < 0)
		return os_NewSyscallError(
		    "uname", syscall_Errno_Err((syscall_Errno)errno));
	*name = runtime_strdup(un.nodename);
	return NULL;
}

runtime_error *(*net_getHostname)(char **name) = net_osHostname;

/*
 * net_dnsConfig_serverOffset hands each query the next server when rotate
 * is set; the counter is atomic because lookups run in parallel.
 */
uint32_t
net_dnsConfig_serverOffset(net_dnsConfig *c)
{
	if (c->rotate)
		return atomic_fetch_add(&c->soffset, 1);
	return 0;
}

void
net_freeStrings(net_string *a, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free((char *)a[i].p);
	free(a);
}

void
net_dnsConfig_free(net_dnsConfig *conf)
{
	if (conf == NULL)
		return;
	net_freeStrings(conf->servers, conf->nservers);
	net_freeStrings(conf->search, conf->nsearch);
	net_freeStrings(conf->lookup, conf->nlookup);
	runtime_error_Free(conf->err);
	free(conf);
}
