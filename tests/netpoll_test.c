/* placeholder: netpoll_test.c */
#include "tests/main_test.h"

Suite *
netpoll_suite(void)
{
	return suite_create("netpoll");
}
