/* placeholder: runtime/error.c */
