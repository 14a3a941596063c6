/* placeholder: net/hosts.c */
