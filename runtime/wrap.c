/* placeholder: runtime/wrap.c */
