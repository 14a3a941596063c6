/* placeholder: net/sockoptip_posix.c */
