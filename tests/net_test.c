/* placeholder: net_test.c */
#include "tests/main_test.h"

Suite *
net_suite(void)
{
	return suite_create("net");
}
