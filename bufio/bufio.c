/* C port of go1.19 src/bufio/bufio.go: buffered Reader and Writer. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bufio/bufio.h"
#include "runtime/linkname.h"
#include "unicode/utf8/utf8.h"

enum {
	defaultBufSize = 4096,
	minReadBufferSize = 16,
	maxConsecutiveEmptyReads = 100,
};

static errors_errorString ErrInvalidUnreadByteValue =
    ERRORS_NEW_STATIC("bufio: invalid use of UnreadByte");
runtime_error *const bufio_ErrInvalidUnreadByte =
    &ErrInvalidUnreadByteValue.err;
static errors_errorString ErrInvalidUnreadRuneValue =
    ERRORS_NEW_STATIC("bufio: invalid use of UnreadRune");
runtime_error *const bufio_ErrInvalidUnreadRune =
    &ErrInvalidUnreadRuneValue.err;
static errors_errorString ErrBufferFullValue =
    ERRORS_NEW_STATIC("bufio: buffer full");
runtime_error *const	  bufio_ErrBufferFull = &ErrBufferFullValue.err;
static errors_errorString ErrNegativeCountValue =
    ERRORS_NEW_STATIC("bufio: negative count");
runtime_error *const bufio_ErrNegativeCount = &ErrNegativeCountValue.err;

/*
 * Go panics with these errors when the wrapped reader or writer breaks
 * its contract; a broken contract throws here.
 */
static const char errNegativeRead[] =
    "bufio: reader returned negative count from Read";
static const char errNegativeWrite[] =
    "bufio: writer returned negative count from Write";

/*
 * Reader.  lastByte and lastRuneSize are -1 when no Unread is allowed;
 * err is the reader's pending error, the Reader's until readErr hands it
 * on.
 */
struct bufio_Reader {
	uint8_t	      *buf;
	int	       size;
	io_Reader      rd;
	int	       r, w;
	runtime_error *err;
	int	       lastByte;
	int	       lastRuneSize;
};

static runtime_error *
Reader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return bufio_Reader_Read(self, p, len, n);
}

static runtime_error *
Reader_WriteTo(void *self, io_Writer w, int64_t *n)
{
	return bufio_Reader_WriteTo(self, w, n);
}

static const io_Type ReaderType = {
	.name = "*bufio.Reader",
	.Read = Reader_Read,
	.WriteTo = Reader_WriteTo,
};

io_Reader
bufio_Reader_Reader(bufio_Reader *b)
{
	return (io_Reader){ &ReaderType, b };
}

static void
bufio_Reader_reset(bufio_Reader *b, uint8_t *buf, int size, io_Reader r)
{
	runtime_error_Free(b->err);
	*b = (bufio_Reader){ .buf = buf, .size = size, .rd = r };
	b->lastByte = -1;
	b->lastRuneSize = -1;
}

bufio_Reader *
bufio_NewReaderSize(io_Reader rd, int size)
{
	bufio_Reader *b;

	if (rd.type == &ReaderType) {
		b = rd.self;
		if (b->size >= size)
			return b;
	}
	if (size < minReadBufferSize)
		size = minReadBufferSize;
	b = runtime_malloc(sizeof *b);
	bufio_Reader_reset(b, runtime_malloc((size_t)size), size, rd);
	return b;
}

bufio_Reader *
bufio_NewReader(io_Reader rd)
{
	return bufio_NewReaderSize(rd, defaultBufSize);
}

void
bufio_Reader_Free(bufio_Reader *b)
{
	if (b == NULL)
		return;
	runtime_error_Free(b->err);
	free(b->buf);
	free(b);
}

int
bufio_Reader_Size(bufio_Reader *b)
{
	return b->size;
}

void
bufio_Reader_Reset(bufio_Reader *b, io_Reader r)
{
	if (b->buf == NULL) {
		b->buf = runtime_malloc(defaultBufSize);
		b->size = defaultBufSize;
	}
	bufio_Reader_reset(b, b->buf, b->size, r);
}

