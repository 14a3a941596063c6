/* placeholder: net/port.c */
