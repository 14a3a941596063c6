/* placeholder: context_test.c */
#include "tests/main_test.h"

Suite *
context_suite(void)
{
	return suite_create("context");
}
