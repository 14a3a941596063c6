/* C port of go1.19 src/io/io.go: the EOF sentinels and LimitedReader. */
#include "io/io.h"
#include "runtime/linkname.h"

/*
 * io.EOF is a package-level errors.New value: static, so that callers can
 * compare it by identity and runtime_error_Free ignores it.
 */
static errors_errorString io_EOFValue = ERRORS_NEW_STATIC("EOF");
runtime_error *const	  io_EOF = &io_EOFValue.err;

/* io.ErrUnexpectedEOF: the stream ended inside a fixed-size block. */
static errors_errorString io_ErrUnexpectedEOFValue =
    ERRORS_NEW_STATIC("unexpected EOF");
runtime_error *const io_ErrUnexpectedEOF = &io_ErrUnexpectedEOFValue.err;

/*
 * io_LimitedReader_Read reads at most l->N bytes in all from l->R, then
 * returns io_EOF.
 */
runtime_error *
io_LimitedReader_Read(io_LimitedReader *l, void *p, size_t len, ptrdiff_t *n)
{
	runtime_error *err;

	*n = 0;
	if (l->N <= 0)
		return io_EOF;
	if ((int64_t)len > l->N)
		len = (size_t)l->N;
	err = l->R.Read(l->R.self, p, len, n);
	l->N -= *n;
	return err;
}

static runtime_error *
LimitedReader_ioRead(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return io_LimitedReader_Read(self, p, len, n);
}

io_Reader
io_LimitedReader_Reader(io_LimitedReader *l)
{
	io_Reader r = { LimitedReader_ioRead, l };

	return r;
}

io_LimitedReader *
io_asLimitedReader(io_Reader r)
{
	return r.Read == LimitedReader_ioRead ? r.self : NULL;
}
