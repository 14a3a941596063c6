/* placeholder: packetconn_test.c */
#include "tests/main_test.h"

Suite *
packetconn_suite(void)
{
	return suite_create("packetconn");
}