/* fill reads one new chunk, first sliding the unread data to the front. */
static void
bufio_Reader_fill(bufio_Reader *b)
{
	runtime_error *err;
	ptrdiff_t      n;
	int	       i;

	if (b->r > 0) {
		memmove(b->buf, b->buf + b->r, (size_t)(b->w - b->r));
		b->w -= b->r;
		b->r = 0;
	}
	if (b->w >= b->size)
		runtime_throw("bufio: tried to fill full buffer");
	for (i = maxConsecutiveEmptyReads; i > 0; i--) {
		err = io_Reader_Read(
		    b->rd, b->buf + b->w, (size_t)(b->size - b->w), &n);
		if (n < 0)
			runtime_throw(errNegativeRead);
		b->w += (int)n;
		if (err != NULL) {
			b->err = err;
			return;
		}
		if (n > 0)
			return;
	}
	b->err = io_ErrNoProgress;
}

static runtime_error *
bufio_Reader_readErr(bufio_Reader *b)
{
	runtime_error *err = b->err;

	b->err = NULL;
	return err;
}

runtime_error *
bufio_Reader_Peek(bufio_Reader *b, int n, const uint8_t **p, size_t *len)
{
	runtime_error *err;
	int	       avail;

	*p = NULL;
	*len = 0;
	if (n < 0)
		return bufio_ErrNegativeCount;
	b->lastByte = -1;
	b->lastRuneSize = -1;
	while (b->w - b->r < n && b->w - b->r < b->size && b->err == NULL)
		bufio_Reader_fill(b);
	*p = b->buf + b->r;
	if (n > b->size) {
		*len = (size_t)(b->w - b->r);
		return bufio_ErrBufferFull;
	}
	err = NULL;
	if ((avail = b->w - b->r) < n) {
		n = avail;
		if ((err = bufio_Reader_readErr(b)) == NULL)
			err = bufio_ErrBufferFull;
	}
	*len = (size_t)n;
	return err;
}

runtime_error *
bufio_Reader_Discard(bufio_Reader *b, int n, int *discarded)
{
	int remain, skip;

	*discarded = 0;
	if (n < 0)
		return bufio_ErrNegativeCount;
	if (n == 0)
		return NULL;
	b->lastByte = -1;
	b->lastRuneSize = -1;
	remain = n;
	for (;;) {
		if ((skip = bufio_Reader_Buffered(b)) == 0) {
			bufio_Reader_fill(b);
			skip = bufio_Reader_Buffered(b);
		}
		if (skip > remain)
			skip = remain;
		b->r += skip;
		remain -= skip;
		if (remain == 0) {
			*discarded = n;
			return NULL;
		}
		if (b->err != NULL) {
			*discarded = n - remain;
			return bufio_Reader_readErr(b);
		}
	}
}

/* readDirect is Read's bypass: a large p is read into straight away. */
static runtime_error *
bufio_Reader_readDirect(bufio_Reader *b, void *p, size_t len, ptrdiff_t *n)
{
	b->err = io_Reader_Read(b->rd, p, len, n);
	if (*n < 0)
		runtime_throw(errNegativeRead);
	if (*n > 0) {
		b->lastByte = ((uint8_t *)p)[*n - 1];
		b->lastRuneSize = -1;
	}
	return bufio_Reader_readErr(b);
}

runtime_error *
bufio_Reader_Read(bufio_Reader *b, void *p, size_t len, ptrdiff_t *n)
{
	ptrdiff_t nr;

	*n = 0;
	if (len == 0)
		return bufio_Reader_Buffered(b) > 0 ? NULL
						    : bufio_Reader_readErr(b);
	if (b->r == b->w) {
		if (b->err != NULL)
			return bufio_Reader_readErr(b);
		if (len >= (size_t)b->size)
			return bufio_Reader_readDirect(b, p, len, n);
		b->r = 0;
		b->w = 0;
		b->err = io_Reader_Read(b->rd, b->buf, (size_t)b->size, &nr);
		if (nr < 0)
			runtime_throw(errNegativeRead);
		if (nr == 0)
			return bufio_Reader_readErr(b);
		b->w += (int)nr;
	}
	*n = b->w - b->r;
	if ((size_t)*n > len)
		*n = (ptrdiff_t)len;
	memcpy(p, b->buf + b->r, (size_t)*n);
	b->r += (int)*n;
	b->lastByte = b->buf[b->r - 1];
	b->lastRuneSize = -1;
	return NULL;
}

