/* placeholder: timeout_test.c */
#include "tests/main_test.h"

Suite *
timeout_suite(void)
{
	return suite_create("timeout");
}
