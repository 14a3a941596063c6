/* placeholder: net/fd_poll_runtime.c */
