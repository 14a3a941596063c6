/*
 * C port of go1.19 src/io/io_test.go (package io_test): Copy, CopyN,
 * CopyBuffer, ReadAtLeast.  Go's Buffer (a bytes.Buffer with ReadFrom and
 * WriteTo hidden) is bytesBuffer_plain*; bytes.Buffer is bytesBuffer.
 */
#include <stdlib.h>
#include <string.h>

#include "errors/errors.h"
#include "io/io_impl.h"
#include "tests/iotest.h"
#include "tests/main_test.h"

START_TEST(TestCopy)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello, world.");
	io_Copy(bytesBuffer_plainWriter(&wb), bytesBuffer_plainReader(&rb), &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello, world.") == 0,
	    "Copy did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyNegative)
{
	bytesBuffer	 rb = { 0 }, wb = { 0 };
	io_LimitedReader l;
	int64_t		 n;

	bytesBuffer_WriteString(&rb, "hello");
	l = (io_LimitedReader){ bytesBuffer_plainReader(&rb), -1 };
	io_Copy(bytesBuffer_plainWriter(&wb), io_LimitedReader_Reader(&l), &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "") == 0,
	    "Copy on LimitedReader with N<0 copied data");
	runtime_error_Free(io_CopyN(bytesBuffer_plainWriter(&wb),
	    bytesBuffer_plainReader(&rb), -1, &n));
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "") == 0,
	    "CopyN with N<0 copied data");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyBuffer)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	char	    buf[1];
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello, world.");
	io_CopyBuffer(bytesBuffer_plainWriter(&wb),
	    bytesBuffer_plainReader(&rb), buf, sizeof buf, &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello, world.") == 0,
	    "CopyBuffer did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyBufferNil)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello, world.");
	io_CopyBuffer(bytesBuffer_plainWriter(&wb),
	    bytesBuffer_plainReader(&rb), NULL, 0, &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello, world.") == 0,
	    "CopyBuffer did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyReadFrom)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello, world.");
	io_Copy(bytesBuffer_Writer(&wb), bytesBuffer_plainReader(&rb), &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello, world.") == 0,
	    "Copy did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyWriteTo)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello, world.");
	io_Copy(bytesBuffer_plainWriter(&wb), bytesBuffer_Reader(&rb), &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello, world.") == 0,
	    "Copy did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

/* writeToChecker is a bytes.Buffer whose WriteTo notes that it ran. */
typedef struct writeToChecker {
	bytesBuffer Buffer;
	bool	    writeToCalled;
} writeToChecker;

static runtime_error *
writeToChecker_WriteTo(void *self, io_Writer w, int64_t *n)
{
	writeToChecker *wt = self;

	wt->writeToCalled = true;
	return bytesBufferType.WriteTo(&wt->Buffer, w, n);
}

static runtime_error *
writeToChecker_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return bytesBufferType.Read(
	    &((writeToChecker *)self)->Buffer, p, len, n);
}

static const io_Type writeToCheckerType = {
	.name = "*io_test.writeToChecker",
	.Read = writeToChecker_Read,
	.WriteTo = writeToChecker_WriteTo,
};

START_TEST(TestCopyPriority)
{
	writeToChecker rb = { 0 };
	bytesBuffer    wb = { 0 };
	int64_t	       n;

	bytesBuffer_WriteString(&rb.Buffer, "hello, world.");
	io_Copy(bytesBuffer_Writer(&wb),
	    (io_Reader){ &writeToCheckerType, &rb }, &n);
	if (strcmp(bytesBuffer_String(&wb), "hello, world.") != 0)
		ck_abort_msg("Copy did not work properly");
	else if (!rb.writeToCalled)
		ck_abort_msg("WriteTo was not prioritized over ReadFrom");
	bytesBuffer_free(&rb.Buffer);
	bytesBuffer_free(&wb);
}
END_TEST

/* zeroErrReader returns one zero byte and its error on every Read. */
static runtime_error *
zeroErrReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	*n = 0;
	if (len > 0) {
		*(char *)p = 0;
		*n = 1;
	}
	return self;
}

static const io_Type zeroErrReaderType = { .name = "io_test.zeroErrReader",
	.Read = zeroErrReader_Read };

static runtime_error *
errWriter_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)p;
	(void)len;
	*n = 0;
	return self;
}

static const io_Type errWriterType = { .name = "io_test.errWriter",
	.Write = errWriter_Write };

static errors_errorString readErrorValue = ERRORS_NEW_STATIC("readError");
static errors_errorString writeErrorValue = ERRORS_NEW_STATIC("writeError");

