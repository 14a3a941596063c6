/* placeholder: net/net.c */
