/* placeholder: ip_test.c */
#include "tests/main_test.h"

Suite *
ip_suite(void)
{
	return suite_create("ip");
}
