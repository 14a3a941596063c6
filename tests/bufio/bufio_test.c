/*
 * C port of go1.19 src/bufio/bufio_test.go (package bufio_test): the
 * Reader and Writer tests.  strings.Reader, bytes.Buffer and
 * testing/iotest come from tests/iotest.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bufio/bufio.h"
#include "errors/errors.h"
#include "runtime/chan.h"
#include "tests/allocs_hook.h"
#include "tests/iotest.h"
#include "tests/main_test.h"
#include "time/time.h"
#include "unicode/utf8/utf8.h"

/* rot13Reader rotates the letters its reader returns. */
static runtime_error *
rot13Reader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	runtime_error *err;
	uint8_t	      *b = p, c;
	ptrdiff_t      i;

	err = io_Reader_Read(*(io_Reader *)self, p, len, n);
	for (i = 0; i < *n; i++) {
		c = b[i] | 0x20;
		if ('a' <= c && c <= 'm')
			b[i] += 13;
		else if ('n' <= c && c <= 'z')
			b[i] -= 13;
	}
	return err;
}

static const io_Type rot13ReaderType = { .name = "*bufio_test.rot13Reader",
	.Read = rot13Reader_Read };

/* The read helpers write at most 1000 bytes into out, NUL-terminated. */
static void
readBytes(bufio_Reader *buf, char *out)
{
	runtime_error *err;
	uint8_t	       c;
	int	       nb;

	nb = 0;
	for (;;) {
		err = bufio_Reader_ReadByte(buf, &c);
		if (err == io_EOF)
			break;
		if (err == NULL)
			out[nb++] = (char)c;
		else if (err != iotest_ErrTimeout)
			ck_abort_msg("Data: %s", runtime_error_Error(err));
	}
	out[nb] = '\0';
}

START_TEST(TestReaderSimple)
{
	bufio_Reader *b;
	bytesReader   sr;
	io_Reader     r13;
	char	      s[1001];

	b = bufio_NewReader(stringsReader_Reader(&sr, "hello world"));
	readBytes(b, s);
	ck_assert_msg(strcmp(s, "hello world") == 0,
	    "simple hello world test failed: got \"%s\"", s);
	bufio_Reader_Free(b);

	r13 = stringsReader_Reader(&sr, "hello world");
	b = bufio_NewReader((io_Reader){ &rot13ReaderType, &r13 });
	readBytes(b, s);
	ck_assert_msg(strcmp(s, "uryyb jbeyq") == 0,
	    "rot13 hello world test failed: got \"%s\"", s);
	bufio_Reader_Free(b);
}
END_TEST

typedef struct readMaker {
	const char *name;
	io_Reader (*fn)(iotestReader *t, io_Reader r);
} readMaker;

static io_Reader
fullReader(iotestReader *t, io_Reader r)
{
	(void)t;
	return r;
}

static const readMaker readMakers[] = {
	{ "full", fullReader },
	{ "byte", iotest_OneByteReader },
	{ "half", iotest_HalfReader },
	{ "data+err", iotest_DataErrReader },
	{ "timeout", iotest_TimeoutReader },
};

static void
readLines(bufio_Reader *b, char *out)
{
	runtime_error *err;
	char	      *s1;

	out[0] = '\0';
	for (;;) {
		err = bufio_Reader_ReadString(b, '\n', &s1, NULL);
		if (err == io_EOF) {
			free(s1);
			break;
		}
		if (err != NULL && err != iotest_ErrTimeout)
			ck_abort_msg("GetLines: %s", runtime_error_Error(err));
		strcat(out, s1);
		free(s1);
	}
}

static void
reads(bufio_Reader *buf, int m, char *out)
{
	runtime_error *err;
	ptrdiff_t      n;
	int	       nb;

	nb = 0;
	for (;;) {
		err = bufio_Reader_Read(buf, out + nb, (size_t)m, &n);
		nb += (int)n;
		if (err == io_EOF)
			break;
	}
	out[nb] = '\0';
}

typedef struct bufReader {
	const char *name;
	int	    m; /* reads(b, m); 0 readBytes, -1 readLines */
} bufReader;

static const bufReader bufreaders[] = {
	{ "1", 1 },
	{ "2", 2 },
	{ "3", 3 },
	{ "4", 4 },
	{ "5", 5 },
	{ "7", 7 },
	{ "bytes", 0 },
	{ "lines", -1 },
};

static void
bufReader_fn(const bufReader *br, bufio_Reader *b, char *out)
{
	if (br->m > 0)
		reads(b, br->m, out);
	else if (br->m == 0)
		readBytes(b, out);
	else
		readLines(b, out);
}

enum { minReadBufferSize = 16 };

static const int bufsizes[] = {
	0,
	minReadBufferSize,
	23,
	32,
	46,
	64,
	93,
	128,
	1024,
	4096,
};

/* TestReader runs one text (of Go's 31) per iteration. */
START_TEST(TestReader)
{
	char	      texts[31][600], all[600], str[40], s[1001];
	int	      h, i, j, k, len;
	bytesReader   sr;
	iotestReader  t;
	bufio_Reader *buf;

	all[0] = '\0';
	len = 0;
	for (h = 0; h < 30; h++) {
		str[len] = '\0';
		snprintf(texts[h], sizeof texts[h], "%s\n", str);
		strcat(all, texts[h]);
		str[len++] = (char)(h % 26 + 'a');
	}
	strcpy(texts[30], all);
	h = _i;
	for (i = 0; i < (int)nelem(readMakers); i++)
		for (j = 0; j < (int)nelem(bufreaders); j++)
			for (k = 0; k < (int)nelem(bufsizes); k++) {
				buf = bufio_NewReaderSize(
				    readMakers[i].fn(&t,
					stringsReader_Reader(&sr, texts[h])),
				    bufsizes[k]);
				bufReader_fn(&bufreaders[j], buf, s);
				ck_assert_msg(strcmp(s, texts[h]) == 0,
				    "reader=%s fn=%s bufsize=%d want=\"%s\" "
				    "got=\"%s\"",
				    readMakers[i].name, bufreaders[j].name,
				    bufsizes[k], texts[h], s);
				bufio_Reader_Free(buf);
				iotestReader_free(&t);
			}
}
END_TEST

static runtime_error *
zeroReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	(void)len;
	*n = 0;
	return NULL;
}

static const io_Type zeroReaderType = { .name = "bufio_test.zeroReader",
	.Read = zeroReader_Read };

typedef struct zeroReaderRun {
	bufio_Reader  *r;
	runtime_hchan *c;
} zeroReaderRun;

static void
zeroReaderReadByte(void *arg)
{
	zeroReaderRun *z = arg;
	runtime_error *err;
	uint8_t	       c;

	err = bufio_Reader_ReadByte(z->r, &c);
	runtime_chansend1(z->c, &err);
}

START_TEST(TestZeroReader)
{
	zeroReaderRun  z;
	runtime_error *err;
	time_Timer    *timer;
	runtime_scase  cases[2];

	z.r = bufio_NewReader((io_Reader){ &zeroReaderType, NULL });
	z.c = runtime_makechan(sizeof(runtime_error *), 0);
	runtime_Go(zeroReaderReadByte, &z);
	timer = time_NewTimer(time_Second);
	cases[0] = (runtime_scase){ z.c, &err };
	cases[1] = (runtime_scase){ timer->C, NULL };
	if (runtime_selectgo(cases, 0, 2, true, NULL) == 0) {
		if (err == NULL)
			ck_abort_msg("error expected");
		else if (err != io_ErrNoProgress)
			ck_abort_msg(
			    "unexpected error: %s", runtime_error_Error(err));
	} else
		ck_abort_msg("test timed out (endless loop in ReadByte?)");
	time_Timer_Free(timer);
	runtime_hchan_Free(z.c);
	bufio_Reader_Free(z.r);
}
END_TEST

/* StringReader returns one segment per Read. */
typedef struct StringReader {
	const char *const *data;
	int		   n, step;
} StringReader;

static runtime_error *
StringReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	StringReader *r = self;
	size_t	      m;

	*n = 0;
	if (r->step >= r->n)
		return io_EOF;
	m = strlen(r->data[r->step]);
	if (m > len)
		m = len;
	memcpy(p, r->data[r->step++], m);
	*n = (ptrdiff_t)m;
	return NULL;
}

static const io_Type StringReaderType = { .name = "*bufio_test.StringReader",
	.Read = StringReader_Read };

static void
appendRune(char *s, int32_t r)
{
	size_t n = strlen(s);

	n += (size_t)utf8_EncodeRune((uint8_t *)s + n, r);
	s[n] = '\0';
}

typedef struct segments {
	int	    n;
	const char *s[5];
} segments;

static const segments segmentList[] = {
	{ 0, { NULL } },
	{ 1, { "" } },
	{ 2, { "日", "本語" } },
	{ 3, { "\u65e5", "\u672c", "\u8a9e" } },
	{ 3, { "\U000065e5", "\U0000672c", "\U00008a9e" } },
	{ 3, { "\xe6", "\x97\xa5\xe6", "\x9c\xac\xe8\xaa\x9e" } },
	{ 4, { "Hello", ", ", "World", "!" } },
	{ 5, { "Hello", ", ", "", "World", "!" } },
};

START_TEST(TestReadRune)
{
	const segments *seg = &segmentList[_i];
	StringReader	sr = { seg->s, seg->n, 0 };
	bufio_Reader   *r;
	runtime_error  *err;
	char		got[64] = "", want[64] = "";
	int32_t		rn;
	int		i, size;

	for (i = 0; i < seg->n; i++)
		strcat(want, seg->s[i]);
	r = bufio_NewReader((io_Reader){ &StringReaderType, &sr });
	for (;;) {
		if ((err = bufio_Reader_ReadRune(r, &rn, &size)) != NULL) {
			if (err != io_EOF)
				goto out;
			break;
		}
		appendRune(got, rn);
	}
	ck_assert_msg(strcmp(got, want) == 0, "segments=%d got=%s want=%s", _i,
	    got, want);
out:
	runtime_error_Free(err);
	bufio_Reader_Free(r);
}
END_TEST

START_TEST(TestUnreadRune)
{
	static const char *const data[] = { "Hello, world:", "日本語" };
	StringReader		 sr = { data, 2, 0 };
	bufio_Reader		*r;
	runtime_error		*err;
	char			 got[64] = "";
	int32_t			 r1, r2;
	int			 size;

	r = bufio_NewReader((io_Reader){ &StringReaderType, &sr });
	for (;;) {
		if ((err = bufio_Reader_ReadRune(r, &r1, &size)) != NULL) {
			ck_assert_msg(err == io_EOF,
			    "unexpected error on ReadRune: %s",
			    runtime_error_Error(err));
			break;
		}
		appendRune(got, r1);
		err = bufio_Reader_UnreadRune(r);
		ck_assert_msg(err == NULL, "unexpected error on UnreadRune: %s",
		    runtime_error_Error(err));
		err = bufio_Reader_ReadRune(r, &r2, &size);
		ck_assert_msg(err == NULL,
		    "unexpected error reading after unreading: %s",
		    runtime_error_Error(err));
		ck_assert_msg(r1 == r2,
		    "incorrect rune after unread: got %d, want %d", r1, r2);
	}
	ck_assert_msg(strcmp(got, "Hello, world:日本語") == 0,
	    "got \"%s\", want \"%s\"", got, "Hello, world:日本語");
	bufio_Reader_Free(r);
}
END_TEST