runtime_error *
bufio_Reader_ReadByte(bufio_Reader *b, uint8_t *c)
{
	*c = 0;
	b->lastRuneSize = -1;
	while (b->r == b->w) {
		if (b->err != NULL)
			return bufio_Reader_readErr(b);
		bufio_Reader_fill(b);
	}
	*c = b->buf[b->r++];
	b->lastByte = *c;
	return NULL;
}

runtime_error *
bufio_Reader_UnreadByte(bufio_Reader *b)
{
	if (b->lastByte < 0 || (b->r == 0 && b->w > 0))
		return bufio_ErrInvalidUnreadByte;
	if (b->r > 0)
		b->r--;
	else
		b->w = 1;
	b->buf[b->r] = (uint8_t)b->lastByte;
	b->lastByte = -1;
	b->lastRuneSize = -1;
	return NULL;
}

runtime_error *
bufio_Reader_ReadRune(bufio_Reader *b, int32_t *r, int *size)
{
	*r = 0;
	*size = 0;
	while (b->r + utf8_UTFMax > b->w &&
	    !utf8_FullRune(b->buf + b->r, (size_t)(b->w - b->r)) &&
	    b->err == NULL && b->w - b->r < b->size)
		bufio_Reader_fill(b);
	b->lastRuneSize = -1;
	if (b->r == b->w)
		return bufio_Reader_readErr(b);
	*r = b->buf[b->r];
	*size = 1;
	if (*r >= utf8_RuneSelf)
		*r =
		    utf8_DecodeRune(b->buf + b->r, (size_t)(b->w - b->r), size);
	b->r += *size;
	b->lastByte = b->buf[b->r - 1];
	b->lastRuneSize = *size;
	return NULL;
}

runtime_error *
bufio_Reader_UnreadRune(bufio_Reader *b)
{
	if (b->lastRuneSize < 0 || b->r < b->lastRuneSize)
		return bufio_ErrInvalidUnreadRune;
	b->r -= b->lastRuneSize;
	b->lastByte = -1;
	b->lastRuneSize = -1;
	return NULL;
}

int
bufio_Reader_Buffered(bufio_Reader *b)
{
	return b->w - b->r;
}

runtime_error *
bufio_Reader_ReadSlice(
    bufio_Reader *b, uint8_t delim, const uint8_t **line, size_t *len)
{
	runtime_error *err;
	const uint8_t *q;
	int	       s;

	err = NULL;
	s = 0; /* where the search resumes: the bytes before were scanned */
	for (;;) {
		q = memchr(b->buf + b->r + s, delim, (size_t)(b->w - b->r - s));
		if (q != NULL) {
			*line = b->buf + b->r;
			*len = (size_t)(q - *line) + 1;
			b->r += (int)*len;
			break;
		}
		if (b->err != NULL) {
			*line = b->buf + b->r;
			*len = (size_t)(b->w - b->r);
			b->r = b->w;
			err = bufio_Reader_readErr(b);
			break;
		}
		if (bufio_Reader_Buffered(b) >= b->size) {
			b->r = b->w;
			*line = b->buf;
			*len = (size_t)b->size;
			err = bufio_ErrBufferFull;
			break;
		}
		s = b->w - b->r;
		bufio_Reader_fill(b);
	}
	if (*len > 0) {
		b->lastByte = (*line)[*len - 1];
		b->lastRuneSize = -1;
	}
	return err;
}

