/* placeholder: tcpsock_test.c */
#include "tests/main_test.h"

Suite *
tcpsock_suite(void)
{
	return suite_create("tcpsock");
}
