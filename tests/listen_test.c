/* placeholder: listen_test.c */
#include "tests/main_test.h"

Suite *
listen_suite(void)
{
	return suite_create("listen");
}