START_TEST(TestCopyReadErrWriteErr)
{
	runtime_error *er = &readErrorValue.err, *ew = &writeErrorValue.err;
	runtime_error *err;
	int64_t	       n;

	err = io_Copy((io_Writer){ &errWriterType, ew },
	    (io_Reader){ &zeroErrReaderType, er }, &n);
	ck_assert_msg(n == 0 && err == ew,
	    "Copy(zeroErrReader, errWriter) = %lld, %s; want 0, writeError",
	    (long long)n, runtime_error_Error(err));
}
END_TEST

START_TEST(TestCopyN)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello, world.");
	io_CopyN(
	    bytesBuffer_plainWriter(&wb), bytesBuffer_plainReader(&rb), 5, &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello") == 0,
	    "CopyN did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyNReadFrom)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello");
	io_CopyN(bytesBuffer_Writer(&wb), bytesBuffer_plainReader(&rb), 5, &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello") == 0,
	    "CopyN did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyNWriteTo)
{
	bytesBuffer rb = { 0 }, wb = { 0 };
	int64_t	    n;

	bytesBuffer_WriteString(&rb, "hello, world.");
	io_CopyN(bytesBuffer_plainWriter(&wb), bytesBuffer_Reader(&rb), 5, &n);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), "hello") == 0,
	    "CopyN did not work properly");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

/* wantedAndErrReader fills every p and fails as well. */
static runtime_error *
wantedAndErrReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	memset(p, 0, len);
	*n = (ptrdiff_t)len;
	return errors_New("wantedAndErrReader error");
}

static const io_Type wantedAndErrReaderType = {
	.name = "io_test.wantedAndErrReader",
	.Read = wantedAndErrReader_Read,
};

/* checkCopyN runs CopyN(w, r, n) and compares with Go's results. */
static void
checkCopyN(const char *what, io_Writer w, io_Reader r, int64_t n, int64_t wantN,
    runtime_error *wantErr)
{
	runtime_error *err;
	int64_t	       got;

	err = io_CopyN(w, r, n, &got);
	if (got != wantN || err != wantErr)
		ck_abort_msg("%s = %lld, %s; want %lld, %s", what,
		    (long long)got, runtime_error_Error(err), (long long)wantN,
		    runtime_error_Error(wantErr));
	runtime_error_Free(err);
}

START_TEST(TestCopyNEOF)
{
	bytesBuffer b = { 0 };
	bytesReader sr;
	onlyWriter  nrf;
	io_Reader   wae = { &wantedAndErrReaderType, NULL };

	/* noReadFrom{b}: a Writer without ReadFrom. */
	checkCopyN("CopyN(noReadFrom, foo, 3)",
	    onlyWriter_Writer(&nrf, bytesBuffer_Writer(&b)),
	    stringsReader_Reader(&sr, "foo"), 3, 3, NULL);
	checkCopyN("CopyN(noReadFrom, foo, 4)",
	    onlyWriter_Writer(&nrf, bytesBuffer_Writer(&b)),
	    stringsReader_Reader(&sr, "foo"), 4, 3, io_EOF);
	checkCopyN("CopyN(bytes.Buffer, foo, 3)", bytesBuffer_Writer(&b),
	    stringsReader_Reader(&sr, "foo"), 3, 3, NULL);
	checkCopyN("CopyN(bytes.Buffer, foo, 4)", bytesBuffer_Writer(&b),
	    stringsReader_Reader(&sr, "foo"), 4, 3, io_EOF);
	checkCopyN("CopyN(bytes.Buffer, wantedAndErrReader, 5)",
	    bytesBuffer_Writer(&b), wae, 5, 5, NULL);
	checkCopyN("CopyN(noReadFrom, wantedAndErrReader, 5)",
	    onlyWriter_Writer(&nrf, bytesBuffer_Writer(&b)), wae, 5, 5, NULL);
	bytesBuffer_free(&b);
}
END_TEST

/*
 * dataAndErrorBuffer returns err together with the last data it holds;
 * err is static here, so handing it out more than once is safe.
 */
typedef struct dataAndErrorBuffer {
	runtime_error *err;
	bytesBuffer    Buffer;
} dataAndErrorBuffer;

static runtime_error *
dataAndErrorBuffer_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	dataAndErrorBuffer *r = self;
	runtime_error	   *err;

	err = bytesBuffer_Read(&r->Buffer, p, len, n);
	if (*n > 0 && bytesBuffer_Len(&r->Buffer) == 0 && err == NULL)
		err = r->err;
	return err;
}

