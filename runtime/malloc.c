/* placeholder: runtime/malloc.c */
