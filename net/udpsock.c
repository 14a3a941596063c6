/* placeholder: net/udpsock.c */
