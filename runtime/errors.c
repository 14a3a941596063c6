/* placeholder: runtime/errors.c */
