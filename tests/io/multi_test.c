/*
 * C port of go1.19 src/io/multi_test.go (package io_test): MultiReader and
 * MultiWriter.
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "tests/iotest.h"
#include "tests/main_test.h"

/* TestMultiReader's three runs over "foo ", "" and "bar". */
static const struct {
	int n;
	struct {
		size_t		      size;
		const char	     *expected;
		runtime_error *const *eerr;
	} reads[4];
} multiReaderRuns[] = {
	{ 4,
	    { { 2, "fo", NULL }, { 5, "o ", NULL }, { 5, "bar", NULL },
		{ 5, "", &io_EOF } } },
	{ 4,
	    { { 4, "foo ", NULL }, { 1, "b", NULL }, { 3, "ar", NULL },
		{ 1, "", &io_EOF } } },
	{ 1, { { 5, "foo ", NULL } } },
};

START_TEST(TestMultiReader)
{
	bytesReader    r1, r2, r3;
	io_Reader      rs[3], mr;
	char	       buf[20], *p;
	runtime_error *gerr, *eerr;
	ptrdiff_t      n;
	int	       i;

	rs[0] = stringsReader_Reader(&r1, "foo ");
	rs[1] = stringsReader_Reader(&r2, "");
	rs[2] = stringsReader_Reader(&r3, "bar");
	mr = io_MultiReader(rs, 3);
	p = buf;
	for (i = 0; i < multiReaderRuns[_i].n; i++) {
		gerr = io_Reader_Read(
		    mr, p, multiReaderRuns[_i].reads[i].size, &n);
		eerr = multiReaderRuns[_i].reads[i].eerr == NULL
		    ? NULL
		    : *multiReaderRuns[_i].reads[i].eerr;
		ck_assert_msg((size_t)n ==
			    strlen(multiReaderRuns[_i].reads[i].expected) &&
			memcmp(p, multiReaderRuns[_i].reads[i].expected,
			    (size_t)n) == 0,
		    "#%d, expected \"%s\"; got \"%.*s\"", i + 1,
		    multiReaderRuns[_i].reads[i].expected, (int)n, p);
		ck_assert_msg(gerr == eerr, "#%d, expected error %s; got %s",
		    i + 1, runtime_error_Error(eerr),
		    runtime_error_Error(gerr));
		p += n;
	}
	free(mr.self);
}
END_TEST

START_TEST(TestMultiReaderAsWriterTo)
{
	bytesReader    r1, r2, r3;
	io_Reader      inner[2], outer[2], mr;
	bytesBuffer    sink = { 0 };
	runtime_error *err;
	int64_t	       n;

	inner[0] = stringsReader_Reader(&r2, "");
	inner[1] = stringsReader_Reader(&r3, "bar");
	outer[0] = stringsReader_Reader(&r1, "foo ");
	outer[1] = io_MultiReader(inner, 2);
	mr = io_MultiReader(outer, 2);
	ck_assert_msg(
	    mr.type->WriteTo != NULL, "expected cast to WriterTo to succeed");
	err = mr.type->WriteTo(mr.self, bytesBuffer_Writer(&sink), &n);
	ck_assert_msg(
	    err == NULL, "expected no error; got %s", runtime_error_Error(err));
	ck_assert_msg(n == 7, "expected read 7 bytes; got %lld", (long long)n);
	ck_assert_msg(strcmp(bytesBuffer_String(&sink), "foo bar") == 0,
	    "expected \"foo bar\"; got \"%s\"", bytesBuffer_String(&sink));
	free(mr.self);
	free(outer[1].self);
	bytesBuffer_free(&sink);
}
END_TEST

/*
 * testMultiWriter without its SHA-1 half (Go writes to a sha1 hash as
 * well; gonet has no crypto/sha1): the sink gets the whole source.
 */
static void
testMultiWriter(io_Writer sink, bytesBuffer *b)
{
	static const char sourceString[] = "My input text.";
	bytesReader	  source;
	io_Writer	  mw;
	runtime_error	 *err;
	int64_t		  written;

	mw = io_MultiWriter(&sink, 1);
	err =
	    io_Copy(mw, stringsReader_Reader(&source, sourceString), &written);
	ck_assert_msg(written == (int64_t)strlen(sourceString),
	    "short write of %lld, not %zu", (long long)written,
	    strlen(sourceString));
	ck_assert_msg(
	    err == NULL, "unexpected error: %s", runtime_error_Error(err));
	ck_assert_msg(strcmp(bytesBuffer_String(b), sourceString) == 0,
	    "expected \"%s\"; got \"%s\"", sourceString, bytesBuffer_String(b));
	free(mw.self);
}

