/* placeholder: net/tcpsock.c */
