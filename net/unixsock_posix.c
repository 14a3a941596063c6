/* placeholder: net/unixsock_posix.c */
