/* placeholder: hosts_test.c */
#include "tests/main_test.h"

Suite *
hosts_suite(void)
{
	return suite_create("hosts");
}
