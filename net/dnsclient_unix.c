/* placeholder: net/dnsclient_unix.c */
