/*
 * C port of go1.19 src/net/sockaddr_posix.go, built on: unix || (js &&
 * wasm) || windows.  Go's sockaddr interface is the Addr that the socket
 * layer can turn into a syscall.Sockaddr.  Its four methods are slots of
 * the Addr method table (net_addrType), filled in by TCPAddr, UDPAddr,
 * IPAddr and UnixAddr (their *sock.c tables, over the *sock_posix.c
 * methods); these are the interface calls, as net_Conn_Read is Conn's.
 * a must be one of those four types, as Go's conversion to sockaddr
 * requires.
 */
#include "net/net_impl.h"

int
net_sockaddr_family(const net_Addr *a)
{
	return a->type->family(a);
}

bool
net_sockaddr_isWildcard(const net_Addr *a)
{
	return a->type->isWildcard(a);
}

/* sa gets Family 0 where Go returns a nil Sockaddr (a nil address). */
runtime_error *
net_sockaddr_sockaddr(const net_Addr *a, int family, syscall_Sockaddr *sa)
{
	return a->type->sockaddr(a, family, sa);
}

/* toLocal returns a one-block heap address (free()). */
net_Addr *
net_sockaddr_toLocal(const net_Addr *a, const char *net)
{
	return a->type->toLocal(a, net);
}
