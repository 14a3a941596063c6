/* placeholder: lookup_test.c */
#include "tests/main_test.h"

Suite *
lookup_suite(void)
{
	return suite_create("lookup");
}
