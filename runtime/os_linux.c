/* placeholder: runtime/os_linux.c */
