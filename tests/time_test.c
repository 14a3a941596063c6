/* placeholder: time_test.c */
#include "tests/main_test.h"

Suite *
time_suite(void)
{
	return suite_create("time");
}
