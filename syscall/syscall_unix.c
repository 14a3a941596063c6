/* placeholder: syscall/syscall_unix.c */