/*
 * The sink is a Writer and a Stringer only: bytes.Buffer's other methods
 * hidden.
 */
START_TEST(TestMultiWriter)
{
	bytesBuffer b = { 0 };

	testMultiWriter(bytesBuffer_plainWriter(&b), &b);
	bytesBuffer_free(&b);
}
END_TEST

START_TEST(TestMultiWriter_String)
{
	bytesBuffer b = { 0 };

	testMultiWriter(bytesBuffer_Writer(&b), &b);
	bytesBuffer_free(&b);
}
END_TEST

static runtime_error *
writeStringChecker_WriteString(void *self, const char *s, ptrdiff_t *n)
{
	*(bool *)self = true;
	*n = (ptrdiff_t)strlen(s);
	return NULL;
}

static runtime_error *
writeStringChecker_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	*n = (ptrdiff_t)len;
	return NULL;
}

static const io_Type writeStringCheckerType = {
	.name = "*io_test.writeStringChecker",
	.Write = writeStringChecker_Write,
	.WriteString = writeStringChecker_WriteString,
};

START_TEST(TestMultiWriter_StringCheckCall)
{
	bool	  called = false;
	io_Writer c = { &writeStringCheckerType, &called }, mw;
	ptrdiff_t n;

	mw = io_MultiWriter(&c, 1);
	io_WriteString(mw, "foo", &n);
	ck_assert_msg(
	    called, "did not see WriteString call to writeStringChecker");
	free(mw.self);
}
END_TEST

/* f1 writes half and says ErrShortWrite; f2 must never be called. */
static runtime_error *
halfShortWrite(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	*n = (ptrdiff_t)len / 2;
	return io_ErrShortWrite;
}

static runtime_error *
mustNotWrite(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	ck_abort_msg("MultiWriter called f2.Write");
	*n = (ptrdiff_t)len;
	return NULL;
}

static const io_Type f1Type = { .name = "io_test.writerFunc",
	.Write = halfShortWrite };
static const io_Type f2Type = { .name = "io_test.writerFunc",
	.Write = mustNotWrite };

START_TEST(TestMultiWriterError)
{
	io_Writer      ws[2] = { { &f1Type, NULL }, { &f2Type, NULL } }, w;
	char	       p[100] = { 0 };
	runtime_error *err;
	ptrdiff_t      n;

	w = io_MultiWriter(ws, 2);
	err = io_Writer_Write(w, p, sizeof p, &n);
	ck_assert_msg(n == 50 && err == io_ErrShortWrite,
	    "Write = %td, %s, want 50, ErrShortWrite", n,
	    runtime_error_Error(err));
	free(w.self);
}
END_TEST

START_TEST(TestMultiReaderCopy)
{
	bytesReader    sr;
	io_Reader      slice[1], r;
	uint8_t	      *data;
	size_t	       len;
	runtime_error *err;

	slice[0] = stringsReader_Reader(&sr, "hello world");
	r = io_MultiReader(slice, 1);
	slice[0] = (io_Reader){ NULL, NULL };
	err = io_ReadAll(r, &data, &len);
	ck_assert_msg(
	    err == NULL && len == 11 && memcmp(data, "hello world", 11) == 0,
	    "ReadAll() = %.*s, %s, want \"hello world\", nil", (int)len, data,
	    runtime_error_Error(err));
	free(data);
	free(r.self);
}
END_TEST

START_TEST(TestMultiWriterCopy)
{
	bytesBuffer    buf = { 0 };
	io_Writer      slice[1], w;
	runtime_error *err;
	ptrdiff_t      n;

	slice[0] = bytesBuffer_Writer(&buf);
	w = io_MultiWriter(slice, 1);
	slice[0] = (io_Writer){ NULL, NULL };
	err = io_Writer_Write(w, "hello world", 11, &n);
	ck_assert_msg(err == NULL && n == 11,
	    "Write(`hello world`) = %td, %s, want 11, nil", n,
	    runtime_error_Error(err));
	ck_assert_msg(strcmp(bytesBuffer_String(&buf), "hello world") == 0,
	    "buf.String() = \"%s\", want \"hello world\"",
	    bytesBuffer_String(&buf));
	free(w.self);
	bytesBuffer_free(&buf);
}
END_TEST

