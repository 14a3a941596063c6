/* placeholder: server_test.c */
#include "tests/main_test.h"

Suite *
server_suite(void)
{
	return suite_create("server");
}
