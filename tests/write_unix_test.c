/* placeholder: write_unix_test.c */
#include "tests/main_test.h"

Suite *
write_unix_suite(void)
{
	return suite_create("write_unix");
}