/*
 * The NoUnread*After* tests: after op, Unread must fail.  op 0 is Peek(1),
 * 1 Discard(1), 2 WriteTo(io.Discard); the first read is ReadRune or
 * ReadByte.
 */
static void
noUnreadAfter(bool rune, int op, const char *what)
{
	bufio_Reader  *br;
	bytesReader    sr;
	const uint8_t *p;
	size_t	       len;
	int32_t	       r;
	int	       size;
	uint8_t	       c;
	int64_t	       n;
	runtime_error *err;

	br = bufio_NewReader(stringsReader_Reader(&sr, "example"));
	if (op != 2 && rune)
		bufio_Reader_ReadRune(br, &r, &size);
	else if (op != 2)
		bufio_Reader_ReadByte(br, &c);
	if (op == 0)
		bufio_Reader_Peek(br, 1, &p, &len);
	else if (op == 1)
		bufio_Reader_Discard(br, 1, &size);
	else
		bufio_Reader_WriteTo(br, ioDiscard(), &n);
	err = rune ? bufio_Reader_UnreadRune(br) : bufio_Reader_UnreadByte(br);
	ck_assert_msg(err != NULL, "%s didn't fail after %s",
	    rune ? "UnreadRune" : "UnreadByte", what);
	bufio_Reader_Free(br);
}

START_TEST(TestNoUnreadRuneAfterPeek)
{
	noUnreadAfter(true, 0, "Peek");
}
END_TEST

START_TEST(TestNoUnreadByteAfterPeek)
{
	noUnreadAfter(false, 0, "Peek");
}
END_TEST

START_TEST(TestNoUnreadRuneAfterDiscard)
{
	noUnreadAfter(true, 1, "Discard");
}
END_TEST

START_TEST(TestNoUnreadByteAfterDiscard)
{
	noUnreadAfter(false, 1, "Discard");
}
END_TEST

START_TEST(TestNoUnreadRuneAfterWriteTo)
{
	noUnreadAfter(true, 2, "WriteTo");
}
END_TEST

START_TEST(TestNoUnreadByteAfterWriteTo)
{
	noUnreadAfter(false, 2, "WriteTo");
}
END_TEST

START_TEST(TestUnreadByte)
{
	static const char *const data[] = { "Hello, ", "world" };
	StringReader		 sr = { data, 2, 0 };
	bufio_Reader		*r;
	runtime_error		*err;
	char			 got[64];
	uint8_t			 b1, b2;
	int			 n;

	n = 0;
	r = bufio_NewReader((io_Reader){ &StringReaderType, &sr });
	for (;;) {
		if ((err = bufio_Reader_ReadByte(r, &b1)) != NULL) {
			ck_assert_msg(err == io_EOF,
			    "unexpected error on ReadByte: %s",
			    runtime_error_Error(err));
			break;
		}
		got[n++] = (char)b1;
		err = bufio_Reader_UnreadByte(r);
		ck_assert_msg(err == NULL, "unexpected error on UnreadByte: %s",
		    runtime_error_Error(err));
		err = bufio_Reader_ReadByte(r, &b2);
		ck_assert_msg(err == NULL,
		    "unexpected error reading after unreading: %s",
		    runtime_error_Error(err));
		ck_assert_msg(b1 == b2,
		    "incorrect byte after unread: got %c, want %c", b1, b2);
	}
	got[n] = '\0';
	ck_assert_str_eq(got, "Hello, world");
	bufio_Reader_Free(r);
}
END_TEST

START_TEST(TestUnreadByteMultiple)
{
	static const char *const segments[] = { "Hello, ", "world" };
	static const char	 data[] = "Hello, world";
	StringReader		 sr;
	bufio_Reader		*r;
	runtime_error		*err;
	uint8_t			 b;
	int			 n, i;

	for (n = 0; n <= (int)strlen(data); n++) {
		sr = (StringReader){ segments, 2, 0 };
		r = bufio_NewReader((io_Reader){ &StringReaderType, &sr });
		for (i = 0; i < n; i++) {
			err = bufio_Reader_ReadByte(r, &b);
			ck_assert_msg(err == NULL,
			    "n = %d: unexpected error on ReadByte: %s", n,
			    runtime_error_Error(err));
			ck_assert_msg(b == (uint8_t)data[i],
			    "n = %d: incorrect byte returned from ReadByte: "
			    "got %c, want %c",
			    n, b, data[i]);
		}
		if (n > 0) {
			err = bufio_Reader_UnreadByte(r);
			ck_assert_msg(err == NULL,
			    "n = %d: unexpected error on UnreadByte: %s", n,
			    runtime_error_Error(err));
		}
		ck_assert_msg(bufio_Reader_UnreadByte(r) != NULL,
		    "n = %d: expected error on UnreadByte", n);
		bufio_Reader_Free(r);
	}
}
END_TEST

/* readOther is TestUnreadByteOthers' reader rno, as a counted copy. */
static runtime_error *
readOther(int rno, bufio_Reader *r, uint8_t delim, char *out)
{
	runtime_error *err;
	const uint8_t *sl;
	uint8_t	      *b;
	char	      *s;
	size_t	       len;

	if (rno == 0) {
		err = bufio_Reader_ReadBytes(r, delim, &b, &len);
		memcpy(out, b, len);
		free(b);
	} else if (rno == 1) {
		err = bufio_Reader_ReadSlice(r, delim, &sl, &len);
		memcpy(out, sl, len);
	} else {
		err = bufio_Reader_ReadString(r, delim, &s, &len);
		memcpy(out, s, len);
		free(s);
	}
	out[len] = '\0';
	return err;
}

static void
readTo(int rno, bufio_Reader *r, uint8_t delim, const char *want)
{
	runtime_error *err;
	char	       got[64];

	err = readOther(rno, r, delim, got);
	ck_assert_msg(err == NULL, "#%d: unexpected error reading to %c: %s",
	    rno, delim, runtime_error_Error(err));
	ck_assert_msg(strcmp(got, want) == 0, "#%d: got \"%s\", want \"%s\"",
	    rno, got, want);
}

START_TEST(TestUnreadByteOthers)
{
	enum { n = 10 };
	bytesBuffer    buf = { 0 };
	bufio_Reader  *r;
	runtime_error *err;
	uint8_t	       c;
	int	       rno = _i, i, j;

	for (i = 0; i < n; i++)
		bytesBuffer_WriteString(&buf, "abcdefg");
	r = bufio_NewReaderSize(bytesBuffer_Reader(&buf), minReadBufferSize);
	for (i = 0; i < n; i++) {
		readTo(rno, r, 'd', "abcd");
		for (j = 0; j < 3; j++) {
			err = bufio_Reader_UnreadByte(r);
			ck_assert_msg(err == NULL,
			    "#%d: unexpected error on UnreadByte: %s", rno,
			    runtime_error_Error(err));
			readTo(rno, r, 'd', "d");
		}
		readTo(rno, r, 'g', "efg");
	}
	err = bufio_Reader_ReadByte(r, &c);
	ck_assert_msg(err == io_EOF, "#%d: got error %s; want EOF", rno,
	    runtime_error_Error(err));
	bufio_Reader_Free(r);
	bytesBuffer_free(&buf);
}
END_TEST

#define expectOK(err, what)                                                    \
	ck_assert_msg((err) == NULL, "unexpected error on " what ": %s",       \
	    runtime_error_Error(err))

START_TEST(TestUnreadRuneError)
{
	static const char *const data[] = { "日本語日本語日本語" };
	StringReader		 sr = { data, 1, 0 };
	bufio_Reader		*r;
	const uint8_t		*sl;
	uint8_t			 buf[3], c;
	size_t			 len, i;
	ptrdiff_t		 n;
	int32_t			 rn;
	int			 size;

	r = bufio_NewReader((io_Reader){ &StringReaderType, &sr });
	ck_assert_msg(bufio_Reader_UnreadRune(r) != NULL,
	    "expected error on UnreadRune from fresh buffer");
	expectOK(bufio_Reader_ReadRune(r, &rn, &size), "ReadRune (1)");
	expectOK(bufio_Reader_UnreadRune(r), "UnreadRune (1)");
	ck_assert_msg(bufio_Reader_UnreadRune(r) != NULL,
	    "expected error after UnreadRune (1)");
	expectOK(bufio_Reader_ReadRune(r, &rn, &size), "ReadRune (2)");
	expectOK(bufio_Reader_Read(r, buf, sizeof buf, &n), "Read (2)");
	ck_assert_msg(bufio_Reader_UnreadRune(r) != NULL,
	    "expected error after Read (2)");
	expectOK(bufio_Reader_ReadRune(r, &rn, &size), "ReadRune (2)");
	for (i = 0; i < sizeof buf; i++)
		expectOK(bufio_Reader_ReadByte(r, &c), "ReadByte (2)");
	ck_assert_msg(bufio_Reader_UnreadRune(r) != NULL,
	    "expected error after ReadByte");
	expectOK(bufio_Reader_ReadRune(r, &rn, &size), "ReadRune (3)");
	expectOK(bufio_Reader_ReadByte(r, &c), "ReadByte (3)");
	expectOK(bufio_Reader_UnreadByte(r), "UnreadByte (3)");
	ck_assert_msg(bufio_Reader_UnreadRune(r) != NULL,
	    "expected error after UnreadByte (3)");
	expectOK(bufio_Reader_ReadRune(r, &rn, &size), "ReadRune (4)");
	ck_assert_msg(bufio_Reader_ReadSlice(r, 0, &sl, &len) == io_EOF,
	    "unexpected error on ReadSlice (4)");
	ck_assert_msg(bufio_Reader_UnreadRune(r) != NULL,
	    "expected error after ReadSlice (4)");
	bufio_Reader_Free(r);
}
END_TEST

START_TEST(TestUnreadRuneAtEOF)
{
	bufio_Reader  *r;
	bytesReader    sr;
	runtime_error *err;
	int32_t	       rn;
	int	       size;

	r = bufio_NewReader(stringsReader_Reader(&sr, "x"));
	bufio_Reader_ReadRune(r, &rn, &size);
	bufio_Reader_ReadRune(r, &rn, &size);
	bufio_Reader_UnreadRune(r);
	err = bufio_Reader_ReadRune(r, &rn, &size);
	if (err == NULL)
		ck_abort_msg("expected error at EOF");
	else if (err != io_EOF)
		ck_abort_msg("expected EOF; got %s", runtime_error_Error(err));
	bufio_Reader_Free(r);
}
END_TEST

