/* placeholder: runtime/time.c */
