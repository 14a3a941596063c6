/*
 * C port of go1.19 src/io/io.go: the interfaces, Copy, ReadFull, LimitReader.
 */
#include <stdlib.h>
#include <string.h>

#include "io/io_impl.h"
#include "runtime/linkname.h"

/*
 * The package-level errors.New values are static, so that callers can
 * compare them by identity and runtime_error_Free ignores them.
 */
static errors_errorString io_EOFValue = ERRORS_NEW_STATIC("EOF");
runtime_error *const	  io_EOF = &io_EOFValue.err;

static errors_errorString io_ErrUnexpectedEOFValue =
    ERRORS_NEW_STATIC("unexpected EOF");
runtime_error *const io_ErrUnexpectedEOF = &io_ErrUnexpectedEOFValue.err;

static errors_errorString io_ErrShortWriteValue =
    ERRORS_NEW_STATIC("short write");
runtime_error *const io_ErrShortWrite = &io_ErrShortWriteValue.err;

static errors_errorString io_ErrShortBufferValue =
    ERRORS_NEW_STATIC("short buffer");
runtime_error *const io_ErrShortBuffer = &io_ErrShortBufferValue.err;

static errors_errorString io_ErrNoProgressValue =
    ERRORS_NEW_STATIC("multiple Read calls return no data or error");
runtime_error *const io_ErrNoProgress = &io_ErrNoProgressValue.err;

/* pipe.go's error; net.Pipe returns it too. */
static errors_errorString io_ErrClosedPipeValue =
    ERRORS_NEW_STATIC("io: read/write on closed pipe");
runtime_error *const io_ErrClosedPipe = &io_ErrClosedPipeValue.err;

static errors_errorString errInvalidWriteValue =
    ERRORS_NEW_STATIC("invalid write result");
runtime_error *const io_errInvalidWrite = &errInvalidWriteValue.err;

/* A method call on a nil interface is Go's nil dereference panic. */
static void
io_nilInterface(const io_Type *type)
{
	if (type == NULL)
		runtime_throw(
		    "invalid memory address or nil pointer dereference");
}

runtime_error *
io_Reader_Read(io_Reader r, void *p, size_t len, ptrdiff_t *n)
{
	io_nilInterface(r.type);
	*n = 0;
	return r.type->Read(r.self, p, len, n);
}

runtime_error *
io_Writer_Write(io_Writer w, const void *p, size_t len, ptrdiff_t *n)
{
	io_nilInterface(w.type);
	*n = 0;
	return w.type->Write(w.self, p, len, n);
}

io_Writer
io_Reader_Writer(io_Reader r)
{
	return (io_Writer){ r.type, r.self };
}

io_Reader
io_Writer_Reader(io_Writer w)
{
	return (io_Reader){ w.type, w.self };
}

runtime_error *
io_WriteString(io_Writer w, const char *s, ptrdiff_t *n)
{
	io_nilInterface(w.type);
	if (w.type->WriteString != NULL) {
		*n = 0;
		return w.type->WriteString(w.self, s, n);
	}
	return io_Writer_Write(w, s, strlen(s), n);
}

runtime_error *
io_ReadAtLeast(io_Reader r, void *buf, size_t len, size_t min, ptrdiff_t *n)
{
	runtime_error *err;
	ptrdiff_t      nn;

	*n = 0;
	if (len < min)
		return io_ErrShortBuffer;
	err = NULL;
	while ((size_t)*n < min && err == NULL) {
		err =
		    io_Reader_Read(r, (char *)buf + *n, len - (size_t)*n, &nn);
		*n += nn;
	}
	if ((size_t)*n >= min) {
		runtime_error_Free(err);
		err = NULL;
	} else if (*n > 0 && err == io_EOF)
		err = io_ErrUnexpectedEOF;
	return err;
}

runtime_error *
io_ReadFull(io_Reader r, void *buf, size_t len, ptrdiff_t *n)
{
	return io_ReadAtLeast(r, buf, len, len, n);
}

runtime_error *
io_ReadAll(io_Reader r, uint8_t **b, size_t *len)
{
	runtime_error *err;
	size_t	       cap;
	ptrdiff_t      n;

	cap = 512;
	*b = runtime_malloc(cap);
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap *= 2;
			*b = runtime_realloc(*b, cap);
		}
		err = io_Reader_Read(r, *b + *len, cap - *len, &n);
		*len += (size_t)n;
		if (err != NULL)
			return err == io_EOF ? NULL : err;
	}
}

runtime_error *
io_CopyN(io_Writer dst, io_Reader src, int64_t n, int64_t *written)
{
	io_LimitedReader l = { src, n };
	runtime_error	*err;

	err = io_Copy(dst, io_LimitedReader_Reader(&l), written);
	if (*written == n) {
		runtime_error_Free(err);
		return NULL;
	}
	if (*written < n && err == NULL)
		err = io_EOF;
	return err;
}

