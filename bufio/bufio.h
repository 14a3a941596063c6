/*
 * gonet package bufio: Reader and Writer, buffering an io_Reader or an
 * io_Writer (a Conn's through net_Conn_Reader and net_Conn_Writer).
 * Public header.
 *
 * Memory.  NewReader and NewWriter allocate; Free releases (a Writer is
 * not flushed by Free: call Flush first, as in Go).  When the argument of
 * NewReaderSize (NewWriterSize) is already a large enough Reader (Writer)
 * it is returned as is, as in Go, so that one value must be freed once.
 * Slices a Reader returns (Peek, ReadSlice, ReadLine) point into its
 * buffer and are valid until the next read; ReadBytes and ReadString
 * return heap memory that free() releases.
 *
 * Errors.  A Reader hands each error of its reader to the caller once, as
 * Go does; it is the caller's.  A Writer keeps its first error and
 * returns it from every later call, as Go does: that error stays the
 * Writer's, and what the caller receives is the sentinel itself or a
 * small wrapper, the caller's to free, whose text, Timeout and Unwrap are
 * the Writer's error (errors_Is and errors_As see through it); the two
 * share that error, which lives until both the Writer and every wrapper
 * are freed.
 */
#ifndef GONET_BUFIO_H
#define GONET_BUFIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/io.h"

#ifdef __cplusplus
extern "C" {
#endif

extern runtime_error *const bufio_ErrInvalidUnreadByte;
extern runtime_error *const bufio_ErrInvalidUnreadRune;
extern runtime_error *const bufio_ErrBufferFull;
extern runtime_error *const bufio_ErrNegativeCount;

typedef struct bufio_Reader bufio_Reader;
typedef struct bufio_Writer bufio_Writer;

bufio_Reader  *bufio_NewReader(io_Reader rd);
bufio_Reader  *bufio_NewReaderSize(io_Reader rd, int size);
void	       bufio_Reader_Free(bufio_Reader *b);
int	       bufio_Reader_Size(bufio_Reader *b);
int	       bufio_Reader_Buffered(bufio_Reader *b);
void	       bufio_Reader_Reset(bufio_Reader *b, io_Reader r);
runtime_error *bufio_Reader_Read(
    bufio_Reader *b, void *p, size_t len, ptrdiff_t *n);
runtime_error *bufio_Reader_ReadByte(bufio_Reader *b, uint8_t *c);
runtime_error *bufio_Reader_UnreadByte(bufio_Reader *b);
/* ReadRune writes the rune (Go's int32) and its encoded size. */
runtime_error *bufio_Reader_ReadRune(bufio_Reader *b, int32_t *r, int *size);
runtime_error *bufio_Reader_UnreadRune(bufio_Reader *b);
runtime_error *bufio_Reader_Peek(
    bufio_Reader *b, int n, const uint8_t **p, size_t *len);
runtime_error *bufio_Reader_Discard(bufio_Reader *b, int n, int *discarded);
runtime_error *bufio_Reader_ReadSlice(
    bufio_Reader *b, uint8_t delim, const uint8_t **line, size_t *len);
/* ReadLine's line is NULL (Go's nil) when it returns an error. */
runtime_error *bufio_Reader_ReadLine(
    bufio_Reader *b, const uint8_t **line, size_t *len, bool *isPrefix);
runtime_error *bufio_Reader_ReadBytes(
    bufio_Reader *b, uint8_t delim, uint8_t **line, size_t *len);
/* ReadString's *s is NUL-terminated; len (may be NULL) gets its length. */
runtime_error *bufio_Reader_ReadString(
    bufio_Reader *b, uint8_t delim, char **s, size_t *len);
runtime_error *bufio_Reader_WriteTo(bufio_Reader *b, io_Writer w, int64_t *n);
/* The io view: Read and WriteTo. */
io_Reader bufio_Reader_Reader(bufio_Reader *b);

bufio_Writer *bufio_NewWriter(io_Writer w);
bufio_Writer *bufio_NewWriterSize(io_Writer w, int size);
void	      bufio_Writer_Free(bufio_Writer *b);
int	      bufio_Writer_Size(bufio_Writer *b);
int	      bufio_Writer_Available(bufio_Writer *b);
int	      bufio_Writer_Buffered(bufio_Writer *b);
/*
 * AvailableBuffer is Go's empty slice with Available() bytes of room: the
 * free part of the buffer, for appending to and then passing to Write.
 */
uint8_t	      *bufio_Writer_AvailableBuffer(bufio_Writer *b);
void	       bufio_Writer_Reset(bufio_Writer *b, io_Writer w);
runtime_error *bufio_Writer_Flush(bufio_Writer *b);
runtime_error *bufio_Writer_Write(
    bufio_Writer *b, const void *p, size_t len, ptrdiff_t *n);
runtime_error *bufio_Writer_WriteByte(bufio_Writer *b, uint8_t c);
runtime_error *bufio_Writer_WriteRune(bufio_Writer *b, int32_t r, int *size);
runtime_error *bufio_Writer_WriteString(
    bufio_Writer *b, const char *s, ptrdiff_t *n);
runtime_error *bufio_Writer_ReadFrom(bufio_Writer *b, io_Reader r, int64_t *n);
/* The io view: Write, ReadFrom and WriteString. */
io_Writer bufio_Writer_Writer(bufio_Writer *b);

#ifdef __cplusplus
}
#endif

#endif /* GONET_BUFIO_H */
