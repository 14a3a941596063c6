/* placeholder: runtime/proc.c */