START_TEST(TestReadWriteRune)
{
	enum { NRune = 1000 };
	bytesBuffer    byteBuf = { 0 };
	bufio_Writer  *w;
	bufio_Reader  *r;
	runtime_error *err;
	uint8_t	       buf[utf8_UTFMax];
	int32_t	       rn, nr;
	int	       size, nbytes;

	w = bufio_NewWriter(bytesBuffer_Writer(&byteBuf));
	for (rn = 0; rn < NRune; rn++) {
		size = utf8_EncodeRune(buf, rn);
		err = bufio_Writer_WriteRune(w, rn, &nbytes);
		ck_assert_msg(err == NULL, "WriteRune(0x%x) error: %s", rn,
		    runtime_error_Error(err));
		ck_assert_msg(nbytes == size,
		    "WriteRune(0x%x) expected %d, got %d", rn, size, nbytes);
	}
	bufio_Writer_Flush(w);
	r = bufio_NewReader(bytesBuffer_Reader(&byteBuf));
	for (rn = 0; rn < NRune; rn++) {
		size = utf8_EncodeRune(buf, rn);
		err = bufio_Reader_ReadRune(r, &nr, &nbytes);
		ck_assert_msg(nr == rn && nbytes == size && err == NULL,
		    "ReadRune(0x%x) got 0x%x,%d not 0x%x,%d (err=%s)", rn, nr,
		    nbytes, rn, size, runtime_error_Error(err));
	}
	bufio_Writer_Free(w);
	bufio_Reader_Free(r);
	bytesBuffer_free(&byteBuf);
}
END_TEST

START_TEST(TestWriteInvalidRune)
{
	static const int32_t runes[] = { -1, utf8_MaxRune + 1 };
	bytesBuffer	     buf;
	bufio_Writer	    *w;
	size_t		     i;
	int		     size;

	for (i = 0; i < nelem(runes); i++) {
		buf = (bytesBuffer){ 0 };
		w = bufio_NewWriter(bytesBuffer_Writer(&buf));
		bufio_Writer_WriteRune(w, runes[i], &size);
		bufio_Writer_Flush(w);
		ck_assert_msg(strcmp(bytesBuffer_String(&buf), "\uFFFD") == 0,
		    "WriteRune(%d) wrote \"%s\", not replacement character",
		    runes[i], bytesBuffer_String(&buf));
		bufio_Writer_Free(w);
		bytesBuffer_free(&buf);
	}
}
END_TEST

/* readStringAllocs is one run: rewind the string, Reset, ReadString. */
typedef struct readStringAllocs {
	bytesReader   r;
	io_Reader     rd;
	bufio_Reader *buf;
	bool	      failed;
} readStringAllocs;

static void
readStringAllocsRun(void *arg)
{
	readStringAllocs *a = arg;
	runtime_error	 *err;
	char		 *line;

	a->r.i = 0; /* r.Seek(0, io.SeekStart) */
	bufio_Reader_Reset(a->buf, a->rd);
	err = bufio_Reader_ReadString(a->buf, '\n', &line, NULL);
	if (err != NULL)
		a->failed = true;
	runtime_error_Free(err);
	free(line);
}

START_TEST(TestReadStringAllocs)
{
	readStringAllocs a = { 0 };
	double		 allocs;

	a.rd = stringsReader_Reader(&a.r,
	    "       foo       foo        42        42        42        42    "
	    "    42        42        42        42       4.2       4.2       "
	    "4.2       4.2\n");
	a.buf = bufio_NewReader(a.rd);
	if (testing_AllocsPerRun == NULL ||
	    (allocs = testing_AllocsPerRun(100, readStringAllocsRun, &a)) < 0)
		ck_abort_msg("allocation counting is not linked in");
	ck_assert_msg(!a.failed, "ReadString failed");
	ck_assert_msg(allocs == 1,
	    "Unexpected number of allocations, got %f, want 1", allocs);
	bufio_Reader_Free(a.buf);
}
END_TEST

START_TEST(TestWriter)
{
	static uint8_t data[8192];
	bytesBuffer    w = { 0 };
	bufio_Writer  *buf;
	runtime_error *e1, *e;
	ptrdiff_t      n;
	size_t	       i, j;
	int	       nwrite, bs;

	for (i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(' ' + i % ('~' - ' '));
	for (i = 0; i < nelem(bufsizes); i++)
		for (j = 0; j < nelem(bufsizes); j++) {
			nwrite = bufsizes[i];
			bs = bufsizes[j];
			bytesBuffer_Reset(&w);
			buf = bufio_NewWriterSize(bytesBuffer_Writer(&w), bs);
			e1 = bufio_Writer_Write(buf, data, (size_t)nwrite, &n);
			ck_assert_msg(e1 == NULL && n == nwrite,
			    "nwrite=%d bufsize=%d: buf.Write %d = %td, %s",
			    nwrite, bs, nwrite, n, runtime_error_Error(e1));
			e = bufio_Writer_Flush(buf);
			ck_assert_msg(e == NULL,
			    "nwrite=%d bufsize=%d: buf.Flush = %s", nwrite, bs,
			    runtime_error_Error(e));
			ck_assert_msg(bytesBuffer_Len(&w) == (size_t)nwrite,
			    "nwrite=%d bufsize=%d: %zu bytes written", nwrite,
			    bs, bytesBuffer_Len(&w));
			ck_assert_msg(nwrite == 0 ||
				memcmp(w.data + w.off, data, (size_t)nwrite) ==
				    0,
			    "wrong bytes written");
			bufio_Writer_Free(buf);
		}
	bytesBuffer_free(&w);
}
END_TEST

/* errorWriterTest writes len(p)*n/m bytes and returns err. */
typedef struct errorWriterTest {
	int		      n, m;
	runtime_error *const *err;
	runtime_error *const *expect;
} errorWriterTest;

static runtime_error *
errorWriterTest_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	const errorWriterTest *w = self;

	(void)p;
	*n = (ptrdiff_t)len * w->n / w->m;
	return w->err == NULL ? NULL : *w->err;
}

static const io_Type errorWriterTestType = {
	.name = "bufio_test.errorWriterTest",
	.Write = errorWriterTest_Write,
};

static const errorWriterTest errorWriterTests[] = {
	{ 0, 1, NULL, &io_ErrShortWrite },
	{ 1, 2, NULL, &io_ErrShortWrite },
	{ 1, 1, NULL, NULL },
	{ 0, 1, &io_ErrClosedPipe, &io_ErrClosedPipe },
	{ 1, 2, &io_ErrClosedPipe, &io_ErrClosedPipe },
	{ 1, 1, &io_ErrClosedPipe, &io_ErrClosedPipe },
};

START_TEST(TestWriteErrors)
{
	const errorWriterTest *w = &errorWriterTests[_i];
	runtime_error	      *e, *want;
	bufio_Writer	      *buf;
	ptrdiff_t	       n;
	int		       i;

	want = w->expect == NULL ? NULL : *w->expect;
	buf = bufio_NewWriter((io_Writer){ &errorWriterTestType, (void *)w });
	e = bufio_Writer_Write(buf, "hello world", 11, &n);
	ck_assert_msg(
	    e == NULL, "Write hello to %d: %s", _i, runtime_error_Error(e));
	for (i = 0; i < 2; i++) {
		e = bufio_Writer_Flush(buf);
		ck_assert_msg(e == want, "Flush %d/2 %d: got %s, wanted %s",
		    i + 1, _i, runtime_error_Error(e),
		    runtime_error_Error(want));
	}
	bufio_Writer_Free(buf);
}
END_TEST

START_TEST(TestNewReaderSizeIdempotent)
{
	enum { BufSize = 1000 };
	bufio_Reader *b, *b1, *b2;
	bytesReader   sr;

	b = bufio_NewReaderSize(
	    stringsReader_Reader(&sr, "hello world"), BufSize);
	b1 = bufio_NewReaderSize(bufio_Reader_Reader(b), BufSize);
	ck_assert_msg(
	    b1 == b, "NewReaderSize did not detect underlying Reader");
	b2 = bufio_NewReaderSize(bufio_Reader_Reader(b), 2 * BufSize);
	ck_assert_msg(b2 != b, "NewReaderSize did not enlarge buffer");
	bufio_Reader_Free(b2);
	bufio_Reader_Free(b);
}
END_TEST

START_TEST(TestNewWriterSizeIdempotent)
{
	enum { BufSize = 1000 };
	bufio_Writer *b, *b1, *b2;
	bytesBuffer   buf = { 0 };

	b = bufio_NewWriterSize(bytesBuffer_Writer(&buf), BufSize);
	b1 = bufio_NewWriterSize(bufio_Writer_Writer(b), BufSize);
	ck_assert_msg(
	    b1 == b, "NewWriterSize did not detect underlying Writer");
	b2 = bufio_NewWriterSize(bufio_Writer_Writer(b), 2 * BufSize);
	ck_assert_msg(b2 != b, "NewWriterSize did not enlarge buffer");
	bufio_Writer_Free(b2);
	bufio_Writer_Free(b);
}
END_TEST

START_TEST(TestWriteString)
{
	enum { BufSize = 8 };
	bytesBuffer    buf = { 0 };
	bufio_Writer  *b;
	runtime_error *err;
	ptrdiff_t      n;
	const char    *s = "01234567890abcdefghijklmnopqrstuvwxyz";

	b = bufio_NewWriterSize(bytesBuffer_Writer(&buf), BufSize);
	bufio_Writer_WriteString(b, "0", &n);
	bufio_Writer_WriteString(b, "123456", &n);
	bufio_Writer_WriteString(b, "7890", &n);
	bufio_Writer_WriteString(b, "abcdefghijklmnopqrstuvwxy", &n);
	bufio_Writer_WriteString(b, "z", &n);
	err = bufio_Writer_Flush(b);
	ck_assert_msg(err == NULL, "WriteString %s", runtime_error_Error(err));
	ck_assert_msg(strcmp(bytesBuffer_String(&buf), s) == 0,
	    "WriteString wants \"%s\" gets \"%s\"", s,
	    bytesBuffer_String(&buf));
	bufio_Writer_Free(b);
	bytesBuffer_free(&buf);
}
END_TEST

/* teststringwriter records what came through Write and WriteString. */
typedef struct teststringwriter {
	char write[64];
	char writeString[64];
} teststringwriter;

static runtime_error *
teststringwriter_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	teststringwriter *w = self;

	strncat(w->write, p, len);
	*n = (ptrdiff_t)len;
	return NULL;
}

static runtime_error *
teststringwriter_WriteString(void *self, const char *s, ptrdiff_t *n)
{
	teststringwriter *w = self;

	strcat(w->writeString, s);
	*n = (ptrdiff_t)strlen(s);
	return NULL;
}

