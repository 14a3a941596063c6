/* placeholder: tcpsock_unix_test.c */
#include "tests/main_test.h"

Suite *
tcpsock_unix_suite(void)
{
	return suite_create("tcpsock_unix");
}
