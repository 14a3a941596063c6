/* placeholder: net/interface.c */
