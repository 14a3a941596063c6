/* placeholder: runtime/sema.c */
