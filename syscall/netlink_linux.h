/*
 * gonet package syscall, Linux only: Go's netlink_linux.go routing-socket
 * helpers, which net's interface_linux.c reads the interface table with.
 * Slices are malloc'd arrays (free() releases them) whose Data and Value
 * point into the buffer they were parsed from.
 */
#ifndef GONET_SYSCALL_NETLINK_LINUX_H
#define GONET_SYSCALL_NETLINK_LINUX_H

#include <stddef.h>
#include <stdint.h>

#include "syscall/syscall.h"

/* Go's NlMsghdr and RtAttr: the kernel's nlmsghdr and rtattr. */
typedef struct syscall_NlMsghdr {
	uint32_t Len;
	uint16_t Type;
	uint16_t Flags;
	uint32_t Seq;
	uint32_t Pid;
} syscall_NlMsghdr;

typedef struct syscall_RtAttr {
	uint16_t Len;
	uint16_t Type;
} syscall_RtAttr;

typedef struct syscall_NetlinkMessage {
	syscall_NlMsghdr Header;
	const uint8_t	*Data;
	size_t		 DataLen;
} syscall_NetlinkMessage;

typedef struct syscall_NetlinkRouteAttr {
	syscall_RtAttr Attr;
	const uint8_t *Value;
	size_t	       ValueLen;
} syscall_NetlinkRouteAttr;

syscall_Errno syscall_NetlinkRIB(
    int proto, int family, uint8_t **tab, size_t *n);
syscall_Errno syscall_ParseNetlinkMessage(
    const uint8_t *b, size_t n, syscall_NetlinkMessage **msgs, size_t *nmsgs);
syscall_Errno syscall_ParseNetlinkRouteAttr(const syscall_NetlinkMessage *m,
    syscall_NetlinkRouteAttr **attrs, size_t *nattrs);

#endif /* GONET_SYSCALL_NETLINK_LINUX_H */
