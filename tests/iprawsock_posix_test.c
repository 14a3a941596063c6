/* placeholder: iprawsock_posix_test.c */
#include "tests/main_test.h"

Suite *
iprawsock_posix_suite(void)
{
	return suite_create("iprawsock_posix");
}
