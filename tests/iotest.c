/*
 * The readers and writers Go's io, bufio and net tests build on (see
 * tests/iotest.h): bytes.Buffer and bytes.Reader as far as the tests use
 * them, io.Discard, and testing/iotest's readers.
 */
#include <stdlib.h>
#include <string.h>

#include "errors/errors.h"
#include "tests/iotest.h"

enum { minRead = 512 };

static void
bytesBuffer_grow(bytesBuffer *b, size_t n)
{
	if (b->off > 0 && b->off == b->len)
		b->off = b->len = 0;
	if (b->len + n + 1 <= b->cap)
		return;
	b->cap = 2 * b->cap + n + 1;
	b->data = realloc(b->data, b->cap);
	if (b->data == NULL)
		abort();
}

void
bytesBuffer_Write(bytesBuffer *b, const void *p, size_t len)
{
	bytesBuffer_grow(b, len);
	if (len > 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
}

void
bytesBuffer_WriteString(bytesBuffer *b, const char *s)
{
	bytesBuffer_Write(b, s, strlen(s));
}

size_t
bytesBuffer_Len(const bytesBuffer *b)
{
	return b->len - b->off;
}

const char *
bytesBuffer_String(bytesBuffer *b)
{
	bytesBuffer_grow(b, 0);
	b->data[b->len] = '\0';
	return (const char *)b->data + b->off;
}

void
bytesBuffer_Reset(bytesBuffer *b)
{
	b->off = b->len = 0;
}

void
bytesBuffer_free(bytesBuffer *b)
{
	free(b->data);
	*b = (bytesBuffer){ 0 };
}

/* Read of an empty buffer is EOF, except for an empty p, as in Go. */
runtime_error *
bytesBuffer_Read(bytesBuffer *b, void *p, size_t len, ptrdiff_t *n)
{
	size_t m;

	*n = 0;
	if (b->off == b->len) {
		bytesBuffer_Reset(b);
		return len == 0 ? NULL : io_EOF;
	}
	m = bytesBuffer_Len(b) < len ? bytesBuffer_Len(b) : len;
	memcpy(p, b->data + b->off, m);
	b->off += m;
	*n = (ptrdiff_t)m;
	return NULL;
}

static runtime_error *
Buffer_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return bytesBuffer_Read(self, p, len, n);
}

static runtime_error *
Buffer_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	bytesBuffer_Write(self, p, len);
	*n = (ptrdiff_t)len;
	return NULL;
}

static runtime_error *
Buffer_WriteString(void *self, const char *s, ptrdiff_t *n)
{
	return Buffer_Write(self, s, strlen(s), n);
}

static runtime_error *
Buffer_ReadFrom(void *self, io_Reader r, int64_t *n)
{
	bytesBuffer   *b = self;
	runtime_error *err;
	ptrdiff_t      m;

	*n = 0;
	for (;;) {
		bytesBuffer_grow(b, minRead);
		err = io_Reader_Read(
		    r, b->data + b->len, b->cap - b->len - 1, &m);
		b->len += (size_t)m;
		*n += m;
		if (err == io_EOF)
			return NULL;
		if (err != NULL)
			return err;
	}
}

static runtime_error *
Buffer_WriteTo(void *self, io_Writer w, int64_t *n)
{
	bytesBuffer   *b = self;
	runtime_error *err;
	ptrdiff_t      m;
	size_t	       nBytes;

	*n = 0;
	if ((nBytes = bytesBuffer_Len(b)) == 0)
		return NULL;
	err = io_Writer_Write(w, b->data + b->off, nBytes, &m);
	b->off += (size_t)m;
	*n = m;
	if (err == NULL && (size_t)m != nBytes)
		err = io_ErrShortWrite;
	if (err == NULL)
		bytesBuffer_Reset(b);
	return err;
}

const io_Type bytesBufferType = {
	.name = "*bytes.Buffer",
	.Read = Buffer_Read,
	.Write = Buffer_Write,
	.ReadFrom = Buffer_ReadFrom,
	.WriteTo = Buffer_WriteTo,
	.WriteString = Buffer_WriteString,
};

static const io_Type plainBufferType = {
	.name = "*io_test.Buffer",
	.Read = Buffer_Read,
	.Write = Buffer_Write,
	.WriteString = Buffer_WriteString,
};

io_Reader
bytesBuffer_Reader(bytesBuffer *b)
{
	return (io_Reader){ &bytesBufferType, b };
}

io_Writer
bytesBuffer_Writer(bytesBuffer *b)
{
	return (io_Writer){ &bytesBufferType, b };
}

io_Reader
bytesBuffer_plainReader(bytesBuffer *b)
{
	return (io_Reader){ &plainBufferType, b };
}

io_Writer
bytesBuffer_plainWriter(bytesBuffer *b)
{
	return (io_Writer){ &plainBufferType, b };
}

static runtime_error *
Reader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	bytesReader *r = self;
	size_t	     m;

	*n = 0;
	if (r->i >= r->len)
		return io_EOF;
	m = r->len - r->i < len ? r->len - r->i : len;
	if (m > 0)
		memcpy(p, r->s + r->i, m);
	r->i += m;
	*n = (ptrdiff_t)m;
	return NULL;
}

static runtime_error *
Reader_WriteTo(void *self, io_Writer w, int64_t *n)
{
	bytesReader   *r = self;
	runtime_error *err;
	ptrdiff_t      m;
	size_t	       s;

	*n = 0;
	if (r->i >= r->len)
		return NULL;
	s = r->len - r->i;
	err = io_Writer_Write(w, r->s + r->i, s, &m);
	r->i += (size_t)m;
	*n = m;
	if (err == NULL && (size_t)m != s)
		err = io_ErrShortWrite;
	return err;
}

