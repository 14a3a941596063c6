/* placeholder: net/sock_linux.c */