runtime_error *
bufio_Reader_ReadLine(
    bufio_Reader *b, const uint8_t **line, size_t *len, bool *isPrefix)
{
	runtime_error *err;
	size_t	       drop;

	*isPrefix = false;
	err = bufio_Reader_ReadSlice(b, '\n', line, len);
	if (err == bufio_ErrBufferFull) {
		/*
		 * Keep a final \r back: it may start a \r\n the next call ends.
		 */
		if (*len > 0 && (*line)[*len - 1] == '\r') {
			if (b->r == 0)
				runtime_throw("bufio: tried to rewind past "
					      "start of buffer");
			b->r--;
			(*len)--;
		}
		*isPrefix = true;
		return NULL;
	}
	if (*len == 0) {
		if (err != NULL)
			*line = NULL;
		return err;
	}
	runtime_error_Free(err);
	if ((*line)[*len - 1] == '\n') {
		drop = 1;
		if (*len > 1 && (*line)[*len - 2] == '\r')
			drop = 2;
		*len -= drop;
	}
	return NULL;
}

/*
 * collectFragments reads up to delim into one heap block (with room for
 * a NUL), growing it as ReadSlice hands over full buffers; Go collects
 * the fragments first to copy once, which a realloc does as well here.
 */
static runtime_error *
bufio_Reader_collectFragments(
    bufio_Reader *b, uint8_t delim, uint8_t **buf, size_t *total)
{
	runtime_error *err;
	const uint8_t *frag;
	size_t	       len;

	*buf = NULL;
	*total = 0;
	for (;;) {
		err = bufio_Reader_ReadSlice(b, delim, &frag, &len);
		*buf = runtime_realloc(*buf, *total + len + 1);
		if (len > 0)
			memcpy(*buf + *total, frag, len);
		*total += len;
		if (err != bufio_ErrBufferFull)
			break;
	}
	(*buf)[*total] = '\0';
	return err;
}

runtime_error *
bufio_Reader_ReadBytes(
    bufio_Reader *b, uint8_t delim, uint8_t **line, size_t *len)
{
	return bufio_Reader_collectFragments(b, delim, line, len);
}

runtime_error *
bufio_Reader_ReadString(bufio_Reader *b, uint8_t delim, char **s, size_t *len)
{
	runtime_error *err;
	size_t	       n;

	err = bufio_Reader_collectFragments(b, delim, (uint8_t **)s, &n);
	if (len != NULL)
		*len = n;
	return err;
}

static runtime_error *
bufio_Reader_writeBuf(bufio_Reader *b, io_Writer w, int64_t *n)
{
	runtime_error *err;
	ptrdiff_t      nw;

	err = io_Writer_Write(w, b->buf + b->r, (size_t)(b->w - b->r), &nw);
	if (nw < 0)
		runtime_throw(errNegativeWrite);
	b->r += (int)nw;
	*n += nw;
	return err;
}

runtime_error *
bufio_Reader_WriteTo(bufio_Reader *b, io_Writer w, int64_t *n)
{
	runtime_error *err;
	int64_t	       m;

	*n = 0;
	b->lastByte = -1;
	b->lastRuneSize = -1;
	if ((err = bufio_Reader_writeBuf(b, w, n)) != NULL)
		return err;
	if (b->rd.type->WriteTo != NULL) {
		err = b->rd.type->WriteTo(b->rd.self, w, &m);
		*n += m;
		return err;
	}
	if (w.type->ReadFrom != NULL) {
		err = w.type->ReadFrom(w.self, b->rd, &m);
		*n += m;
		return err;
	}
	if (b->w - b->r < b->size)
		bufio_Reader_fill(b);
	while (b->r < b->w) {
		if ((err = bufio_Reader_writeBuf(b, w, n)) != NULL)
			return err;
		bufio_Reader_fill(b);
	}
	if (b->err == io_EOF)
		b->err = NULL;
	return bufio_Reader_readErr(b);
}

/*
 * Writer.  err is sticky: once a write fails, every call returns it, as
 * Go's does, so it stays the Writer's (see bufio.h) and leaves through
 * Writer_err.
 */
typedef struct stickyRef stickyRef;
struct bufio_Writer {
	runtime_error *err;
	stickyRef     *ref; /* err's shared reference once handed out */
	uint8_t	      *buf;
	int	       size;
	int	       n;
	io_Writer      wr;
};

