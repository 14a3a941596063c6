/* placeholder: runtime/string.c */
