/* placeholder: net/sockoptip_linux.c */
