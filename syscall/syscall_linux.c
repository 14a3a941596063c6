/* placeholder: syscall/syscall_linux.c */
