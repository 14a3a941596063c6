/* placeholder: net/hook_unix.c */
