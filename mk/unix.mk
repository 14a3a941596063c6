# Every Unix: the files whose Go twins build on unix (or unix || windows).
# mk/$(OS).mk adds the files of narrower build constraints on top.
UNIX_SRCS = syscall/syscall_unix.c syscall/sockcmsg_unix.c runtime/signal_unix.c \
	net/port_unix.c net/lookup_unix.c net/dnsclient_unix.c \
	net/dnsconfig_unix.c net/fd_unix.c net/hook_unix.c \
	net/error_posix.c net/sock_posix.c net/sockopt_posix.c \
	net/sockoptip_posix.c net/ipsock_posix.c net/tcpsock_posix.c \
	net/tcpsockopt_posix.c net/iprawsock_posix.c net/udpsock_posix.c \
	net/unixsock_posix.c net/file_unix.c os/file_posix.c os/file_unix.c \
	net/fd_posix.c net/sockaddr_posix.c net/writev.c net/writev_unix.c
UNIX_TEST_SRCS = tests/tcpsock_unix_test.c tests/dial_unix_test.c \
	tests/error_posix_test.c tests/unixsock_readmsg_test.c \
	tests/fd_posix_test.c tests/dnsconfig_unix_test.c \
	tests/nss_test.c tests/conf_test.c tests/addrselect_test.c \
	tests/interface_unix_test.c tests/file_test.c tests/read_test.c \
	tests/writev_test.c tests/poll_writev_test.c tests/dnsclient_unix_test.c \
	tests/netgo_unix_test.c
