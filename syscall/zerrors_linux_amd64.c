/* placeholder: syscall/zerrors_linux_amd64.c */