/*
 * stickyRef shares a Writer's heap error between the Writer and the
 * wrappers it hands out (stickyError): each holds one reference, and the
 * last one to let go frees the error, so a wrapper may outlive its Writer.
 */
typedef struct stickyRef {
	atomic_int     refs;
	runtime_error *err;
} stickyRef;

static void
stickyRef_unref(stickyRef *ref)
{
	if (atomic_fetch_sub(&ref->refs, 1) != 1)
		return;
	runtime_error_Free(ref->err);
	free(ref);
}

/* stickyError's text, Unwrap, Timeout and Temporary are the inner error's. */
typedef struct stickyError {
	runtime_error err;
	stickyRef    *ref;
} stickyError;

static runtime_error *
stickyError_inner(const runtime_error *err)
{
	return ((const stickyError *)err)->ref->err;
}

static char *
stickyError_Error(const runtime_error *err)
{
	return runtime_strdup(runtime_error_Error(stickyError_inner(err)));
}

static bool
stickyError_Timeout(const runtime_error *err)
{
	runtime_error *inner = stickyError_inner(err);

	return inner->type->Timeout != NULL && inner->type->Timeout(inner);
}

static bool
stickyError_Temporary(const runtime_error *err)
{
	runtime_error *inner = stickyError_inner(err);

	return inner->type->Temporary != NULL && inner->type->Temporary(inner);
}

static void
stickyError_release(runtime_error *err)
{
	stickyRef_unref(((stickyError *)err)->ref);
}

static const runtime_errorType stickyErrorType = {
	.name = "*bufio.stickyError",
	.Error = stickyError_Error,
	.Unwrap = stickyError_inner,
	.Timeout = stickyError_Timeout,
	.Temporary = stickyError_Temporary,
	.release = stickyError_release,
};

/*
 * Writer_err returns b's error for the caller: a sentinel as it is, a
 * heap error through a new stickyError.  b->err never changes once set
 * (until Reset), so the first call can make the shared reference.
 */
static runtime_error *
bufio_Writer_err(bufio_Writer *b)
{
	stickyError *e;

	if (b->err == NULL || b->err->isstatic)
		return b->err;
	if (b->ref == NULL) {
		b->ref = runtime_malloc(sizeof *b->ref);
		atomic_init(&b->ref->refs, 1);
		b->ref->err = b->err;
	}
	atomic_fetch_add(&b->ref->refs, 1);
	e = (stickyError *)runtime_newError(&stickyErrorType, sizeof *e);
	e->ref = b->ref;
	return &e->err;
}

/* dropErr lets go of b's error, shared or not. */
static void
bufio_Writer_dropErr(bufio_Writer *b)
{
	if (b->ref != NULL)
		stickyRef_unref(b->ref);
	else
		runtime_error_Free(b->err);
	b->ref = NULL;
	b->err = NULL;
}

static runtime_error *
Writer_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	return bufio_Writer_Write(self, p, len, n);
}

static runtime_error *
Writer_ReadFrom(void *self, io_Reader r, int64_t *n)
{
	return bufio_Writer_ReadFrom(self, r, n);
}

static runtime_error *
Writer_WriteString(void *self, const char *s, ptrdiff_t *n)
{
	return bufio_Writer_WriteString(self, s, n);
}

static const io_Type WriterType = {
	.name = "*bufio.Writer",
	.Write = Writer_Write,
	.ReadFrom = Writer_ReadFrom,
	.WriteString = Writer_WriteString,
};

io_Writer
bufio_Writer_Writer(bufio_Writer *b)
{
	return (io_Writer){ &WriterType, b };
}

bufio_Writer *
bufio_NewWriterSize(io_Writer w, int size)
{
	bufio_Writer *b;

	if (w.type == &WriterType) {
		b = w.self;
		if (b->size >= size)
			return b;
	}
	if (size <= 0)
		size = defaultBufSize;
	b = runtime_malloc(sizeof *b);
	b->buf = runtime_malloc((size_t)size);
	b->size = size;
	b->wr = w;
	return b;
}

