/* placeholder: net/udpsock_posix.c */
