/* placeholder: mac_test.c */
#include "tests/main_test.h"

Suite *
mac_suite(void)
{
	return suite_create("mac");
}
