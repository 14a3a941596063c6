/* placeholder: rawconn_test.c */
#include "tests/main_test.h"

Suite *
rawconn_suite(void)
{
	return suite_create("rawconn");
}
