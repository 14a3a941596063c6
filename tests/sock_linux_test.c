/* placeholder: sock_linux_test.c */
#include "tests/main_test.h"

Suite *
sock_linux_suite(void)
{
	return suite_create("sock_linux");
}
