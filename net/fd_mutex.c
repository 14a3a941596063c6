/* placeholder: net/fd_mutex.c */
