/* placeholder: fd_posix_test.c */
#include "tests/main_test.h"

Suite *
fd_posix_suite(void)
{
	return suite_create("fd_posix");
}
