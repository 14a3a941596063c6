# Linux: the platform-suffixed files the Makefile adds to the common lists.
OS_CPPFLAGS = -D_GNU_SOURCE
OS_SRCS = syscall/syscall_linux.c syscall/zerrors_linux_amd64.c \
	runtime/os_linux.c runtime/netpoll_epoll.c runtime/signal_unix.c \
	net/port_unix.c net/dnsclient_unix.c net/fd_unix.c net/hook_unix.c \
	net/sock_posix.c net/sock_linux.c net/sock_cloexec.c \
	net/sockopt_posix.c net/sockopt_linux.c net/sockoptip_posix.c \
	net/sockoptip_linux.c net/ipsock_posix.c net/tcpsock_posix.c \
	net/iprawsock_posix.c net/error_posix.c net/tcpsockopt_posix.c \
	net/tcpsockopt_unix.c net/udpsock_posix.c net/unixsock_posix.c
OS_TEST_SRCS = tests/sock_linux_test.c tests/tcpsock_unix_test.c \
	tests/unixsock_linux_test.c tests/dial_unix_test.c \
	tests/write_unix_test.c tests/error_posix_test.c \
	tests/unixsock_readmsg_test.c tests/fd_posix_test.c