bufio_Writer *
bufio_NewWriter(io_Writer w)
{
	return bufio_NewWriterSize(w, defaultBufSize);
}

void
bufio_Writer_Free(bufio_Writer *b)
{
	if (b == NULL)
		return;
	bufio_Writer_dropErr(b);
	free(b->buf);
	free(b);
}

int
bufio_Writer_Size(bufio_Writer *b)
{
	return b->size;
}

void
bufio_Writer_Reset(bufio_Writer *b, io_Writer w)
{
	if (b->buf == NULL) {
		b->buf = runtime_malloc(defaultBufSize);
		b->size = defaultBufSize;
	}
	bufio_Writer_dropErr(b);
	b->n = 0;
	b->wr = w;
}

runtime_error *
bufio_Writer_Flush(bufio_Writer *b)
{
	runtime_error *err;
	ptrdiff_t      n;

	if (b->err != NULL)
		return bufio_Writer_err(b);
	if (b->n == 0)
		return NULL;
	err = io_Writer_Write(b->wr, b->buf, (size_t)b->n, &n);
	if (n < b->n && err == NULL)
		err = io_ErrShortWrite;
	if (err != NULL) {
		if (n > 0 && n < b->n)
			memmove(b->buf, b->buf + n, (size_t)(b->n - n));
		b->n -= (int)n;
		b->err = err;
		return bufio_Writer_err(b);
	}
	b->n = 0;
	return NULL;
}

int
bufio_Writer_Available(bufio_Writer *b)
{
	return b->size - b->n;
}

uint8_t *
bufio_Writer_AvailableBuffer(bufio_Writer *b)
{
	return b->buf + b->n;
}

int
bufio_Writer_Buffered(bufio_Writer *b)
{
	return b->n;
}

/*
 * copyIn appends what fits of p to the buffer and returns the count; p
 * may be the buffer's own free part (AvailableBuffer), hence memmove.
 */
static size_t
bufio_Writer_copyIn(bufio_Writer *b, const void *p, size_t len)
{
	size_t n = (size_t)bufio_Writer_Available(b);

	if (n > len)
		n = len;
	if (n > 0)
		memmove(b->buf + b->n, p, n);
	b->n += (int)n;
	return n;
}

/* Flush's own error stays in b->err, which the callers test. */
static void
bufio_Writer_flush(bufio_Writer *b)
{
	runtime_error_Free(bufio_Writer_Flush(b));
}

runtime_error *
bufio_Writer_Write(bufio_Writer *b, const void *p, size_t len, ptrdiff_t *nn)
{
	ptrdiff_t n;

	*nn = 0;
	while (len > (size_t)bufio_Writer_Available(b) && b->err == NULL) {
		if (bufio_Writer_Buffered(b) == 0) {
			/* Large write, empty buffer: skip the copy. */
			b->err = io_Writer_Write(b->wr, p, len, &n);
		} else {
			n = (ptrdiff_t)bufio_Writer_copyIn(b, p, len);
			bufio_Writer_flush(b);
		}
		*nn += n;
		p = (const char *)p + n;
		len -= (size_t)n;
	}
	if (b->err != NULL)
		return bufio_Writer_err(b);
	*nn += (ptrdiff_t)bufio_Writer_copyIn(b, p, len);
	return NULL;
}

runtime_error *
bufio_Writer_WriteByte(bufio_Writer *b, uint8_t c)
{
	if (b->err != NULL)
		return bufio_Writer_err(b);
	if (bufio_Writer_Available(b) <= 0) {
		bufio_Writer_flush(b);
		if (b->err != NULL)
			return bufio_Writer_err(b);
	}
	b->buf[b->n++] = c;
	return NULL;
}

static runtime_error *writeString(
    bufio_Writer *b, const char *s, size_t len, ptrdiff_t *nn);

