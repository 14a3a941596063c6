/* placeholder: net/sockopt_linux.c */
