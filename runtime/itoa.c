/* placeholder: runtime/itoa.c */