static const io_Type dataAndErrorBufferType = {
	.name = "*io_test.dataAndErrorBuffer",
	.Read = dataAndErrorBuffer_Read,
};

/* testReadAtLeast: rb reads through r; buf is where its writes go. */
static void
testReadAtLeast(io_Reader rb, bytesBuffer *wb, runtime_error *dataErr)
{
	runtime_error *err, *want;
	char	       buf[2];
	ptrdiff_t      n;

	bytesBuffer_WriteString(wb, "0123");
	err = io_ReadAtLeast(rb, buf, sizeof buf, 2, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n == 2, "expected to have read 2 bytes, got %td", n);
	err = io_ReadAtLeast(rb, buf, sizeof buf, 4, &n);
	ck_assert_msg(err == io_ErrShortBuffer,
	    "expected ErrShortBuffer got %s", runtime_error_Error(err));
	ck_assert_msg(n == 0, "expected to have read 0 bytes, got %td", n);
	err = io_ReadAtLeast(rb, buf, sizeof buf, 1, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n == 2, "expected to have read 2 bytes, got %td", n);
	err = io_ReadAtLeast(rb, buf, sizeof buf, 2, &n);
	ck_assert_msg(
	    err == io_EOF, "expected EOF, got %s", runtime_error_Error(err));
	ck_assert_msg(n == 0, "expected to have read 0 bytes, got %td", n);
	bytesBuffer_WriteString(wb, "4");
	err = io_ReadAtLeast(rb, buf, sizeof buf, 2, &n);
	want = io_ErrUnexpectedEOF;
	if (dataErr != NULL && dataErr != io_EOF)
		want = dataErr;
	ck_assert_msg(err == want, "expected %s, got %s",
	    runtime_error_Error(want), runtime_error_Error(err));
	ck_assert_msg(n == 1, "expected to have read 1 bytes, got %td", n);
}

START_TEST(TestReadAtLeast)
{
	bytesBuffer rb = { 0 };

	testReadAtLeast(bytesBuffer_Reader(&rb), &rb, NULL);
	bytesBuffer_free(&rb);
}
END_TEST

static errors_errorString fakeErrorValue = ERRORS_NEW_STATIC("fake error");

static void
readAtLeastWithData(runtime_error *err)
{
	dataAndErrorBuffer rb = { .err = err };

	testReadAtLeast(
	    (io_Reader){ &dataAndErrorBufferType, &rb }, &rb.Buffer, err);
	bytesBuffer_free(&rb.Buffer);
}

START_TEST(TestReadAtLeastWithDataAndEOF)
{
	readAtLeastWithData(io_EOF);
}
END_TEST

START_TEST(TestReadAtLeastWithDataAndError)
{
	readAtLeastWithData(&fakeErrorValue.err);
}
END_TEST

/* largeWriter claims to have written more than it was given. */
static runtime_error *
largeWriter_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)p;
	*n = (ptrdiff_t)len + 1;
	return self;
}

static const io_Type largeWriterType = { .name = "io_test.largeWriter",
	.Write = largeWriter_Write };

static errors_errorString largeWriterErrorValue =
    ERRORS_NEW_STATIC("largeWriterError");

/* Go's second half tees into a closed io.Pipe, which gonet's io lacks. */
START_TEST(TestTeeReader)
{
	static const char src[] = "hello, world";
	bytesBuffer	  rb = { 0 }, wb = { 0 };
	char		  dst[sizeof src - 1];
	io_Reader	  r;
	runtime_error	 *err;
	ptrdiff_t	  n;

	bytesBuffer_WriteString(&rb, src);
	r = io_TeeReader(bytesBuffer_Reader(&rb), bytesBuffer_Writer(&wb));
	err = io_ReadFull(r, dst, sizeof dst, &n);
	ck_assert_msg(err == NULL && n == (ptrdiff_t)sizeof dst,
	    "ReadFull(r, dst) = %td, %s; want %zu, nil", n,
	    runtime_error_Error(err), sizeof dst);
	ck_assert_msg(memcmp(dst, src, sizeof dst) == 0,
	    "bytes read = %.*s want %s", (int)sizeof dst, dst, src);
	ck_assert_msg(strcmp(bytesBuffer_String(&wb), src) == 0,
	    "bytes written = %s want %s", bytesBuffer_String(&wb), src);
	err = io_Reader_Read(r, dst, sizeof dst, &n);
	ck_assert_msg(n == 0 && err == io_EOF,
	    "r.Read at EOF = %td, %s want 0, EOF", n, runtime_error_Error(err));
	free(r.self);
	bytesBuffer_free(&rb);
	bytesBuffer_free(&wb);
}
END_TEST

