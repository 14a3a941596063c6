/* placeholder: net/ipsock.c */
