/* C port of go1.19 src/net/file.go */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * fileAddr is the Addr an error from FileConn and friends names: the
 * File's name, on the network "file+net".  One heap block: the string
 * follows the header.
 */
typedef struct fileAddr {
	net_Addr    addr;
	const char *name;
} fileAddr;

static net_Addr *newFileAddr(const char *name);

static const char *
fileAddr_Network(const net_Addr *a)
{
	(void)a;
	return "file+net";
}

static char *
fileAddr_String(const net_Addr *a)
{
	return runtime_strdup(((const fileAddr *)a)->name);
}

static net_Addr *
fileAddr_clone(const net_Addr *a)
{
	return newFileAddr(((const fileAddr *)a)->name);
}

const net_addrType net_fileAddrType = {
	.Network = fileAddr_Network,
	.String = fileAddr_String,
	.clone = fileAddr_clone,
};

static net_Addr *
newFileAddr(const char *name)
{
	fileAddr *a;
	size_t	  n;

	n = strlen(name) + 1;
	a = runtime_malloc(sizeof(*a) + n);
	a->addr.type = &net_fileAddrType;
	a->name = memcpy(a + 1, name, n);
	return &a->addr;
}

/* fileOpError is the OpError the three functions wrap a failure in. */
static runtime_error *
fileOpError(os_File *f, runtime_error *err)
{
	net_Addr      *addr;
	runtime_error *e;

	addr = newFileAddr(os_File_Name(f));
	e = net_newOpError("file", "file+net", NULL, addr, err);
	free(addr);
	return e;
}

/*
 * net_FileConn returns a network connection over a copy of f's
 * descriptor: closing one does not close the other.  The Conn is the
 * caller's (net_Conn_Free); *c is NULL on error.
 */
runtime_error *
net_FileConn(os_File *f, net_Conn **c)
{
	runtime_error *err;

	if ((err = net_fileConn(f, c)) != NULL)
		err = fileOpError(f, err);
	return err;
}

/* net_FileListener is FileConn for a listening socket. */
runtime_error *
net_FileListener(os_File *f, net_Listener **l)
{
	runtime_error *err;

	if ((err = net_fileListener(f, l)) != NULL)
		err = fileOpError(f, err);
	return err;
}

/* net_FilePacketConn is FileConn for a datagram socket. */
runtime_error *
net_FilePacketConn(os_File *f, net_PacketConn **c)
{
	runtime_error *err;

	if ((err = net_filePacketConn(f, c)) != NULL)
		err = fileOpError(f, err);
	return err;
}
