/* placeholder: net/tcpsockopt_unix.c */