static const io_Type teststringwriterType = {
	.name = "*bufio_test.teststringwriter",
	.Write = teststringwriter_Write,
	.WriteString = teststringwriter_WriteString,
};

static void
teststringwriter_check(
    teststringwriter *w, const char *write, const char *writeString)
{
	ck_assert_msg(strcmp(w->write, write) == 0,
	    "write: expected \"%s\", got \"%s\"", write, w->write);
	ck_assert_msg(strcmp(w->writeString, writeString) == 0,
	    "writeString: expected \"%s\", got \"%s\"", writeString,
	    w->writeString);
}

static bufio_Writer *
newTestStringWriter(teststringwriter *tw)
{
	*tw = (teststringwriter){ "", "" };
	return bufio_NewWriterSize((io_Writer){ &teststringwriterType, tw }, 8);
}

START_TEST(TestWriteStringStringWriter)
{
	teststringwriter tw;
	bufio_Writer	*b;
	ptrdiff_t	 n;

	b = newTestStringWriter(&tw);
	bufio_Writer_WriteString(b, "1234", &n);
	teststringwriter_check(&tw, "", "");
	bufio_Writer_WriteString(b, "56789012", &n);
	teststringwriter_check(&tw, "12345678", "");
	bufio_Writer_Flush(b);
	teststringwriter_check(&tw, "123456789012", "");
	bufio_Writer_Free(b);

	b = newTestStringWriter(&tw);
	bufio_Writer_WriteString(b, "123456789", &n);
	teststringwriter_check(&tw, "", "123456789");
	bufio_Writer_Free(b);

	b = newTestStringWriter(&tw);
	bufio_Writer_WriteString(b, "abc", &n);
	teststringwriter_check(&tw, "", "");
	bufio_Writer_WriteString(b, "123456789012345", &n);
	teststringwriter_check(&tw, "abc12345", "6789012345");
	bufio_Writer_Free(b);

	b = newTestStringWriter(&tw);
	bufio_Writer_Write(b, "abc", 3, &n);
	teststringwriter_check(&tw, "", "");
	bufio_Writer_WriteString(b, "123456789012345", &n);
	teststringwriter_check(&tw, "abc12345", "6789012345");
	bufio_Writer_Free(b);
}
END_TEST

/* sliceIs compares a counted slice with a C string. */
static bool
sliceIs(const void *p, size_t len, const char *s)
{
	return len == strlen(s) && (len == 0 || memcmp(p, s, len) == 0);
}

START_TEST(TestBufferFull)
{
	const char *longString =
	    "And now, hello, world! It is the time for all good men to "
	    "come to the aid of their party";
	bufio_Reader  *buf;
	bytesReader    sr;
	const uint8_t *line;
	size_t	       len;
	runtime_error *err;

	buf = bufio_NewReaderSize(
	    stringsReader_Reader(&sr, longString), minReadBufferSize);
	err = bufio_Reader_ReadSlice(buf, '!', &line, &len);
	ck_assert_msg(sliceIs(line, len, "And now, hello, ") &&
		err == bufio_ErrBufferFull,
	    "first ReadSlice(,) = %.*s, %s", (int)len, line,
	    runtime_error_Error(err));
	err = bufio_Reader_ReadSlice(buf, '!', &line, &len);
	ck_assert_msg(sliceIs(line, len, "world!") && err == NULL,
	    "second ReadSlice(,) = %.*s, %s", (int)len, line,
	    runtime_error_Error(err));
	bufio_Reader_Free(buf);
}
END_TEST

static void
expectPeek(bufio_Reader *buf, int n, const char *want, runtime_error *wantErr)
{
	const uint8_t *s;
	size_t	       len;
	runtime_error *err;

	err = bufio_Reader_Peek(buf, n, &s, &len);
	ck_assert_msg(sliceIs(s, len, want) && err == wantErr,
	    "Peek(%d): want \"%s\", %s got \"%.*s\", err=%s", n, want,
	    runtime_error_Error(wantErr), (int)len, s,
	    runtime_error_Error(err));
}

static void
expectRead(
    bufio_Reader *buf, size_t len, const char *want, runtime_error *wantErr)
{
	char	       p[16];
	ptrdiff_t      n;
	runtime_error *err;

	err = bufio_Reader_Read(buf, p, len, &n);
	ck_assert_msg(sliceIs(p, (size_t)n, want) && err == wantErr,
	    "Read: want \"%s\" got \"%.*s\", err=%s", want, (int)n, p,
	    runtime_error_Error(err));
}

/* dataAndEOFReader returns its data and EOF together, every time. */
static runtime_error *
dataAndEOFReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	size_t m = strlen(self);

	if (m > len)
		m = len;
	memcpy(p, self, m);
	*n = (ptrdiff_t)m;
	return io_EOF;
}

static const io_Type dataAndEOFReaderType = {
	.name = "bufio_test.dataAndEOFReader",
	.Read = dataAndEOFReader_Read,
};

START_TEST(TestPeek)
{
	bufio_Reader  *buf;
	bytesReader    sr;
	const uint8_t *s;
	size_t	       len;

	buf = bufio_NewReaderSize(
	    stringsReader_Reader(&sr, "abcdefghijklmnop"), minReadBufferSize);
	expectPeek(buf, 1, "a", NULL);
	expectPeek(buf, 4, "abcd", NULL);
	ck_assert_msg(
	    bufio_Reader_Peek(buf, -1, &s, &len) == bufio_ErrNegativeCount,
	    "want ErrNegativeCount");
	expectPeek(buf, 32, "abcdefghijklmnop", bufio_ErrBufferFull);
	expectRead(buf, 3, "abc", NULL);
	expectPeek(buf, 1, "d", NULL);
	expectPeek(buf, 2, "de", NULL);
	expectRead(buf, 3, "def", NULL);
	expectPeek(buf, 4, "ghij", NULL);
	expectRead(buf, 10, "ghijklmnop", NULL);
	expectPeek(buf, 0, "", NULL);
	ck_assert_msg(
	    bufio_Reader_Peek(buf, 1, &s, &len) == io_EOF, "want EOF");
	bufio_Reader_Free(buf);

	buf = bufio_NewReaderSize(
	    (io_Reader){ &dataAndEOFReaderType, (void *)"abcd" }, 32);
	expectPeek(buf, 2, "ab", NULL);
	expectPeek(buf, 4, "abcd", NULL);
	expectRead(buf, 5, "abcd", NULL);
	expectRead(buf, 1, "", io_EOF);
	bufio_Reader_Free(buf);
}
END_TEST

START_TEST(TestPeekThenUnreadRune)
{
	bufio_Reader  *r;
	bytesReader    sr;
	const uint8_t *s;
	size_t	       len;
	int32_t	       rn;
	int	       size;

	r = bufio_NewReader(stringsReader_Reader(&sr, "x"));
	bufio_Reader_ReadRune(r, &rn, &size);
	bufio_Reader_Peek(r, 1, &s, &len);
	bufio_Reader_UnreadRune(r);
	bufio_Reader_ReadRune(r, &rn, &size);
	bufio_Reader_Free(r);
}
END_TEST

static const char testOutput[] = "0123456789abcdefghijklmnopqrstuvwxy";
static const char testInput[] =
    "012\n345\n678\n9ab\ncde\nfgh\nijk\nlmn\nopq\nrst\nuvw\nxy";
static const char testInputrn[] =
    "012\r\n345\r\n678\r\n9ab\r\ncde\r\nfgh\r\nijk\r\nlmn\r\nopq\r\n"
    "rst\r\nuvw\r\nxy\r\n\n\r\n";

/* testReader hands out at most stride bytes a Read, EOF with the last. */
typedef struct testReader {
	const char *data;
	size_t	    len;
	size_t	    stride;
} testReader;

static runtime_error *
testReader_Read(void *self, void *buf, size_t len, ptrdiff_t *n)
{
	testReader *t = self;
	size_t	    m;

	m = t->stride;
	if (m > t->len)
		m = t->len;
	if (m > len)
		m = len;
	memcpy(buf, t->data, m);
	t->data += m;
	t->len -= m;
	*n = (ptrdiff_t)m;
	return t->len == 0 ? io_EOF : NULL;
}

static const io_Type testReaderType = { .name = "*bufio_test.testReader",
	.Read = testReader_Read };

static void
testReadLine(const char *input, size_t inlen)
{
	testReader     reader;
	bufio_Reader  *l;
	const uint8_t *line;
	size_t	       len, done, stride;
	bool	       isPrefix;
	runtime_error *err;

	for (stride = 1; stride < 2; stride++) {
		done = 0;
		reader = (testReader){ input, inlen, stride };
		l = bufio_NewReaderSize(
		    (io_Reader){ &testReaderType, &reader }, (int)inlen + 1);
		for (;;) {
			err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
			ck_assert_msg(len == 0 || err == NULL,
			    "ReadLine returned both data and error: %s",
			    runtime_error_Error(err));
			ck_assert_msg(!isPrefix, "ReadLine returned prefix");
			if (err != NULL) {
				ck_assert_msg(err == io_EOF,
				    "Got unknown error: %s",
				    runtime_error_Error(err));
				break;
			}
			ck_assert_msg(memcmp(testOutput + done, line, len) == 0,
			    "Bad line at stride %zu", stride);
			done += len;
		}
		ck_assert_msg(done == strlen(testOutput),
		    "ReadLine didn't return everything: got: %zu, want: %zu "
		    "(stride: %zu)",
		    done, strlen(testOutput), stride);
		bufio_Reader_Free(l);
	}
}

START_TEST(TestReadLine)
{
	testReadLine(testInput, strlen(testInput));
	testReadLine(testInputrn, strlen(testInputrn));
}
END_TEST

START_TEST(TestLineTooLong)
{
	char	       data[minReadBufferSize * 5 / 2];
	const char    *d;
	bytesReader    br;
	bufio_Reader  *l;
	const uint8_t *line;
	size_t	       len, i;
	bool	       isPrefix;
	runtime_error *err;

	for (i = 0; i < sizeof data; i++)
		data[i] = (char)('0' + i % 10);
	l = bufio_NewReaderSize(
	    bytesReader_Reader(&br, data, sizeof data), minReadBufferSize);
	d = data;
	err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
	ck_assert_msg(isPrefix && len == minReadBufferSize &&
		memcmp(line, d, len) == 0 && err == NULL,
	    "bad result for first line");
	d += len;
	err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
	ck_assert_msg(isPrefix && len == minReadBufferSize &&
		memcmp(line, d, len) == 0 && err == NULL,
	    "bad result for second line");
	d += len;
	err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
	ck_assert_msg(!isPrefix && len == minReadBufferSize / 2 &&
		memcmp(line, d, len) == 0 && err == NULL,
	    "bad result for third line");
	err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
	ck_assert_msg(!isPrefix && err != NULL, "expected no more lines");
	bufio_Reader_Free(l);
}
END_TEST

