/* placeholder: unixsock_linux_test.c */
#include "tests/main_test.h"

Suite *
unixsock_linux_suite(void)
{
	return suite_create("unixsock_linux");
}
