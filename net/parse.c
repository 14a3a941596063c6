/* placeholder: net/parse.c */
