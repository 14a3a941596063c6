/*
 * gonet package io: the Reader and Writer interfaces, Copy and its
 * variants, ReadFull, LimitReader, MultiWriter and the package's errors.
 * Public header.  runtime/runtime.h includes it, so programs that include
 * only runtime/runtime.h or net/net.h still see these names.
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

/* The package's sentinels: static, compared by identity. */
extern runtime_error *const io_EOF;		 /* "EOF" */
extern runtime_error *const io_ErrUnexpectedEOF; /* "unexpected EOF" */
extern runtime_error *const io_ErrShortWrite;	 /* "short write" */
extern runtime_error *const io_ErrShortBuffer;	 /* "short buffer" */
extern runtime_error *const io_ErrNoProgress;
extern runtime_error *const io_ErrClosedPipe;

/*
 * Interfaces.  An io_Reader or io_Writer is Go's interface value: a method
 * table (the dynamic type) and the object.  One table type serves every
 * io interface, so a value converts between them for free; a NULL method
 * is one the dynamic type lacks, which is how Copy asks Go's type
 * assertions (src.(WriterTo), dst.(ReaderFrom)).  The zero value is the
 * nil interface; calling through it throws, as Go's nil call panics.
 * Counts are written through n, and hold what was done even on error.
 */
typedef struct io_Type io_Type;
typedef struct io_Reader {
	const io_Type *type;
	void	      *self;
} io_Reader;
typedef struct io_Writer {
	const io_Type *type;
	void	      *self;
} io_Writer;

struct io_Type {
	const char *name; /* Go's dynamic type, such as "*net.TCPConn" */
	runtime_error *(*Read)(void *self, void *p, size_t len, ptrdiff_t *n);
	runtime_error *(*Write)(
	    void *self, const void *p, size_t len, ptrdiff_t *n);
	runtime_error *(*ReadFrom)(void *self, io_Reader r, int64_t *n);
	runtime_error *(*WriteTo)(void *self, io_Writer w, int64_t *n);
	runtime_error *(*WriteString)(void *self, const char *s, ptrdiff_t *n);
};

runtime_error *io_Reader_Read(io_Reader r, void *p, size_t len, ptrdiff_t *n);
runtime_error *io_Writer_Write(
    io_Writer w, const void *p, size_t len, ptrdiff_t *n);
/* The views of one value under the other interface; nothing is copied. */
io_Writer io_Reader_Writer(io_Reader r);
io_Reader io_Writer_Reader(io_Writer w);

/*
 * io_WriteString writes the NUL-terminated s, through the writer's own
 * WriteString when it has one.
 */
runtime_error *io_WriteString(io_Writer w, const char *s, ptrdiff_t *n);
/*
 * io_ReadAtLeast reads into buf until at least min bytes are there;
 * io_ReadFull until len are.  EOF after some but not enough bytes is
 * io_ErrUnexpectedEOF; min > len is io_ErrShortBuffer.
 */
runtime_error *io_ReadAtLeast(
    io_Reader r, void *buf, size_t len, size_t min, ptrdiff_t *n);
runtime_error *io_ReadFull(io_Reader r, void *buf, size_t len, ptrdiff_t *n);
/*
 * io_ReadAll reads until EOF (which is success) or an error, into a heap
 * block that free() releases (written even on error; never NULL).
 */
runtime_error *io_ReadAll(io_Reader r, uint8_t **b, size_t *len);
/*
 * io_Copy copies src to dst until EOF, which is success.  It hands the
 * whole job to src's WriteTo or else dst's ReadFrom when they exist, and
 * otherwise loops over a 32 KiB heap buffer.  io_CopyBuffer loops over
 * the caller's buffer instead (NULL: as io_Copy; a non-NULL buffer of
 * length 0 throws, Go's panic).  io_CopyN copies exactly n bytes, or
 * returns the error (io_EOF when src ended first).
 */
runtime_error *io_Copy(io_Writer dst, io_Reader src, int64_t *written);
runtime_error *io_CopyBuffer(
    io_Writer dst, io_Reader src, void *buf, size_t len, int64_t *written);
runtime_error *io_CopyN(
    io_Writer dst, io_Reader src, int64_t n, int64_t *written);

/*
 * io_LimitedReader is Go's LimitedReader: reads from R, at most N bytes
 * in all, then io_EOF.  A caller's own value needs no heap: take its view
 * with io_LimitedReader_Reader.  io_LimitReader allocates one; free()
 * on the result's self releases it.
 */
typedef struct io_LimitedReader {
	io_Reader R;
	int64_t	  N;
} io_LimitedReader;

extern const io_Type io_LimitedReaderType;
runtime_error	    *io_LimitedReader_Read(
	  io_LimitedReader *l, void *p, size_t len, ptrdiff_t *n);
io_Reader io_LimitedReader_Reader(io_LimitedReader *l);
io_Reader io_LimitReader(io_Reader r, int64_t n);
/* io_asLimitedReader is Go's r.(*io.LimitedReader): the value, or NULL. */
io_LimitedReader *io_asLimitedReader(io_Reader r);

/*
 * io_TeeReader reads from r and writes what it read to w.  io_MultiReader
 * reads the n readers one after the other (copied; a nested MultiReader
 * is flattened as it is reached).  Each result's self is one heap block
 * that free() releases.
 */
io_Reader io_TeeReader(io_Reader r, io_Writer w);
io_Reader io_MultiReader(const io_Reader *readers, size_t n);

/*
 * io_MultiWriter writes to each of the n writers in turn (a nested
 * MultiWriter is flattened, as in Go).  The result's self is one heap
 * block that free() releases; the writers are copied.
 */
io_Writer io_MultiWriter(const io_Writer *writers, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* GONET_IO_H */
