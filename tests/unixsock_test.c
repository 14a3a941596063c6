/*
 * C port of go1.19 src/net/unixsock_test.go.  Every test there
 * (TestReadUnixgramWithUnnamedSocket, TestUnixgramZeroBytePayload,
 * TestUnixgramZeroByteBuffer, TestUnixgramWrite,
 * TestUnixConnLocalAndRemoteNames, TestUnixgramConnLocalAndRemoteNames,
 * TestUnixUnlink) needs sockets: they come with the socket layer.
 */
#include "tests/main_test.h"

Suite *
unixsock_suite(void)
{
	return suite_create("unixsock");
}
