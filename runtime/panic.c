/* placeholder: runtime/panic.c */