runtime_error *
bufio_Writer_WriteRune(bufio_Writer *b, int32_t r, int *size)
{
	runtime_error *err;
	uint8_t	       enc[utf8_UTFMax];
	ptrdiff_t      n;

	*size = 0;
	if ((uint32_t)r < utf8_RuneSelf) {
		if ((err = bufio_Writer_WriteByte(b, (uint8_t)r)) != NULL)
			return err;
		*size = 1;
		return NULL;
	}
	if (b->err != NULL)
		return bufio_Writer_err(b);
	if (bufio_Writer_Available(b) < utf8_UTFMax) {
		bufio_Writer_flush(b);
		if (b->err != NULL)
			return bufio_Writer_err(b);
		if (bufio_Writer_Available(b) < utf8_UTFMax) {
			n = utf8_EncodeRune(enc, r);
			err = writeString(b, (const char *)enc, (size_t)n, &n);
			*size = (int)n;
			return err;
		}
	}
	*size = utf8_EncodeRune(b->buf + b->n, r);
	b->n += *size;
	return NULL;
}

/*
 * writeString is WriteString over a counted string; with an empty buffer
 * a large string goes to the writer's own WriteString when it has one.
 * That method takes a NUL-terminated string, so only a string whose end
 * is its NUL is passed on.
 */
static runtime_error *
writeString(bufio_Writer *b, const char *s, size_t len, ptrdiff_t *nn)
{
	ptrdiff_t n;
	bool	  sw;

	*nn = 0;
	sw = b->wr.type->WriteString != NULL && s[len] == '\0';
	while (len > (size_t)bufio_Writer_Available(b) && b->err == NULL) {
		if (bufio_Writer_Buffered(b) == 0 && sw)
			b->err = b->wr.type->WriteString(b->wr.self, s, &n);
		else {
			n = (ptrdiff_t)bufio_Writer_copyIn(b, s, len);
			bufio_Writer_flush(b);
		}
		*nn += n;
		s += n;
		len -= (size_t)n;
	}
	if (b->err != NULL)
		return bufio_Writer_err(b);
	*nn += (ptrdiff_t)bufio_Writer_copyIn(b, s, len);
	return NULL;
}

runtime_error *
bufio_Writer_WriteString(bufio_Writer *b, const char *s, ptrdiff_t *n)
{
	return writeString(b, s, strlen(s), n);
}

/*
 * readOnce fills the buffer's free space from r, giving up after 100 empty
 * reads.
 */
static runtime_error *
bufio_Writer_readOnce(bufio_Writer *b, io_Reader r, ptrdiff_t *m, bool *stuck)
{
	runtime_error *err;
	int	       nr;

	*stuck = false;
	for (nr = 0; nr < maxConsecutiveEmptyReads; nr++) {
		err = io_Reader_Read(
		    r, b->buf + b->n, (size_t)bufio_Writer_Available(b), m);
		if (*m != 0 || err != NULL)
			return err;
	}
	*stuck = true;
	return NULL;
}

runtime_error *
bufio_Writer_ReadFrom(bufio_Writer *b, io_Reader r, int64_t *n)
{
	runtime_error *err;
	ptrdiff_t      m;
	int64_t	       nn;
	bool	       stuck;

	*n = 0;
	if (b->err != NULL)
		return bufio_Writer_err(b);
	for (;;) {
		if (bufio_Writer_Available(b) == 0 &&
		    (err = bufio_Writer_Flush(b)) != NULL)
			return err;
		if (b->wr.type->ReadFrom != NULL &&
		    bufio_Writer_Buffered(b) == 0) {
			b->err = b->wr.type->ReadFrom(b->wr.self, r, &nn);
			*n += nn;
			return bufio_Writer_err(b);
		}
		err = bufio_Writer_readOnce(b, r, &m, &stuck);
		if (stuck)
			return io_ErrNoProgress;
		b->n += (int)m;
		*n += m;
		if (err != NULL)
			break;
	}
	if (err == io_EOF)
		err = bufio_Writer_Available(b) == 0 ? bufio_Writer_Flush(b)
						     : NULL;
	return err;
}
