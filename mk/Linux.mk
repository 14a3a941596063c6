# Linux: the platform-suffixed files the Makefile adds to the common lists.
OS_CPPFLAGS = -D_GNU_SOURCE
OS_SRCS = syscall/syscall_linux.c syscall/zerrors_linux_amd64.c \
	net/port_unix.c net/dnsclient_unix.c
OS_TEST_SRCS =
