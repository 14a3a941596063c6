/* placeholder: runtime/netpoll.c */
