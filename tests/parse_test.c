/* placeholder: parse_test.c */
#include "tests/main_test.h"

Suite *
parse_suite(void)
{
	return suite_create("parse");
}
