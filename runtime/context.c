/* placeholder: runtime/context.c */
