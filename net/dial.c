/* placeholder: net/dial.c */