static const io_Type bytesReaderType = {
	.name = "*bytes.Reader",
	.Read = Reader_Read,
	.WriteTo = Reader_WriteTo,
};

io_Reader
bytesReader_Reader(bytesReader *r, const void *s, size_t len)
{
	*r = (bytesReader){ s, len, 0 };
	return (io_Reader){ &bytesReaderType, r };
}

io_Reader
stringsReader_Reader(bytesReader *r, const char *s)
{
	return bytesReader_Reader(r, s, strlen(s));
}

static runtime_error *
discard_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	(void)self;
	(void)p;
	*n = (ptrdiff_t)len;
	return NULL;
}

static const io_Type discardType = {
	.name = "io.discard",
	.Write = discard_Write,
};

io_Writer
ioDiscard(void)
{
	return (io_Writer){ &discardType, NULL };
}

/*
 * xorshift64*: the tests need a long, repeatable stream, not Go's exact bytes.
 */
static runtime_error *
rand_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	uint64_t *s = self;
	uint8_t	 *b = p;
	size_t	  i;

	for (i = 0; i < len; i++) {
		*s ^= *s >> 12;
		*s ^= *s << 25;
		*s ^= *s >> 27;
		b[i] = (uint8_t)((*s * 2685821657736338717ULL) >> 56);
	}
	*n = (ptrdiff_t)len;
	return NULL;
}

static const io_Type randType = {
	.name = "*rand.Rand",
	.Read = rand_Read,
};

io_Reader
randReader(uint64_t *state)
{
	if (*state == 0)
		*state = 0x9E3779B97F4A7C15ULL;
	return (io_Reader){ &randType, state };
}

static runtime_error *
only_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return io_Reader_Read(((onlyReader *)self)->r, p, len, n);
}

static runtime_error *
only_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	return io_Writer_Write(((onlyWriter *)self)->w, p, len, n);
}

static const io_Type onlyReaderType = { .name = "struct { io.Reader }",
	.Read = only_Read };
static const io_Type onlyWriterType = { .name = "struct { io.Writer }",
	.Write = only_Write };

io_Reader
onlyReader_Reader(onlyReader *o, io_Reader r)
{
	o->r = r;
	return (io_Reader){ &onlyReaderType, o };
}

io_Writer
onlyWriter_Writer(onlyWriter *o, io_Writer w)
{
	o->w = w;
	return (io_Writer){ &onlyWriterType, o };
}

static errors_errorString ErrTimeoutValue = ERRORS_NEW_STATIC("timeout");
runtime_error *const	  iotest_ErrTimeout = &ErrTimeoutValue.err;

static runtime_error *
oneByte_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	*n = 0;
	if (len == 0)
		return NULL;
	return io_Reader_Read(((iotestReader *)self)->r, p, 1, n);
}

static runtime_error *
half_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return io_Reader_Read(((iotestReader *)self)->r, p, (len + 1) / 2, n);
}

/* dataErr_Read reads ahead so that the last data comes with the error. */
static runtime_error *
dataErr_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	iotestReader  *t = self;
	runtime_error *err;
	ptrdiff_t      n1;
	size_t	       m;

	*n = 0;
	err = NULL;
	if (t->unread == NULL)
		t->unread = malloc(1024);
	for (;;) {
		if (t->nunread == 0) {
			err = io_Reader_Read(t->r, t->unread, 1024, &n1);
			t->nunread = (size_t)n1;
		}
		if (*n > 0 || err != NULL)
			break;
		m = t->nunread < len ? t->nunread : len;
		memcpy(p, t->unread, m);
		memmove(t->unread, t->unread + m, t->nunread - m);
		t->nunread -= m;
		*n = (ptrdiff_t)m;
	}
	return err;
}

static runtime_error *
timeout_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	iotestReader *t = self;

	*n = 0;
	if (++t->count == 2)
		return iotest_ErrTimeout;
	return io_Reader_Read(t->r, p, len, n);
}

static runtime_error *
err_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	(void)p;
	(void)len;
	*n = 0;
	return ((iotestReader *)self)->err;
}

static const io_Type oneByteType = { .name = "*iotest.oneByteReader",
	.Read = oneByte_Read };
static const io_Type halfType = { .name = "*iotest.halfReader",
	.Read = half_Read };
static const io_Type dataErrType = { .name = "*iotest.dataErrReader",
	.Read = dataErr_Read };
static const io_Type timeoutType = { .name = "*iotest.timeoutReader",
	.Read = timeout_Read };
static const io_Type errType = { .name = "*iotest.errReader",
	.Read = err_Read };

static io_Reader
iotestReader_init(iotestReader *t, const io_Type *type, io_Reader r)
{
	*t = (iotestReader){ .r = r };
	return (io_Reader){ type, t };
}

io_Reader
iotest_OneByteReader(iotestReader *t, io_Reader r)
{
	return iotestReader_init(t, &oneByteType, r);
}

io_Reader
iotest_HalfReader(iotestReader *t, io_Reader r)
{
	return iotestReader_init(t, &halfType, r);
}

io_Reader
iotest_DataErrReader(iotestReader *t, io_Reader r)
{
	return iotestReader_init(t, &dataErrType, r);
}

io_Reader
iotest_TimeoutReader(iotestReader *t, io_Reader r)
{
	return iotestReader_init(t, &timeoutType, r);
}

io_Reader
iotest_ErrReader(iotestReader *t, runtime_error *err)
{
	io_Reader r = iotestReader_init(t, &errType, (io_Reader){ 0 });

	t->err = err;
	return r;
}

void
iotestReader_free(iotestReader *t)
{
	free(t->unread);
	t->unread = NULL;
}
