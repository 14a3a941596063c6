/* placeholder: net/iprawsock_posix.c */
