/* placeholder: dial_unix_test.c */
#include "tests/main_test.h"

Suite *
dial_unix_suite(void)
{
	return suite_create("dial_unix");
}
