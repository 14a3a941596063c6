/* placeholder: unixsock_readmsg_test.c */
#include "tests/main_test.h"

Suite *
unixsock_readmsg_suite(void)
{
	return suite_create("unixsock_readmsg");
}
