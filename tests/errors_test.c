/* placeholder: errors_test.c */
#include "tests/main_test.h"

Suite *
errors_suite(void)
{
	return suite_create("errors");
}
