/* placeholder: tests/mockserver.c */
