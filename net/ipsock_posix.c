/* placeholder: net/ipsock_posix.c */
