/* placeholder: udpsock_test.c */
#include "tests/main_test.h"

Suite *
udpsock_suite(void)
{
	return suite_create("udpsock");
}
