/* placeholder: unixsock_test.c */
#include "tests/main_test.h"

Suite *
unixsock_suite(void)
{
	return suite_create("unixsock");
}
