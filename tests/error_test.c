/* placeholder: error_test.c */
#include "tests/main_test.h"

Suite *
error_suite(void)
{
	return suite_create("error");
}
