/* placeholder: stress_test.c */
#include "tests/main_test.h"

Suite *
stress_suite(void)
{
	return suite_create("stress");
}
