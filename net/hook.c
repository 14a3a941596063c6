/* placeholder: net/hook.c */
