/* placeholder: net/sock_posix.c */
