/* placeholder: dial_test.c */
#include "tests/main_test.h"

Suite *
dial_suite(void)
{
	return suite_create("dial");
}
