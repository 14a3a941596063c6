/* placeholder: syscall/os_error.c */
