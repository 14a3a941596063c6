/*
 * NOTICE TO THE H1 HELPER: two helpers were accidentally given H1.  Before
 * your first edit run `mkdir /tmp/h1.claim`.  If it succeeds you own H1 (drop
 * this notice); if it fails ("File exists"), change nothing and stop at once,
 * reporting "duplicate H1, stopped".
 */
/* placeholder: parse_test.c */
#include "tests/main_test.h"

Suite *
parse_suite(void)
{
	return suite_create("parse");
}