START_TEST(TestCopyLargeWriter)
{
	runtime_error *want, *err;
	bytesBuffer    rb = { 0 };
	int64_t	       n;

	want = io_errInvalidWrite;
	bytesBuffer_WriteString(&rb, "hello, world.");
	err = io_Copy((io_Writer){ &largeWriterType, NULL },
	    bytesBuffer_plainReader(&rb), &n);
	ck_assert_msg(err == want, "Copy error: got %s, want %s",
	    runtime_error_Error(err), runtime_error_Error(want));

	want = &largeWriterErrorValue.err;
	bytesBuffer_Reset(&rb);
	bytesBuffer_WriteString(&rb, "hello, world.");
	err = io_Copy((io_Writer){ &largeWriterType, want },
	    bytesBuffer_plainReader(&rb), &n);
	ck_assert_msg(err == want, "Copy error: got %s, want %s",
	    runtime_error_Error(err), runtime_error_Error(want));
	bytesBuffer_free(&rb);
}
END_TEST

/*
 * gonet's own: a LimitReader on the heap, a MultiWriter that flattens a
 * nested one, and the error texts, against Go's.
 */
START_TEST(testLimitReaderMultiWriter)
{
	bytesBuffer rb = { 0 }, w1 = { 0 }, w2 = { 0 };
	io_Writer   ws[2], inner, mw;
	io_Reader   lr;
	int64_t	    n;
	ptrdiff_t   nn;

	bytesBuffer_WriteString(&rb, "hello, world.");
	lr = io_LimitReader(bytesBuffer_plainReader(&rb), 5);
	ws[0] = bytesBuffer_Writer(&w1);
	inner = io_MultiWriter(ws, 1);
	ws[0] = inner;
	ws[1] = bytesBuffer_plainWriter(&w2);
	mw = io_MultiWriter(ws, 2);
	ck_assert_ptr_null(io_Copy(mw, lr, &n));
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(bytesBuffer_String(&w1), "hello");
	ck_assert_str_eq(bytesBuffer_String(&w2), "hello");
	ck_assert_ptr_null(io_WriteString(mw, ", gopher", &nn));
	ck_assert_int_eq(nn, 8);
	ck_assert_str_eq(bytesBuffer_String(&w2), "hello, gopher");
	free(lr.self);
	free(inner.self);
	free(mw.self);
	ck_assert_str_eq(runtime_error_Error(io_ErrShortWrite), "short write");
	ck_assert_str_eq(
	    runtime_error_Error(io_ErrShortBuffer), "short buffer");
	ck_assert_str_eq(runtime_error_Error(io_ErrNoProgress),
	    "multiple Read calls return no data or error");
	ck_assert_str_eq(runtime_error_Error(io_ErrClosedPipe),
	    "io: read/write on closed pipe");
	bytesBuffer_free(&rb);
	bytesBuffer_free(&w1);
	bytesBuffer_free(&w2);
}
END_TEST

Suite *
io_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("io");
	tc = newTCase("Copy");
	tcase_add_test(tc, TestCopy);
	tcase_add_test(tc, TestCopyNegative);
	tcase_add_test(tc, TestCopyBuffer);
	tcase_add_test(tc, TestCopyBufferNil);
	tcase_add_test(tc, TestCopyReadFrom);
	tcase_add_test(tc, TestCopyWriteTo);
	tcase_add_test(tc, TestCopyPriority);
	tcase_add_test(tc, TestCopyReadErrWriteErr);
	tcase_add_test(tc, TestCopyN);
	tcase_add_test(tc, TestCopyNReadFrom);
	tcase_add_test(tc, TestCopyNWriteTo);
	tcase_add_test(tc, TestCopyNEOF);
	tcase_add_test(tc, TestCopyLargeWriter);
	suite_add_tcase(s, tc);
	tc = newTCase("ReadAtLeast");
	tcase_add_test(tc, TestReadAtLeast);
	tcase_add_test(tc, TestReadAtLeastWithDataAndEOF);
	tcase_add_test(tc, TestReadAtLeastWithDataAndError);
	suite_add_tcase(s, tc);
	tcase_add_test(tc, TestTeeReader);
	suite_add_tcase(s, tc);
	tc = newTCase("Limit");
	tcase_add_test(tc, testLimitReaderMultiWriter);
	suite_add_tcase(s, tc);
	return s;
}
