/* placeholder: net/sockopt_posix.c */