/* byteAndEOFReader returns its byte and EOF together, every time. */
static runtime_error *
byteAndEOFReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	if (len == 0)
		ck_abort_msg("unexpected call");
	*(char *)p = *(const char *)self;
	*n = 1;
	return io_EOF;
}

static const io_Type byteAndEOFReaderType = {
	.name = "io_test.byteAndEOFReader",
	.Read = byteAndEOFReader_Read,
};

START_TEST(TestMultiReaderSingleByteWithEOF)
{
	io_Reader      rs[2] = { { &byteAndEOFReaderType, (void *)"a" },
		     { &byteAndEOFReaderType, (void *)"b" } };
	io_Reader      mr, lr;
	uint8_t	      *got;
	size_t	       len;
	runtime_error *err;

	mr = io_MultiReader(rs, 2);
	lr = io_LimitReader(mr, 10);
	err = io_ReadAll(lr, &got, &len);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(len == 2 && memcmp(got, "ab", 2) == 0,
	    "got \"%.*s\"; want \"ab\"", (int)len, got);
	free(got);
	free(lr.self);
	free(mr.self);
}
END_TEST

START_TEST(TestMultiReaderFinalEOF)
{
	bytesReader    empty;
	io_Reader      rs[2], r;
	char	       buf[2];
	runtime_error *err;
	ptrdiff_t      n;

	rs[0] = bytesReader_Reader(&empty, NULL, 0);
	rs[1] = (io_Reader){ &byteAndEOFReaderType, (void *)"a" };
	r = io_MultiReader(rs, 2);
	err = io_Reader_Read(r, buf, sizeof buf, &n);
	ck_assert_msg(n == 1 && err == io_EOF, "got %td, %s; want 1, EOF", n,
	    runtime_error_Error(err));
	free(r.self);
}
END_TEST

START_TEST(TestInterleavedMultiReader)
{
	bytesReader    r1, r2;
	io_Reader      rs[2], mr1, mr2;
	char	       buf[4];
	runtime_error *err;
	ptrdiff_t      n;

	rs[0] = stringsReader_Reader(&r1, "123");
	rs[1] = stringsReader_Reader(&r2, "45678");
	mr1 = io_MultiReader(rs, 2);
	mr2 = io_MultiReader(&mr1, 1);
	err = io_ReadFull(mr2, buf, sizeof buf, &n);
	ck_assert_msg(n == 4 && memcmp(buf, "1234", 4) == 0 && err == NULL,
	    "ReadFull(mr2) = (\"%.*s\", %s), want (\"1234\", nil)", (int)n, buf,
	    runtime_error_Error(err));
	err = io_ReadFull(mr1, buf, sizeof buf, &n);
	ck_assert_msg(n == 4 && memcmp(buf, "5678", 4) == 0 && err == NULL,
	    "ReadFull(mr1) = (\"%.*s\", %s), want (\"5678\", nil)", (int)n, buf,
	    runtime_error_Error(err));
	free(mr2.self);
	free(mr1.self);
}
END_TEST

Suite *
multi_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("multi");
	tc = newTCase("MultiReader");
	tcase_add_loop_test(tc, TestMultiReader, 0, nelem(multiReaderRuns));
	tcase_add_test(tc, TestMultiReaderAsWriterTo);
	tcase_add_test(tc, TestMultiReaderCopy);
	tcase_add_test(tc, TestMultiReaderSingleByteWithEOF);
	tcase_add_test(tc, TestMultiReaderFinalEOF);
	tcase_add_test(tc, TestInterleavedMultiReader);
	suite_add_tcase(s, tc);
	tc = newTCase("MultiWriter");
	tcase_add_test(tc, TestMultiWriter);
	tcase_add_test(tc, TestMultiWriter_String);
	tcase_add_test(tc, TestMultiWriter_StringCheckCall);
	tcase_add_test(tc, TestMultiWriterError);
	tcase_add_test(tc, TestMultiWriterCopy);
	suite_add_tcase(s, tc);
	return s;
}
