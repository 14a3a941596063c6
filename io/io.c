/* C port of go1.19 src/io/io.go: the EOF sentinels. */
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
