/* C port of go1.19 src/syscall/sockcmsg_unix.go */
/* built on: unix */
/*
 * Go aligns with its own cmsgAlignOf (sockcmsg_unix_other.go, by GOOS);
 * libc's CMSG_ALIGN, CMSG_LEN and CMSG_SPACE are the same rule for the
 * platform being built, so they stand in for it.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "syscall/syscall_impl.h"

size_t
syscall_CmsgLen(size_t datalen)
{
	return CMSG_LEN(datalen);
}

size_t
syscall_CmsgSpace(size_t datalen)
{
	return CMSG_SPACE(datalen);
}

/*
 * socketControlMessageHeaderAndData reads the header at b (which need not
 * be aligned) and finds its data, refusing a length that is shorter than
 * a header or runs past the buffer.
 */
static syscall_Errno
socketControlMessageHeaderAndData(
    const uint8_t *b, size_t len, syscall_SocketControlMessage *m)
{
	struct cmsghdr h;

	memcpy(&h, b, sizeof(h));
	if (h.cmsg_len < sizeof(h) || (uint64_t)h.cmsg_len > (uint64_t)len)
		return EINVAL;
	m->Header.Len = (uint64_t)h.cmsg_len;
	m->Header.Level = h.cmsg_level;
	m->Header.Type = h.cmsg_type;
	m->Data = b + CMSG_ALIGN(sizeof(h));
	m->DataLen = h.cmsg_len - CMSG_ALIGN(sizeof(h));
	return 0;
}

/*
 * syscall_ParseSocketControlMessage splits b into its messages: *msgs is
 * a malloc'd array of *n (free(); NULL when none) whose Data point into
 * b.  A malformed header gives EINVAL and nothing else, as in Go.  The
 * first pass checks and counts, the second fills, so that one block is
 * allocated once.
 */
syscall_Errno
syscall_ParseSocketControlMessage(
    const void *b, size_t len, syscall_SocketControlMessage **msgs, size_t *n)
{
	syscall_SocketControlMessage m;
	syscall_Errno		     err;
	size_t			     i, k, count;

	*msgs = NULL;
	*n = 0;
	count = 0;
	for (i = 0; i + CMSG_LEN(0) <= len; i += CMSG_ALIGN(m.Header.Len)) {
		err = socketControlMessageHeaderAndData(
		    (const uint8_t *)b + i, len - i, &m);
		if (err != 0)
			return err;
		count++;
	}
	if (count == 0)
		return 0;
	*msgs = runtime_malloc(count * sizeof(**msgs));
	for (i = 0, k = 0; k < count; i += CMSG_ALIGN(m.Header.Len), k++) {
		(void)socketControlMessageHeaderAndData(
		    (const uint8_t *)b + i, len - i, &m);
		(*msgs)[k] = m;
	}
	*n = count;
	return 0;
}

/*
 * syscall_UnixRights encodes fds as one SCM_RIGHTS message: a malloc'd
 * buffer (free()) of *len bytes, CmsgSpace of the data.
 */
void *
syscall_UnixRights(const int *fds, size_t nfds, size_t *len)
{
	struct cmsghdr h;
	uint8_t	      *b;
	size_t	       datalen, i;
	int32_t	       fd;

	datalen = nfds * sizeof(int32_t);
	*len = CMSG_SPACE(datalen);
	b = runtime_malloc(*len);
	memset(&h, 0, sizeof(h));
	h.cmsg_level = SOL_SOCKET;
	h.cmsg_type = SCM_RIGHTS;
	h.cmsg_len = CMSG_LEN(datalen);
	memcpy(b, &h, sizeof(h));
	for (i = 0; i < nfds; i++) {
		fd = (int32_t)fds[i];
		memcpy(b + CMSG_ALIGN(sizeof(h)) + i * sizeof(fd), &fd,
		    sizeof(fd));
	}
	return b;
}

/*
 * syscall_ParseUnixRights decodes an SCM_RIGHTS message: *fds is a
 * malloc'd array of *n descriptors (free(); NULL when none); any other
 * message is EINVAL.
 */
syscall_Errno
syscall_ParseUnixRights(
    const syscall_SocketControlMessage *m, int **fds, size_t *n)
{
	int32_t fd;
	size_t	i;

	*fds = NULL;
	*n = 0;
	if (m->Header.Level != SOL_SOCKET)
		return EINVAL;
	if (m->Header.Type != SCM_RIGHTS)
		return EINVAL;
	*n = m->DataLen / sizeof(int32_t);
	if (*n > 0)
		*fds = runtime_malloc(*n * sizeof(**fds));
	for (i = 0; i < *n; i++) {
		memcpy(&fd, m->Data + i * sizeof(fd), sizeof(fd));
		(*fds)[i] = fd;
	}
	return 0;
}
