/*
 * gonet package io, the part net's API uses: EOF, ErrUnexpectedEOF and
 * Reader.  Public header.  runtime/runtime.h includes it, so programs that
 * include only runtime/runtime.h or net/net.h still see these names.
 */
#ifndef GONET_IO_H
#define GONET_IO_H

#include <stdbool.h>
#include <stddef.h>

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

#ifdef __cplusplus
}
#endif

#endif /* GONET_IO_H */
