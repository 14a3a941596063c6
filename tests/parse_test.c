/* C port of go1.19 src/net/parse_test.go */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * TestReadLine compares net_file_readLine with stdio's getline, which plays
 * bufio.Reader.ReadString('\n'): a line that getline returns without its
 * newline is the one bufio would return together with io.EOF.
 */
START_TEST(TestReadLine)
{
	const char    *filename = "/etc/services"; /* a nice big file */
	FILE	      *fd;
	net_file      *file;
	runtime_error *err;
	char	      *bline, *line;
	size_t	       bcap, n;
	ssize_t	       blen;
	bool	       berr, ok;
	int	       lineno, byteno;

	fd = fopen(filename, "r");
	if (fd == NULL)
		ck_abort_msg("open %s: %m", filename);
	err = net_open(filename, &file);
	if (file == NULL) {
		fclose(fd);
		ck_abort_msg("%s", runtime_error_Error(err));
	}

	bline = NULL;
	bcap = 0;
	lineno = 1;
	byteno = 0;
	for (;;) {
		blen = getline(&bline, &bcap, fd);
		berr = blen <= 0 || bline[blen - 1] != '\n';
		if (blen > 0 && bline[blen - 1] == '\n')
			bline[--blen] = '\0';
		if (blen < 0)
			blen = 0;
		ok = net_file_readLine(file, &line, &n);
		if (berr != !ok ||
		    (ok &&
			((size_t)blen != n || memcmp(bline, line, n) != 0)) ||
		    (!ok && blen != 0)) {
			ck_abort_msg("%s:%d (#%d)\nbufio => \"%.*s\", %d\n"
				     "net => \"%.*s\", %d",
			    filename, lineno, byteno, (int)blen, bline, berr,
			    ok ? (int)n : 0, ok ? line : "", ok);
		}
		if (!ok)
			break;
		lineno++;
		byteno += (int)n + 1;
	}
	free(bline);
	fclose(fd);
	net_file_close(file);
}
END_TEST

/* Go's TestDtoi table is anonymous; it is named here. */
static const struct {
	const char *in;
	int	    out;
	int	    off;
	bool	    ok;
} dtoiTests[] = {
	{ "", 0, 0, false },
	{ "0", 0, 1, true },
	{ "65536", 65536, 5, true },
	{ "123456789", net_big, 8, false },
	{ "-0", 0, 0, false },
	{ "-1234", 0, 0, false },
};

START_TEST(TestDtoi)
{
	int  n, i;
	bool ok;

	ok = net_dtoi(dtoiTests[_i].in, strlen(dtoiTests[_i].in), &n, &i);
	ck_assert_msg(n == dtoiTests[_i].out && i == dtoiTests[_i].off &&
		ok == dtoiTests[_i].ok,
	    "got %d, %d, %d; want %d, %d, %d", n, i, ok, dtoiTests[_i].out,
	    dtoiTests[_i].off, dtoiTests[_i].ok);
}
END_TEST

Suite *
parse_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("parse");
	tc = newTCase("readLine");
	tcase_add_test(tc, TestReadLine);
	suite_add_tcase(s, tc);
	tc = newTCase("dtoi");
	tcase_add_loop_test(tc, TestDtoi, 0, nelem(dtoiTests));
	suite_add_tcase(s, tc);
	return s;
}
