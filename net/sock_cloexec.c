/* placeholder: net/sock_cloexec.c */
