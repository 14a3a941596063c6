/* placeholder: runtime/io.c */
