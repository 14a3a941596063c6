/*
 * gonet package io, the part net's API uses: EOF, ErrUnexpectedEOF,
 * Reader and LimitedReader.  Public header.  runtime/runtime.h includes
 * it, so programs that include only runtime/runtime.h or net/net.h still
 * see these names.
 */
#ifndef GONET_IO_H
#define GONET_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Package io, the part net's API uses.  io_Reader is Go's io.Reader as a
 * C closure: Read fills p and reports the count, returning io_EOF at the
 * end of the stream.
 */
extern runtime_error *const io_EOF;
extern runtime_error *const io_ErrUnexpectedEOF;

typedef struct io_Reader {
	runtime_error *(*Read)(void *self, void *p, size_t len, ptrdiff_t *n);
	void *self;
} io_Reader;

/*
 * io_LimitedReader is Go's LimitedReader: reads from R, at most N bytes
 * in all, then io_EOF.  io_LimitedReader_Reader is its io.Reader view
 * (nothing allocated; valid while l is).  io_asLimitedReader is Go's
 * r.(*io.LimitedReader): the value behind a view, or NULL, which
 * TCPConn.ReadFrom uses to send at most N bytes with sendfile or splice.
 */
typedef struct io_LimitedReader {
	io_Reader R;
	int64_t	  N;
} io_LimitedReader;

runtime_error *io_LimitedReader_Read(
    io_LimitedReader *l, void *p, size_t len, ptrdiff_t *n);
io_Reader	  io_LimitedReader_Reader(io_LimitedReader *l);
io_LimitedReader *io_asLimitedReader(io_Reader r);

#ifdef __cplusplus
}
#endif

#endif /* GONET_IO_H */
