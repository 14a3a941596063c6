/* placeholder: fd_mutex_test.c */
#include "tests/main_test.h"

Suite *
fd_mutex_suite(void)
{
	return suite_create("fd_mutex");
}
