/* placeholder: error_posix_test.c */
#include "tests/main_test.h"

Suite *
error_posix_suite(void)
{
	return suite_create("error_posix");
}
