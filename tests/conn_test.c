/* placeholder: conn_test.c */
#include "tests/main_test.h"

Suite *
conn_suite(void)
{
	return suite_create("conn");
}
