/* placeholder: syscall_test.c */
#include "tests/main_test.h"

Suite *
syscall_suite(void)
{
	return suite_create("syscall");
}