/*
 * copyLoop is copyBuffer's loop: a short write is an error, a negative or
 * overlong count is errInvalidWrite, and a read error that comes with
 * data waits until the data is written.  The error not returned is freed.
 */
static runtime_error *
copyLoop(io_Writer dst, io_Reader src, char *buf, size_t len, int64_t *written)
{
	runtime_error *err, *er, *ew;
	ptrdiff_t      nr, nw;

	err = NULL;
	for (;;) {
		er = io_Reader_Read(src, buf, len, &nr);
		if (nr > 0) {
			ew = io_Writer_Write(dst, buf, (size_t)nr, &nw);
			if (nw < 0 || nr < nw) {
				nw = 0;
				if (ew == NULL)
					ew = io_errInvalidWrite;
			}
			*written += nw;
			if (ew == NULL && nr != nw)
				ew = io_ErrShortWrite;
			if (ew != NULL) {
				runtime_error_Free(er);
				return ew;
			}
		}
		if (er != NULL) {
			if (er != io_EOF)
				err = er;
			break;
		}
	}
	return err;
}

runtime_error *
io_copyBuffer(
    io_Writer dst, io_Reader src, void *buf, size_t len, int64_t *written)
{
	runtime_error	 *err;
	size_t		  size;
	io_LimitedReader *l;

	io_nilInterface(src.type);
	io_nilInterface(dst.type);
	*written = 0;
	if (src.type->WriteTo != NULL)
		return src.type->WriteTo(src.self, dst, written);
	if (dst.type->ReadFrom != NULL)
		return dst.type->ReadFrom(dst.self, src, written);
	if (buf != NULL)
		return copyLoop(dst, src, buf, len, written);
	size = 32 * 1024;
	if (src.type == &io_LimitedReaderType) {
		l = src.self;
		if ((int64_t)size > l->N)
			size = l->N < 1 ? 1 : (size_t)l->N;
	}
	buf = runtime_malloc(size);
	err = copyLoop(dst, src, buf, size, written);
	free(buf);
	return err;
}

runtime_error *
io_Copy(io_Writer dst, io_Reader src, int64_t *written)
{
	return io_copyBuffer(dst, src, NULL, 0, written);
}

runtime_error *
io_CopyBuffer(
    io_Writer dst, io_Reader src, void *buf, size_t len, int64_t *written)
{
	if (buf != NULL && len == 0)
		runtime_throw("empty buffer in CopyBuffer");
	return io_copyBuffer(dst, src, buf, len, written);
}

runtime_error *
io_LimitedReader_Read(io_LimitedReader *l, void *p, size_t len, ptrdiff_t *n)
{
	runtime_error *err;

	*n = 0;
	if (l->N <= 0)
		return io_EOF;
	if ((int64_t)len > l->N)
		len = (size_t)l->N;
	err = io_Reader_Read(l->R, p, len, n);
	l->N -= *n;
	return err;
}

static runtime_error *
LimitedReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return io_LimitedReader_Read(self, p, len, n);
}

const io_Type io_LimitedReaderType = {
	.name = "*io.LimitedReader",
	.Read = LimitedReader_Read,
};

io_Reader
io_LimitedReader_Reader(io_LimitedReader *l)
{
	return (io_Reader){ &io_LimitedReaderType, l };
}

io_LimitedReader *
io_asLimitedReader(io_Reader r)
{
	return r.type == &io_LimitedReaderType ? r.self : NULL;
}

typedef struct teeReader {
	io_Reader r;
	io_Writer w;
} teeReader;

/* A write error wins over the read's result, which is dropped. */
static runtime_error *
teeReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	teeReader     *t = self;
	runtime_error *err, *werr;
	ptrdiff_t      nw;

	err = io_Reader_Read(t->r, p, len, n);
	if (*n > 0 &&
	    (werr = io_Writer_Write(t->w, p, (size_t)*n, &nw)) != NULL) {
		runtime_error_Free(err);
		*n = nw;
		return werr;
	}
	return err;
}

static const io_Type teeReaderType = {
	.name = "*io.teeReader",
	.Read = teeReader_Read,
};

io_Reader
io_TeeReader(io_Reader r, io_Writer w)
{
	teeReader *t;

	t = runtime_malloc(sizeof *t);
	t->r = r;
	t->w = w;
	return (io_Reader){ &teeReaderType, t };
}

io_Reader
io_LimitReader(io_Reader r, int64_t n)
{
	io_LimitedReader *l;

	l = runtime_malloc(sizeof *l);
	l->R = r;
	l->N = n;
	return io_LimitedReader_Reader(l);
}
