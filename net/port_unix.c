/*
 * C port of go1.19 src/net/port_unix.go
 * built on: unix || (js && wasm)
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

static sync_Once net_onceReadServices;

const char *net_testHookServicesPath = "/etc/services";

/*
 * net_readServices adds every name and alias of the services file to the
 * services table under the network its port/network field names.  A
 * missing file leaves the built-in table as it is.
 */
void
net_readServices(void)
{
	runtime_error *err;
	net_string    *f, portnet;
	net_file      *file;
	size_t	       nf, i, n;
	char	      *line, *hash;
	int	       port, j;

	if ((err = net_open(net_testHookServicesPath, &file)) != NULL) {
		runtime_error_Free(err);
		return;
	}
	while (net_file_readLine(file, &line, &n)) {
		/* "http 80/tcp www www-http # World Wide Web HTTP" */
		if ((hash = memchr(line, '#', n)) != NULL)
			n = (size_t)(hash - line);
		f = net_getFields(line, n, &nf);
		if (nf < 2)
			goto next;
		portnet = f[1];
		if (!net_dtoi(portnet.p, portnet.n, &port, &j) || port <= 0 ||
		    (size_t)j >= portnet.n || portnet.p[j] != '/')
			goto next;
		/*
		 * The network is what follows the slash: "tcp".  A network or
		 * name with a NUL byte is left out, as in readHosts.
		 */
		if (memchr(portnet.p, '\0', portnet.n) != NULL)
			goto next;
		for (i = 0; i < nf; i++)
			if (i != 1 && memchr(f[i].p, '\0', f[i].n) == NULL)
				net_services_set(portnet.p + j + 1,
				    portnet.n - (size_t)j - 1, f[i].p, f[i].n,
				    port);
	next:
		free(f);
	}
	net_file_close(file);
}

/* readServicesOnce is net_readServices in sync_Once's shape. */
static void
net_readServicesOnce(void *unused)
{
	(void)unused;
	net_readServices();
}

/*
 * net_goLookupPort answers from the services table, reading
 * /etc/services into it on first use.
 */
runtime_error *
net_goLookupPort(const char *network, const char *service, int *port)
{
	sync_Once_Do(&net_onceReadServices, net_readServicesOnce, NULL);
	return net_lookupPortMap(network, service, port);
}
