/* placeholder: net/iprawsock.c */
