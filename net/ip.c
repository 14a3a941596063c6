/* placeholder: net/ip.c */
