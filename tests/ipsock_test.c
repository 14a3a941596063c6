/* placeholder: ipsock_test.c */
#include "tests/main_test.h"

Suite *
ipsock_suite(void)
{
	return suite_create("ipsock");
}
