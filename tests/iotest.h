/*
 * The readers and writers Go's io, bufio and net tests build on, in C:
 * bytes.Buffer, bytes.Reader and strings.Reader, io.Discard, a math/rand
 * stream, and testing/iotest's OneByteReader, HalfReader, DataErrReader,
 * TimeoutReader and ErrReader.  Test code only.
 */
#ifndef GONET_TESTS_IOTEST_H
#define GONET_TESTS_IOTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/io.h"

/*
 * bytesBuffer is bytes.Buffer: data[off:len] is unread.  Its io view has
 * every method Go's has (Read, Write, ReadFrom, WriteTo, WriteString);
 * bytesBuffer_plain has Read, Write and WriteString only, like io_test's
 * Buffer, which hides ReadFrom and WriteTo.  Free with bytesBuffer_free.
 */
typedef struct bytesBuffer {
	uint8_t *data;
	size_t	 off, len, cap;
} bytesBuffer;

extern const io_Type bytesBufferType;
io_Reader	     bytesBuffer_Reader(bytesBuffer *b);
io_Writer	     bytesBuffer_Writer(bytesBuffer *b);
io_Reader	     bytesBuffer_plainReader(bytesBuffer *b);
io_Writer	     bytesBuffer_plainWriter(bytesBuffer *b);
runtime_error	    *bytesBuffer_Read(
	  bytesBuffer *b, void *p, size_t len, ptrdiff_t *n);
void bytesBuffer_Write(bytesBuffer *b, const void *p, size_t len);
void bytesBuffer_WriteString(bytesBuffer *b, const char *s);
/*
 * bytesBuffer_String returns the unread bytes as a NUL-terminated string
 * (borrowed).
 */
const char *bytesBuffer_String(bytesBuffer *b);
size_t	    bytesBuffer_Len(const bytesBuffer *b);
void	    bytesBuffer_Reset(bytesBuffer *b);
void	    bytesBuffer_free(bytesBuffer *b);

/*
 * bytesReader is bytes.Reader / strings.Reader over borrowed memory: Read
 * and WriteTo.  stringsReader_Reader sets it up over a string.
 */
typedef struct bytesReader {
	const uint8_t *s;
	size_t	       len, i;
} bytesReader;

io_Reader bytesReader_Reader(bytesReader *r, const void *s, size_t len);
io_Reader stringsReader_Reader(bytesReader *r, const char *s);

/*
 * io.Discard, and an endless pseudo-random stream
 * (rand.New(rand.NewSource(0))'s role).
 */
io_Writer ioDiscard(void);
io_Reader randReader(uint64_t *state);

/*
 * The struct{ io.Reader }{r} and struct{ io.Writer }{w} wrappers: the
 * view that hides every method but Read (Write).
 */
typedef struct onlyReader {
	io_Reader r;
} onlyReader;
typedef struct onlyWriter {
	io_Writer w;
} onlyWriter;
io_Reader onlyReader_Reader(onlyReader *o, io_Reader r);
io_Writer onlyWriter_Writer(onlyWriter *o, io_Writer w);

/*
 * testing/iotest.  Each wrapper keeps its state in the struct the caller
 * provides.
 */
typedef struct iotestReader {
	io_Reader      r;
	int	       count;  /* TimeoutReader's calls */
	runtime_error *err;    /* ErrReader's error */
	uint8_t	      *unread; /* DataErrReader's lookahead */
	size_t	       nunread, capunread;
} iotestReader;
io_Reader iotest_OneByteReader(iotestReader *t, io_Reader r);
io_Reader iotest_HalfReader(iotestReader *t, io_Reader r);
io_Reader iotest_DataErrReader(iotestReader *t, io_Reader r);
io_Reader iotest_TimeoutReader(iotestReader *t, io_Reader r);
io_Reader iotest_ErrReader(iotestReader *t, runtime_error *err);
void	  iotestReader_free(iotestReader *t);
/* iotest.ErrTimeout: "timeout". */
extern runtime_error *const iotest_ErrTimeout;

#endif /* GONET_TESTS_IOTEST_H */
