/* placeholder: port_test.c */
#include "tests/main_test.h"

Suite *
port_suite(void)
{
	return suite_create("port");
}
