# Linux: the platform-suffixed files the Makefile adds to the common lists,
# the files of every Unix (mk/unix.mk) and those whose Go build
# constraints name Linux among fewer systems.
include mk/unix.mk
OS_CPPFLAGS = -D_GNU_SOURCE -DGONET_GOOS=\"linux\"
OS_SRCS = $(UNIX_SRCS) syscall/syscall_linux.c \
	syscall/zerrors_linux_amd64.c runtime/os_linux.c runtime/mem_linux.c \
	runtime/netpoll_epoll.c runtime/netpoll_kwait_linux.c \
	net/sock_linux.c net/sock_cloexec.c \
	net/sockopt_linux.c net/sockoptip_linux.c net/tcpsockopt_unix.c \
	net/interface_linux.c syscall/netlink_linux.c \
	net/sendfile_linux.c net/splice_linux.c \
	net/unixsock_readmsg_cmsg_cloexec.c os/pipe2_unix.c \
	net/fd_writev_unix.c net/fd_inq_linux.c
OS_TEST_SRCS = $(UNIX_TEST_SRCS) tests/sock_linux_test.c \
	tests/unixsock_linux_test.c tests/write_unix_test.c \
	tests/interface_linux_test.c tests/sendfile_test.c tests/splice_test.c \
	tests/poll_error_test.c
