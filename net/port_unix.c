/* placeholder: net/port_unix.c */