START_TEST(TestReadAfterLines)
{
	const char    *line1 = "this is line1";
	const char    *restData = "this is line2\nthis is line 3\n";
	char	       in[128];
	bytesReader    inbuf;
	bytesBuffer    outbuf = { 0 };
	bufio_Reader  *l;
	const uint8_t *line;
	size_t	       len;
	bool	       isPrefix;
	runtime_error *err;
	int64_t	       n;

	snprintf(in, sizeof in, "%s\n%s", line1, restData);
	l = bufio_NewReaderSize(stringsReader_Reader(&inbuf, in),
	    (int)(strlen(line1) + strlen(restData) / 2));
	err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
	ck_assert_msg(!isPrefix && err == NULL && sliceIs(line, len, line1),
	    "bad result for first line: isPrefix=%d err=%s line=%.*s", isPrefix,
	    runtime_error_Error(err), (int)len, line);
	err = io_Copy(bytesBuffer_Writer(&outbuf), bufio_Reader_Reader(l), &n);
	ck_assert_msg((size_t)n == strlen(restData) && err == NULL,
	    "bad result for Read: n=%lld err=%s", (long long)n,
	    runtime_error_Error(err));
	ck_assert_msg(strcmp(bytesBuffer_String(&outbuf), restData) == 0,
	    "bad result for Read: got \"%s\"; expected \"%s\"",
	    bytesBuffer_String(&outbuf), restData);
	bufio_Reader_Free(l);
	bytesBuffer_free(&outbuf);
}
END_TEST

START_TEST(TestReadEmptyBuffer)
{
	bytesBuffer    empty = { 0 };
	bufio_Reader  *l;
	const uint8_t *line;
	size_t	       len;
	bool	       isPrefix;
	runtime_error *err;

	l = bufio_NewReaderSize(bytesBuffer_Reader(&empty), minReadBufferSize);
	err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
	ck_assert_msg(err == io_EOF, "expected EOF from ReadLine, got %s",
	    runtime_error_Error(err));
	bufio_Reader_Free(l);
}
END_TEST

START_TEST(TestLinesAfterRead)
{
	bytesReader    br;
	bufio_Reader  *l;
	const uint8_t *line;
	uint8_t	      *all;
	size_t	       len;
	bool	       isPrefix;
	runtime_error *err;

	l = bufio_NewReaderSize(
	    bytesReader_Reader(&br, "foo", 3), minReadBufferSize);
	err = io_ReadAll(bufio_Reader_Reader(l), &all, &len);
	free(all);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	err = bufio_Reader_ReadLine(l, &line, &len, &isPrefix);
	ck_assert_msg(err == io_EOF, "expected EOF from ReadLine, got %s",
	    runtime_error_Error(err));
	bufio_Reader_Free(l);
}
END_TEST

START_TEST(TestReadLineNonNilLineOrError)
{
	bytesReader    sr;
	bufio_Reader  *r;
	const uint8_t *l;
	size_t	       len;
	bool	       isPrefix;
	runtime_error *err;
	int	       i;

	r = bufio_NewReader(stringsReader_Reader(&sr, "line 1\n"));
	for (i = 0; i < 2; i++) {
		err = bufio_Reader_ReadLine(r, &l, &len, &isPrefix);
		ck_assert_msg(l == NULL || err == NULL,
		    "on line %d/2; ReadLine=%.*s, %s; want non-nil line or "
		    "Error, but not both",
		    i + 1, (int)len, l, runtime_error_Error(err));
	}
	bufio_Reader_Free(r);
}
END_TEST

typedef struct readLineResult {
	const char	     *line; /* NULL: Go's nil */
	bool		      isPrefix;
	runtime_error *const *err;
} readLineResult;

static const struct {
	const char    *input;
	int	       n;
	readLineResult expect[5];
} readLineNewlinesTests[] = {
	{ "012345678901234\r\n012345678901234\r\n", 5,
	    { { "012345678901234", true, NULL }, { NULL, false, NULL },
		{ "012345678901234", true, NULL }, { NULL, false, NULL },
		{ NULL, false, &io_EOF } } },
	{ "0123456789012345\r012345678901234\r", 4,
	    { { "0123456789012345", true, NULL },
		{ "\r012345678901234", true, NULL }, { "\r", false, NULL },
		{ NULL, false, &io_EOF } } },
};

START_TEST(TestReadLineNewlines)
{
	const char	     *input = readLineNewlinesTests[_i].input;
	const readLineResult *e;
	bytesReader	      sr;
	bufio_Reader	     *b;
	const uint8_t	     *line;
	size_t		      len;
	bool		      isPrefix;
	runtime_error	     *err;
	int		      i;

	b = bufio_NewReaderSize(
	    stringsReader_Reader(&sr, input), minReadBufferSize);
	for (i = 0; i < readLineNewlinesTests[_i].n; i++) {
		e = &readLineNewlinesTests[_i].expect[i];
		err = bufio_Reader_ReadLine(b, &line, &len, &isPrefix);
		ck_assert_msg(sliceIs(line, len, e->line ? e->line : ""),
		    "call %d, line == %.*s, want %s", i, (int)len, line,
		    e->line);
		ck_assert_msg(isPrefix == e->isPrefix,
		    "call %d, isPrefix == %d, want %d", i, isPrefix,
		    e->isPrefix);
		ck_assert_msg(err == (e->err ? *e->err : NULL),
		    "call %d, err == %s", i, runtime_error_Error(err));
	}
	bufio_Reader_Free(b);
}
END_TEST

static uint8_t *
createTestInput(size_t n)
{
	uint8_t *input = malloc(n);
	size_t	 i;

	for (i = 0; i < n; i++) {
		input[i] = (uint8_t)(i % 251);
		if (i % 101 == 0)
			input[i] ^= (uint8_t)(i / 101);
	}
	return input;
}

START_TEST(TestReaderWriteTo)
{
	uint8_t	      *input = createTestInput(8192);
	bytesReader    br;
	onlyReader     o;
	bytesBuffer    w = { 0 };
	bufio_Reader  *r;
	runtime_error *err;
	int64_t	       n;

	r = bufio_NewReader(
	    onlyReader_Reader(&o, bytesReader_Reader(&br, input, 8192)));
	err = bufio_Reader_WriteTo(r, bytesBuffer_Writer(&w), &n);
	ck_assert_msg(err == NULL && n == 8192,
	    "r.WriteTo(w) = %lld, %s, want 8192, nil", (long long)n,
	    runtime_error_Error(err));
	ck_assert_msg(bytesBuffer_Len(&w) == 8192 &&
		memcmp(w.data + w.off, input, 8192) == 0,
	    "after write: out differs");
	bufio_Reader_Free(r);
	bytesBuffer_free(&w);
	free(input);
}
END_TEST

/*
 * errorRW is errorWriterToTest and errorReaderFromTest: Read and Write
 * report len(p) times rn (wn) bytes and their error.
 */
typedef struct errorRW {
	int		      rn, wn;
	runtime_error *const *rerr, *const *werr, *const *expected;
} errorRW;

static runtime_error *
orNil(runtime_error *const *e)
{
	return e == NULL ? NULL : *e;
}

static runtime_error *
errorRW_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	const errorRW *r = self;

	(void)p;
	*n = (ptrdiff_t)len * r->rn;
	return orNil(r->rerr);
}

static runtime_error *
errorRW_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	const errorRW *w = self;

	(void)p;
	*n = (ptrdiff_t)len * w->wn;
	return orNil(w->werr);
}

static const io_Type errorRWType = { .name = "bufio_test.errorRW",
	.Read = errorRW_Read,
	.Write = errorRW_Write };

static const errorRW errorWriterToTests[] = {
	{ 1, 0, NULL, &io_ErrClosedPipe, &io_ErrClosedPipe },
	{ 0, 1, &io_ErrClosedPipe, NULL, &io_ErrClosedPipe },
	{ 0, 0, &io_ErrUnexpectedEOF, &io_ErrClosedPipe, &io_ErrClosedPipe },
	{ 0, 1, &io_EOF, NULL, NULL },
};

START_TEST(TestReaderWriteToErrors)
{
	const errorRW *rw = &errorWriterToTests[_i];
	bufio_Reader  *r;
	runtime_error *err;
	int64_t	       n;

	r = bufio_NewReader((io_Reader){ &errorRWType, (void *)rw });
	err = bufio_Reader_WriteTo(
	    r, (io_Writer){ &errorRWType, (void *)rw }, &n);
	ck_assert_msg(err == orNil(rw->expected),
	    "r.WriteTo(errorWriterToTests[%d]) = _, %s, want _,%s", _i,
	    runtime_error_Error(err), runtime_error_Error(orNil(rw->expected)));
	bufio_Reader_Free(r);
}
END_TEST

/* TestWriterReadFrom: _i / 2 picks the reader, _i % 2 the writer. */
START_TEST(TestWriterReadFrom)
{
	int	       ri = _i / 2, wi = _i % 2;
	uint8_t	      *input = createTestInput(8192);
	bytesBuffer    b = { 0 };
	bytesReader    br;
	onlyWriter     ow;
	iotestReader   t;
	bufio_Writer  *w;
	io_Reader      r;
	runtime_error *err;
	int64_t	       n;

	w = bufio_NewWriter(wi == 0
		? onlyWriter_Writer(&ow, bytesBuffer_Writer(&b))
		: bytesBuffer_Writer(&b));
	r = bytesReader_Reader(&br, input, 8192);
	if (ri == 0)
		r = iotest_DataErrReader(&t, r);
	err = bufio_Writer_ReadFrom(w, r, &n);
	ck_assert_msg(err == NULL && n == 8192,
	    "ws[%d],rs[%d]: w.ReadFrom(r) = %lld, %s, want 8192, nil", wi, ri,
	    (long long)n, runtime_error_Error(err));
	err = bufio_Writer_Flush(w);
	ck_assert_msg(
	    err == NULL, "Flush returned %s", runtime_error_Error(err));
	ck_assert_msg(bytesBuffer_Len(&b) == 8192 &&
		memcmp(b.data + b.off, input, 8192) == 0,
	    "ws[%d], rs[%d]: output differs", wi, ri);
	bufio_Writer_Free(w);
	if (ri == 0)
		iotestReader_free(&t);
	bytesBuffer_free(&b);
	free(input);
}
END_TEST

static const errorRW errorReaderFromTests[] = {
	{ 0, 1, &io_EOF, NULL, NULL },
	{ 1, 1, &io_EOF, NULL, NULL },
	{ 0, 1, &io_ErrClosedPipe, NULL, &io_ErrClosedPipe },
	{ 0, 0, &io_ErrClosedPipe, &io_ErrShortWrite, &io_ErrClosedPipe },
	{ 1, 0, NULL, &io_ErrShortWrite, &io_ErrShortWrite },
};

