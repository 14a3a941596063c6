/* placeholder: iprawsock_test.c */
#include "tests/main_test.h"

Suite *
iprawsock_suite(void)
{
	return suite_create("iprawsock");
}
