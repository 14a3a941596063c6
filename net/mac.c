/* placeholder: net/mac.c */