START_TEST(TestWriterReadFromErrors)
{
	const errorRW *rw = &errorReaderFromTests[_i];
	bufio_Writer  *w;
	runtime_error *err;
	int64_t	       n;

	w = bufio_NewWriter((io_Writer){ &errorRWType, (void *)rw });
	err = bufio_Writer_ReadFrom(
	    w, (io_Reader){ &errorRWType, (void *)rw }, &n);
	ck_assert_msg(err == orNil(rw->expected),
	    "w.ReadFrom(errorReaderFromTests[%d]) = _, %s, want _,%s", _i,
	    runtime_error_Error(err), runtime_error_Error(orNil(rw->expected)));
	bufio_Writer_Free(w);
}
END_TEST

static runtime_error *
writeCountingDiscard_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)p;
	(*(int *)self)++;
	*n = (ptrdiff_t)len;
	return NULL;
}

static const io_Type writeCountingDiscardType = {
	.name = "*bufio_test.writeCountingDiscard",
	.Write = writeCountingDiscard_Write,
};

/* writeXs writes n 'x's with WriteString, or copies them through onlyReader. */
static void
writeXs(bufio_Writer *b, int n, bool copy)
{
	char	    s[2048];
	bytesReader sr;
	onlyReader  o;
	ptrdiff_t   nn;
	int64_t	    m;

	memset(s, 'x', (size_t)n);
	s[n] = '\0';
	if (copy)
		io_Copy(bufio_Writer_Writer(b),
		    onlyReader_Reader(&o, stringsReader_Reader(&sr, s)), &m);
	else
		bufio_Writer_WriteString(b, s, &nn);
}

START_TEST(TestWriterReadFromCounts)
{
	bufio_Writer *b0, *b1;
	int	      w0 = 0, w1 = 0;

	b0 = bufio_NewWriterSize(
	    (io_Writer){ &writeCountingDiscardType, &w0 }, 1234);
	writeXs(b0, 1000, false);
	ck_assert_msg(w0 == 0, "write 1000 'x's: got %d writes, want 0", w0);
	writeXs(b0, 200, false);
	ck_assert_msg(w0 == 0, "write 1200 'x's: got %d writes, want 0", w0);
	writeXs(b0, 30, true);
	ck_assert_msg(w0 == 0, "write 1230 'x's: got %d writes, want 0", w0);
	writeXs(b0, 9, true);
	ck_assert_msg(w0 == 1, "write 1239 'x's: got %d writes, want 1", w0);

	b1 = bufio_NewWriterSize(
	    (io_Writer){ &writeCountingDiscardType, &w1 }, 1234);
	writeXs(b1, 1200, false);
	bufio_Writer_Flush(b1);
	ck_assert_msg(w1 == 1, "flush 1200 'x's: got %d writes, want 1", w1);
	writeXs(b1, 89, false);
	ck_assert_msg(
	    w1 == 1, "write 1200 + 89 'x's: got %d writes, want 1", w1);
	writeXs(b1, 700, true);
	ck_assert_msg(
	    w1 == 1, "write 1200 + 789 'x's: got %d writes, want 1", w1);
	writeXs(b1, 600, true);
	ck_assert_msg(
	    w1 == 2, "write 1200 + 1389 'x's: got %d writes, want 2", w1);
	bufio_Writer_Flush(b1);
	ck_assert_msg(
	    w1 == 3, "flush 1200 + 1389 'x's: got %d writes, want 3", w1);
	bufio_Writer_Free(b0);
	bufio_Writer_Free(b1);
}
END_TEST

static runtime_error *
negativeReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	(void)len;
	*n = -1;
	return NULL;
}

static const io_Type negativeReaderType = {
	.name = "*bufio_test.negativeReader", .Read = negativeReader_Read
};

static void
negativeRead(void)
{
	bufio_Reader *b;
	char	      p[100];
	ptrdiff_t     n;

	b = bufio_NewReader((io_Reader){ &negativeReaderType, NULL });
	bufio_Reader_Read(b, p, sizeof p, &n);
}

/* Go's panic is a throw here: the child's output must carry Go's text. */
START_TEST(TestNegativeRead)
{
	char *out = crashOutput(negativeRead);

	ck_assert_msg(
	    strstr(out, "reader returned negative count from Read") != NULL,
	    "wrong panic: %s", out);
	free(out);
}
END_TEST

static errors_errorString errFakeValue = ERRORS_NEW_STATIC("fake error");

typedef struct errorThenGoodReader {
	bool didErr;
	int  nread;
} errorThenGoodReader;

static runtime_error *
errorThenGoodReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	errorThenGoodReader *r = self;

	(void)p;
	r->nread++;
	*n = 0;
	if (!r->didErr) {
		r->didErr = true;
		return &errFakeValue.err;
	}
	*n = (ptrdiff_t)len;
	return NULL;
}

static const io_Type errorThenGoodReaderType = {
	.name = "*bufio_test.errorThenGoodReader",
	.Read = errorThenGoodReader_Read,
};

START_TEST(TestReaderClearError)
{
	errorThenGoodReader r = { 0 };
	bufio_Reader	   *b;
	runtime_error	   *err;
	char		    buf[1];
	ptrdiff_t	    n;

	b = bufio_NewReader((io_Reader){ &errorThenGoodReaderType, &r });
	err = bufio_Reader_Read(b, NULL, 0, &n);
	ck_assert_msg(err == NULL, "1st nil Read = %s; want nil",
	    runtime_error_Error(err));
	err = bufio_Reader_Read(b, buf, 1, &n);
	ck_assert_msg(err == &errFakeValue.err, "1st Read = %s; want errFake",
	    runtime_error_Error(err));
	err = bufio_Reader_Read(b, NULL, 0, &n);
	ck_assert_msg(err == NULL, "2nd nil Read = %s; want nil",
	    runtime_error_Error(err));
	err = bufio_Reader_Read(b, buf, 1, &n);
	ck_assert_msg(err == NULL, "3rd Read with buffer = %s; want nil",
	    runtime_error_Error(err));
	ck_assert_msg(r.nread == 2, "num reads = %d; want 2", r.nread);
	bufio_Reader_Free(b);
}
END_TEST

START_TEST(TestWriterReadFromWhileFull)
{
	bytesBuffer    buf = { 0 };
	bytesReader    sr;
	bufio_Writer  *w;
	runtime_error *err;
	ptrdiff_t      n;
	int64_t	       n2;

	w = bufio_NewWriterSize(bytesBuffer_Writer(&buf), 10);
	err = bufio_Writer_Write(w, "0123456789", 10, &n);
	ck_assert_msg(n == 10 && err == NULL,
	    "Write returned (%td, %s), want (10, nil)", n,
	    runtime_error_Error(err));
	err =
	    bufio_Writer_ReadFrom(w, stringsReader_Reader(&sr, "abcdef"), &n2);
	ck_assert_msg(n2 == 6 && err == NULL,
	    "ReadFrom returned (%lld, %s), want (6, nil)", (long long)n2,
	    runtime_error_Error(err));
	bufio_Writer_Free(w);
	bytesBuffer_free(&buf);
}
END_TEST

typedef struct emptyThenNonEmptyReader {
	io_Reader r;
	int	  n;
} emptyThenNonEmptyReader;

static runtime_error *
emptyThenNonEmptyReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	emptyThenNonEmptyReader *r = self;

	if (r->n <= 0)
		return io_Reader_Read(r->r, p, len, n);
	r->n--;
	*n = 0;
	return NULL;
}

static const io_Type emptyThenNonEmptyReaderType = {
	.name = "*bufio_test.emptyThenNonEmptyReader",
	.Read = emptyThenNonEmptyReader_Read,
};

/* readFromAfterEmpty writes "0123" to a 5-byte Writer, then ReadFrom(r). */
static void
readFromAfterEmpty(
    int empties, int64_t wantN, runtime_error *wantErr, const char *want)
{
	bytesBuffer		buf = { 0 };
	bytesReader		sr;
	emptyThenNonEmptyReader r;
	bufio_Writer	       *w;
	runtime_error	       *err;
	ptrdiff_t		n;
	int64_t			n2;

	w = bufio_NewWriterSize(bytesBuffer_Writer(&buf), 5);
	err = bufio_Writer_Write(w, "0123", 4, &n);
	ck_assert_msg(n == 4 && err == NULL,
	    "Write returned (%td, %s), want (4, nil)", n,
	    runtime_error_Error(err));
	r = (emptyThenNonEmptyReader){ stringsReader_Reader(&sr, "abcd"),
		empties };
	err = bufio_Writer_ReadFrom(
	    w, (io_Reader){ &emptyThenNonEmptyReaderType, &r }, &n2);
	ck_assert_msg(n2 == wantN && err == wantErr,
	    "ReadFrom returned (%lld, %s), want (%lld, %s)", (long long)n2,
	    runtime_error_Error(err), (long long)wantN,
	    runtime_error_Error(wantErr));
	if (want != NULL) {
		bufio_Writer_Flush(w);
		ck_assert_msg(strcmp(bytesBuffer_String(&buf), want) == 0,
		    "buf.Bytes() returned \"%s\", want \"%s\"",
		    bytesBuffer_String(&buf), want);
	}
	bufio_Writer_Free(w);
	bytesBuffer_free(&buf);
}

START_TEST(TestWriterReadFromUntilEOF)
{
	readFromAfterEmpty(3, 4, NULL, "0123abcd");
}
END_TEST

START_TEST(TestWriterReadFromErrNoProgress)
{
	readFromAfterEmpty(100, 0, io_ErrNoProgress, NULL);
}
END_TEST

/* readFromWriter counts what came through Write and through ReadFrom. */
typedef struct readFromWriter {
	bytesBuffer buf;
	int	    writeBytes;
	int	    readFromBytes;
} readFromWriter;

static runtime_error *
readFromWriter_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	readFromWriter *w = self;

	bytesBuffer_Write(&w->buf, p, len);
	w->writeBytes += (int)len;
	*n = (ptrdiff_t)len;
	return NULL;
}

static runtime_error *
readFromWriter_ReadFrom(void *self, io_Reader r, int64_t *n)
{
	readFromWriter *w = self;
	runtime_error  *err;
	uint8_t	       *b;
	size_t		len;

	err = io_ReadAll(r, &b, &len);
	bytesBuffer_Write(&w->buf, b, len);
	w->readFromBytes += (int)len;
	*n = (int64_t)len;
	free(b);
	return err;
}

static const io_Type readFromWriterType = {
	.name = "*bufio_test.readFromWriter",
	.Write = readFromWriter_Write,
	.ReadFrom = readFromWriter_ReadFrom,
};

