/* placeholder: net/unixsock.c */
