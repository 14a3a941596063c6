/* placeholder: net/rawconn.c */