START_TEST(TestWriterReadFromWithBufferedData)
{
	enum { bufsize = 16, writeSize = 8 };
	uint8_t	      *input = createTestInput(64);
	readFromWriter rfw = { 0 };
	bytesReader    br;
	bufio_Writer  *w;
	runtime_error *err;
	ptrdiff_t      n;
	int64_t	       n2;

	w = bufio_NewWriterSize(
	    (io_Writer){ &readFromWriterType, &rfw }, bufsize);
	err = bufio_Writer_Write(w, input, writeSize, &n);
	ck_assert_msg(n == writeSize && err == NULL,
	    "w.Write(8 bytes) = %td, %s", n, runtime_error_Error(err));
	err = bufio_Writer_ReadFrom(
	    w, bytesReader_Reader(&br, input + writeSize, 64 - writeSize), &n2);
	ck_assert_msg(n2 == 64 - writeSize && err == NULL,
	    "io.Copy(w, 56 bytes) = %lld, %s", (long long)n2,
	    runtime_error_Error(err));
	err = bufio_Writer_Flush(w);
	ck_assert_msg(
	    err == NULL, "w.Flush() = %s, want nil", runtime_error_Error(err));
	ck_assert_msg(rfw.writeBytes == bufsize,
	    "wrote %d bytes with Write, want %d", rfw.writeBytes, bufsize);
	ck_assert_msg(rfw.readFromBytes == 64 - bufsize,
	    "wrote %d bytes with ReadFrom, want %d", rfw.readFromBytes,
	    64 - bufsize);
	bufio_Writer_Free(w);
	bytesBuffer_free(&rfw.buf);
	free(input);
}
END_TEST

START_TEST(TestWriterAppend)
{
	bytesBuffer   got = { 0 }, want = { 0 };
	bufio_Writer *w;
	uint64_t      rn = 0;
	uint8_t	     *b, r8[8];
	char	      num[32];
	ptrdiff_t     n;
	int	      i, cap, len, k;
	io_Reader     rnd;

	rnd = randReader(&rn);
	w = bufio_NewWriterSize(bytesBuffer_Writer(&got), 64);
	for (i = 0; i < 100; i++) {
		b = bufio_Writer_AvailableBuffer(w);
		cap = bufio_Writer_Available(w);
		io_Reader_Read(rnd, r8, sizeof r8, &n);
		/*
		 * b = b[1:1:cap(b)] one time in eight, as Go's rn.Intn(8) == 0.
		 */
		if (r8[0] % 8 == 0 && cap > 0) {
			b++;
			cap--;
		}
		k = snprintf(num, sizeof num, "%lld ",
		    (long long)((r8[1] | r8[2] << 8 | r8[3] << 16) %
			(1 << (r8[4] % 24))));
		bytesBuffer_Write(&want, num, (size_t)k);
		/* Go's append writes in place when it fits, else copies. */
		len = k;
		if (len <= cap)
			memcpy(b, num, (size_t)len);
		else
			b = (uint8_t *)num;
		bufio_Writer_Write(w, b, (size_t)len, &n);
	}
	bufio_Writer_Flush(w);
	ck_assert_msg(bytesBuffer_Len(&got) == bytesBuffer_Len(&want) &&
		memcmp(got.data + got.off, want.data + want.off,
		    bytesBuffer_Len(&got)) == 0,
	    "output mismatch:\ngot  %s\nwant %s", bytesBuffer_String(&got),
	    bytesBuffer_String(&want));
	bufio_Writer_Free(w);
	bytesBuffer_free(&got);
	bytesBuffer_free(&want);
}
END_TEST

/* TestReadZero's subtests are the two buffer sizes, 100 and 2. */
START_TEST(TestReadZero)
{
	static const int	sizes[] = { 100, 2 };
	bytesReader		abc, def;
	emptyThenNonEmptyReader e;
	io_Reader		rs[2], r;
	bufio_Reader	       *br;
	static const struct {
		const char	     *s;
		runtime_error *const *err;
	} want[] = { { "abc", NULL }, { "", NULL }, { "def", NULL },
		{ "", &io_EOF } };
	char	       p[50];
	ptrdiff_t      n;
	runtime_error *err;
	size_t	       i;

	rs[0] = stringsReader_Reader(&abc, "abc");
	e = (emptyThenNonEmptyReader){ stringsReader_Reader(&def, "def"), 1 };
	rs[1] = (io_Reader){ &emptyThenNonEmptyReaderType, &e };
	r = io_MultiReader(rs, 2);
	br = bufio_NewReaderSize(r, sizes[_i]);
	for (i = 0; i < nelem(want); i++) {
		err = bufio_Reader_Read(br, p, sizeof p, &n);
		ck_assert_msg(err == orNil(want[i].err) &&
			sliceIs(p, (size_t)n, want[i].s),
		    "bufsize=%d: read(50) = \"%.*s\", %s, want \"%s\", %s",
		    sizes[_i], (int)n, p, runtime_error_Error(err), want[i].s,
		    runtime_error_Error(orNil(want[i].err)));
	}
	bufio_Reader_Free(br);
	free(r.self);
}
END_TEST

/* Go's second half zeroes the Reader (*r = Reader{}); it is opaque here. */
START_TEST(TestReaderReset)
{
	bytesReader    sr;
	bufio_Reader  *r;
	runtime_error *err;
	char	       buf[3];
	uint8_t	      *all;
	size_t	       len;
	ptrdiff_t      n;

	r = bufio_NewReader(stringsReader_Reader(&sr, "foo foo"));
	bufio_Reader_Read(r, buf, sizeof buf, &n);
	ck_assert_msg(memcmp(buf, "foo", 3) == 0, "buf = %.3s; want foo", buf);
	bufio_Reader_Reset(r, stringsReader_Reader(&sr, "bar bar"));
	err = io_ReadAll(bufio_Reader_Reader(r), &all, &len);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(sliceIs(all, len, "bar bar"),
	    "ReadAll = %.*s; want bar bar", (int)len, all);
	free(all);
	bufio_Reader_Free(r);
}
END_TEST

START_TEST(TestWriterReset)
{
	bytesBuffer   buf1 = { 0 }, buf2 = { 0 };
	bufio_Writer *w;
	ptrdiff_t     n;

	w = bufio_NewWriter(bytesBuffer_Writer(&buf1));
	bufio_Writer_WriteString(w, "foo", &n);
	bufio_Writer_Reset(w, bytesBuffer_Writer(&buf2));
	bufio_Writer_WriteString(w, "bar", &n);
	bufio_Writer_Flush(w);
	ck_assert_msg(strcmp(bytesBuffer_String(&buf1), "") == 0,
	    "buf1 = %s; want empty", bytesBuffer_String(&buf1));
	ck_assert_msg(strcmp(bytesBuffer_String(&buf2), "bar") == 0,
	    "buf2 = %s; want bar", bytesBuffer_String(&buf2));
	bufio_Writer_Free(w);
	bytesBuffer_free(&buf1);
	bytesBuffer_free(&buf2);
}
END_TEST

/* fiveThenError is the scripted reader's one step: 5 bytes and an error. */
static runtime_error *
fiveThenError_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	int *steps = self;

	(void)p;
	if ((*steps)-- <= 0)
		runtime_throw("too many Read calls on scripted Reader. No "
			      "steps remain.");
	if (len < 5)
		runtime_throw("unexpected small read");
	*n = 5;
	return errors_New("5-then-error");
}

static const io_Type scriptedReaderType = {
	.name = "*bufio_test.scriptedReader", .Read = fiveThenError_Read
};

static const struct {
	const char *name;
	bool	    scripted; /* else strings.NewReader of the alphabet */
	int	    steps;
	int	    peekSize;
	int	    n;
	int	    want;
	const char *wantErr; /* fmt.Sprint(err) */
	int	    wantBuffered;
} readerDiscardTests[] = {
	{ "normal case", false, 0, 16, 6, 6, "<nil>", 10 },
	{ "discard causing read", false, 0, 0, 6, 6, "<nil>", 10 },
	{ "discard all without peek", false, 0, 0, 26, 26, "<nil>", 0 },
	{ "discard more than end", false, 0, 0, 27, 26, "EOF", 0 },
	{ "fill error, discard less", true, 1, 0, 4, 4, "<nil>", 1 },
	{ "fill error, discard equal", true, 1, 0, 5, 5, "<nil>", 0 },
	{ "fill error, discard more", true, 1, 0, 6, 5, "5-then-error", 0 },
	{ "discard zero", true, 0, 0, 0, 0, "<nil>", 0 },
	{ "discard negative", true, 0, 0, -1, 0, "bufio: negative count", 0 },
};

START_TEST(TestReaderDiscard)
{
	bytesReader    sr;
	bufio_Reader  *br;
	const uint8_t *peekBuf;
	size_t	       len;
	runtime_error *err;
	int	       steps, discarded;
	io_Reader      r;

	steps = readerDiscardTests[_i].steps;
	if (readerDiscardTests[_i].scripted)
		r = (io_Reader){ &scriptedReaderType, &steps };
	else
		r = stringsReader_Reader(&sr, "abcdefghijklmnopqrstuvwxyz");
	br = bufio_NewReaderSize(r, 0);
	if (readerDiscardTests[_i].peekSize > 0) {
		err = bufio_Reader_Peek(
		    br, readerDiscardTests[_i].peekSize, &peekBuf, &len);
		ck_assert_msg(err == NULL, "%s: Peek: %s",
		    readerDiscardTests[_i].name, runtime_error_Error(err));
		ck_assert_msg((int)len == readerDiscardTests[_i].peekSize,
		    "%s: len(Peek) = %zu", readerDiscardTests[_i].name, len);
	}
	err = bufio_Reader_Discard(br, readerDiscardTests[_i].n, &discarded);
	ck_assert_msg(discarded == readerDiscardTests[_i].want &&
		strcmp(runtime_error_Error(err),
		    readerDiscardTests[_i].wantErr) == 0,
	    "%s: Discard(%d) = (%d, %s); want (%d, %s)",
	    readerDiscardTests[_i].name, readerDiscardTests[_i].n, discarded,
	    runtime_error_Error(err), readerDiscardTests[_i].want,
	    readerDiscardTests[_i].wantErr);
	runtime_error_Free(err);
	ck_assert_msg(
	    bufio_Reader_Buffered(br) == readerDiscardTests[_i].wantBuffered,
	    "%s: after Discard, Buffered = %d; want %d",
	    readerDiscardTests[_i].name, bufio_Reader_Buffered(br),
	    readerDiscardTests[_i].wantBuffered);
	bufio_Reader_Free(br);
}
END_TEST

/* Go's DefaultBufSize (export_test.go) is 4096. */
START_TEST(TestReaderSize)
{
	bufio_Reader *r;

	r = bufio_NewReader((io_Reader){ 0 });
	ck_assert_msg(bufio_Reader_Size(r) == 4096,
	    "NewReader's Reader.Size = %d; want 4096", bufio_Reader_Size(r));
	bufio_Reader_Free(r);
	r = bufio_NewReaderSize((io_Reader){ 0 }, 1234);
	ck_assert_msg(bufio_Reader_Size(r) == 1234,
	    "NewReaderSize's Reader.Size = %d; want 1234",
	    bufio_Reader_Size(r));
	bufio_Reader_Free(r);
}
END_TEST

