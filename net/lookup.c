/* placeholder: net/lookup.c */
