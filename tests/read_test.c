/*
 * C port of go1.19 src/internal/poll/read_test.go.  os.ReadFile is
 * readFile below: Open, Read to EOF, Close.
 */
#include <stdlib.h>

#include "tests/main_test.h"
#include "tests/mockserver.h"

/* specialFiles are Linux's, kept when they can be opened. */
static const char *const specialFiles[] = {
	"/dev/null",
	"/proc/stat",
	"/sys/devices/system/cpu/online",
};

static runtime_error *
readFile(const char *name)
{
	os_File	      *f;
	runtime_error *err;
	char	       buf[4096];
	ptrdiff_t      n;

	if ((err = os_Open(name, &f)) != NULL)
		return err;
	do
		err = os_File_Read(f, buf, sizeof(buf), &n);
	while (err == NULL);
	if (err == io_EOF)
		err = os_File_Close(f);
	else
		runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
	return err;
}

static void *
readSpecial(void *arg)
{
	runtime_error *err;
	int	       i;

	for (i = 0; i < 100; i++) {
		if ((err = readFile(arg)) != NULL) {
			tErrorf("%s", tErrStr(err));
			return NULL;
		}
		sleepDuration(time_Nanosecond);
	}
	return NULL;
}

/* TestRead's subtest SpecialFile. */
START_TEST(TestRead)
{
	os_File	      *f;
	runtime_error *err;
	size_t	       i;
	int	       j;

	for (i = 0; i < nelem(specialFiles); i++) {
		if ((err = os_Open(specialFiles[i], &f)) != NULL) {
			runtime_error_Free(err);
			continue;
		}
		runtime_error_Free(os_File_Close(f));
		os_File_Free(f);
		for (j = 0; j < 4; j++)
			goStart(readSpecial, (void *)specialFiles[i]);
	}
	tDone();
}
END_TEST

Suite *
read_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("read");
	tc = newNetTCase("Read", 60);
	tcase_add_test(tc, TestRead);
	suite_add_tcase(s, tc);
	return s;
}
