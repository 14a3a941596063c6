/*
 * C port of go1.19 src/internal/poll/error_test.go, with
 * error_linux_test.go's badStateFile and isBadStateFileError (built on:
 * linux).  The file is named poll_error_test.c because net has an
 * error_test.go too.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/*
 * badStateFile opens /dev/net/tun, a device the poller takes but whose
 * reads fail until configured; only root may open it.
 */
static runtime_error *
badStateFile(os_File **f)
{
	*f = NULL;
	if (getuid() != 0)
		return errors_New("must be root");
	return os_OpenFile("/dev/net/tun", O_RDWR, 0, f);
}

static bool
isBadStateFileError(runtime_error *err)
{
	return err == net_ErrNotPollable || syscall_errnoOf(err) == EBADFD;
}

/*
 * pollParseReadError is poll's parseReadError: it unwraps OpError,
 * PathError and SyscallError.
 */
static runtime_error *
pollParseReadError(runtime_error *nestedErr)
{
	runtime_error *err = nestedErr;

	if (err != NULL && err->type == &net_OpErrorType)
		err = ((net_OpError *)err)->Err;
	if (err != NULL && err->type == &os_PathErrorType)
		err = ((os_PathError *)err)->Err;
	if (err != NULL && err->type == &os_SyscallErrorType)
		err = ((os_SyscallError *)err)->Err;
	return err;
}

static void
closeFile(void *f)
{
	runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
}

/* TestReadError's subtest ErrNotPollable. */
START_TEST(TestReadError)
{
	os_File	      *f;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;

	if ((err = badStateFile(&f)) != NULL) {
		tSkipf("%s", tErrStr(err));
		return;
	}
	tDeferFree(closeFile, f);
	/* Go sleeps so that a poller and a waiter may both exist. */
	time_Sleep(100 * time_Millisecond);
	err = os_File_Read(f, b, sizeof(b), &n);
	if (!isBadStateFileError(pollParseReadError(err)))
		tFatalf("got %s; want not pollable or file in bad state error",
		    err != NULL ? tErrStr(err) : "<nil>");
	runtime_error_Free(err);
	tDone();
}
END_TEST

Suite *
poll_error_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("poll_error");
	tc = newNetTCase("ReadError", 30);
	tcase_add_test(tc, TestReadError);
	suite_add_tcase(s, tc);
	return s;
}
