/* placeholder: net/fd_unix.c */