START_TEST(TestWriterSize)
{
	bufio_Writer *w;

	w = bufio_NewWriter((io_Writer){ 0 });
	ck_assert_msg(bufio_Writer_Size(w) == 4096,
	    "NewWriter's Writer.Size = %d; want 4096", bufio_Writer_Size(w));
	bufio_Writer_Free(w);
	w = bufio_NewWriterSize((io_Writer){ 0 }, 1234);
	ck_assert_msg(bufio_Writer_Size(w) == 1234,
	    "NewWriterSize's Writer.Size = %d; want 1234",
	    bufio_Writer_Size(w));
	bufio_Writer_Free(w);
}
END_TEST

/* eofReader returns EOF with the read that empties it. */
static runtime_error *
eofReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	bytesReader *r = self;
	size_t	     m;

	m = r->len - r->i < len ? r->len - r->i : len;
	memcpy(p, r->s + r->i, m);
	r->i += m;
	*n = (ptrdiff_t)m;
	return m == 0 || m == r->len - r->i ? io_EOF : NULL;
}

static const io_Type eofReaderType = { .name = "*bufio_test.eofReader",
	.Read = eofReader_Read };

START_TEST(TestPartialReadEOF)
{
	static const uint8_t src[10];
	bytesReader	     eofR = { src, sizeof src, 0 };
	bufio_Reader	    *r;
	runtime_error	    *err;
	uint8_t		     dest[5];
	ptrdiff_t	     read;

	r = bufio_NewReader((io_Reader){ &eofReaderType, &eofR });
	err = bufio_Reader_Read(r, dest, sizeof dest, &read);
	ck_assert_msg(
	    err == NULL, "unexpected error: %s", runtime_error_Error(err));
	ck_assert_msg(read == 5, "read %td bytes; wanted 5 bytes", read);
	ck_assert_msg(eofR.i == eofR.len,
	    "got %zu bytes left in bufio.Reader source; want 0 bytes",
	    eofR.len - eofR.i);
	ck_assert_msg(bufio_Reader_Buffered(r) == 5,
	    "got %d bytes buffered in bufio.Reader; want 5 bytes",
	    bufio_Reader_Buffered(r));
	err = bufio_Reader_Read(r, dest, 0, &read);
	ck_assert_msg(
	    err == NULL, "unexpected error: %s", runtime_error_Error(err));
	ck_assert_msg(read == 0, "read %td bytes; want 0 bytes", read);
	bufio_Reader_Free(r);
}
END_TEST

static runtime_error *
writerWithReadFromError_ReadFrom(void *self, io_Reader r, int64_t *n)
{
	(void)self;
	(void)r;
	*n = 0;
	return errors_New("writerWithReadFromError error");
}

static runtime_error *
writerWithReadFromError_Write(
    void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	(void)len;
	*n = 10;
	return NULL;
}

static const io_Type writerWithReadFromErrorType = {
	.name = "bufio_test.writerWithReadFromError",
	.Write = writerWithReadFromError_Write,
	.ReadFrom = writerWithReadFromError_ReadFrom,
};

START_TEST(TestWriterReadFromMustSetUnderlyingError)
{
	bufio_Writer  *wr;
	bytesReader    sr;
	runtime_error *err;
	int64_t	       n;
	ptrdiff_t      nn;

	wr = bufio_NewWriter((io_Writer){ &writerWithReadFromErrorType, NULL });
	err = bufio_Writer_ReadFrom(wr, stringsReader_Reader(&sr, "test2"), &n);
	ck_assert_msg(err != NULL, "expected ReadFrom returns error, got nil");
	runtime_error_Free(err);
	err = bufio_Writer_Write(wr, "123", 3, &nn);
	ck_assert_msg(err != NULL, "expected Write returns error, got nil");
	runtime_error_Free(err);
	bufio_Writer_Free(wr);
}
END_TEST

static runtime_error *
writeErrorOnlyWriter_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	(void)len;
	*n = 0;
	return errors_New("writeErrorOnlyWriter error");
}

static const io_Type writeErrorOnlyWriterType = {
	.name = "bufio_test.writeErrorOnlyWriter",
	.Write = writeErrorOnlyWriter_Write,
};

START_TEST(TestWriterReadFromMustReturnUnderlyingError)
{
	bufio_Writer  *wr;
	bytesReader    sr;
	runtime_error *err;
	int64_t	       n;
	ptrdiff_t      nn;

	wr = bufio_NewWriter((io_Writer){ &writeErrorOnlyWriterType, NULL });
	err = bufio_Writer_WriteString(wr, "test1", &nn);
	ck_assert_msg(
	    err == NULL, "unexpected error: %s", runtime_error_Error(err));
	err = bufio_Writer_Flush(wr);
	ck_assert_msg(err != NULL, "expected flush error, got nil");
	/* The Writer's own error shows through the copy the caller gets. */
	ck_assert_str_eq(
	    runtime_error_Error(err), "writeErrorOnlyWriter error");
	runtime_error_Free(err);
	err = bufio_Writer_ReadFrom(wr, stringsReader_Reader(&sr, "test2"), &n);
	ck_assert_msg(err != NULL, "expected error, got nil");
	runtime_error_Free(err);
	ck_assert_msg(bufio_Writer_Buffered(wr) == 5, "Buffered = %d; want 5",
	    bufio_Writer_Buffered(wr));
	bufio_Writer_Free(wr);
}
END_TEST

/*
 * gonet's own: a Writer's sticky heap error reaches each caller as its
 * own wrapper, which may outlive the Writer and unwraps to the original.
 */
START_TEST(testWriterErrorOutlivesWriter)
{
	bufio_Writer  *wr;
	runtime_error *e1, *e2, *inner;
	ptrdiff_t      nn;

	wr = bufio_NewWriter((io_Writer){ &writeErrorOnlyWriterType, NULL });
	bufio_Writer_WriteString(wr, "x", &nn);
	e1 = bufio_Writer_Flush(wr);
	e2 = bufio_Writer_Flush(wr);
	ck_assert_ptr_nonnull(e1);
	ck_assert_ptr_nonnull(e2);
	inner = errors_Unwrap(e1);
	ck_assert_ptr_eq(inner, errors_Unwrap(e2));
	ck_assert(errors_Is(e2, inner));
	bufio_Writer_Free(wr);
	ck_assert_str_eq(runtime_error_Error(e1), "writeErrorOnlyWriter error");
	runtime_error_Free(e1);
	ck_assert_str_eq(runtime_error_Error(e2), "writeErrorOnlyWriter error");
	runtime_error_Free(e2);
}
END_TEST

Suite *
bufio_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("bufio");
	tc = newTCase("Reader");
	tcase_add_test(tc, TestReaderSimple);
	tcase_add_loop_test(tc, TestReader, 0, 31);
	tcase_add_test(tc, TestZeroReader);
	tcase_add_loop_test(tc, TestReadRune, 0, nelem(segmentList));
	tcase_add_test(tc, TestUnreadRune);
	tcase_add_test(tc, TestNoUnreadRuneAfterPeek);
	tcase_add_test(tc, TestNoUnreadByteAfterPeek);
	tcase_add_test(tc, TestNoUnreadRuneAfterDiscard);
	tcase_add_test(tc, TestNoUnreadByteAfterDiscard);
	tcase_add_test(tc, TestNoUnreadRuneAfterWriteTo);
	tcase_add_test(tc, TestNoUnreadByteAfterWriteTo);
	tcase_add_test(tc, TestUnreadByte);
	tcase_add_test(tc, TestUnreadByteMultiple);
	tcase_add_loop_test(tc, TestUnreadByteOthers, 0, 3);
	tcase_add_test(tc, TestUnreadRuneError);
	tcase_add_test(tc, TestUnreadRuneAtEOF);
	tcase_add_test(tc, TestBufferFull);
	tcase_add_test(tc, TestPeek);
	tcase_add_test(tc, TestPeekThenUnreadRune);
	tcase_add_test(tc, TestNewReaderSizeIdempotent);
	tcase_add_test(tc, TestReaderWriteTo);
	tcase_add_loop_test(
	    tc, TestReaderWriteToErrors, 0, nelem(errorWriterToTests));
	tcase_add_test(tc, TestNegativeRead);
	tcase_add_test(tc, TestReaderClearError);
	tcase_add_test(tc, TestReaderReset);
	tcase_add_loop_test(
	    tc, TestReaderDiscard, 0, nelem(readerDiscardTests));
	tcase_add_test(tc, TestReaderSize);
	tcase_add_test(tc, TestPartialReadEOF);
	tcase_add_test(tc, TestReadStringAllocs);
	tcase_add_loop_test(tc, TestReadZero, 0, 2);
	suite_add_tcase(s, tc);
	tc = newTCase("ReadLine");
	tcase_add_test(tc, TestReadLine);
	tcase_add_test(tc, TestLineTooLong);
	tcase_add_test(tc, TestReadAfterLines);
	tcase_add_test(tc, TestReadEmptyBuffer);
	tcase_add_test(tc, TestLinesAfterRead);
	tcase_add_test(tc, TestReadLineNonNilLineOrError);
	tcase_add_loop_test(
	    tc, TestReadLineNewlines, 0, nelem(readLineNewlinesTests));
	suite_add_tcase(s, tc);
	tc = newTCase("Writer");
	tcase_add_test(tc, TestReadWriteRune);
	tcase_add_test(tc, TestWriteInvalidRune);
	tcase_add_test(tc, TestWriter);
	tcase_add_test(tc, TestWriterAppend);
	tcase_add_loop_test(tc, TestWriteErrors, 0, nelem(errorWriterTests));
	tcase_add_test(tc, TestNewWriterSizeIdempotent);
	tcase_add_test(tc, TestWriteString);
	tcase_add_test(tc, TestWriteStringStringWriter);
	tcase_add_loop_test(tc, TestWriterReadFrom, 0, 4);
	tcase_add_loop_test(
	    tc, TestWriterReadFromErrors, 0, nelem(errorReaderFromTests));
	tcase_add_test(tc, TestWriterReadFromCounts);
	tcase_add_test(tc, TestWriterReadFromWhileFull);
	tcase_add_test(tc, TestWriterReadFromUntilEOF);
	tcase_add_test(tc, TestWriterReadFromErrNoProgress);
	tcase_add_test(tc, TestWriterReadFromWithBufferedData);
	tcase_add_test(tc, TestWriterReset);
	tcase_add_test(tc, TestWriterSize);
	tcase_add_test(tc, TestWriterReadFromMustSetUnderlyingError);
	tcase_add_test(tc, TestWriterReadFromMustReturnUnderlyingError);
	tcase_add_test(tc, testWriterErrorOutlivesWriter);
	suite_add_tcase(s, tc);
	return s;
}
