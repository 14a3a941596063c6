/* placeholder: net/tcpsock_posix.c */
