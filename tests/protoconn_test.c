/* placeholder: protoconn_test.c */
#include "tests/main_test.h"

Suite *
protoconn_suite(void)
{
	return suite_create("protoconn");
}
