/* C port of go1.19 src/io/multi.go: MultiWriter. */
#include <string.h>

#include "io/io.h"
#include "runtime/linkname.h"

/* One heap block: the header and the flattened writers after it. */
typedef struct multiWriter {
	size_t	  n;
	io_Writer writers[];
} multiWriter;

static runtime_error *
multiWriter_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	multiWriter   *t = self;
	runtime_error *err;
	size_t	       i;

	for (i = 0; i < t->n; i++) {
		if ((err = io_Writer_Write(t->writers[i], p, len, n)) != NULL)
			return err;
		if ((size_t)*n != len)
			return io_ErrShortWrite;
	}
	*n = (ptrdiff_t)len;
	return NULL;
}

/* Each writer with a WriteString of its own gets the string unconverted. */
static runtime_error *
multiWriter_WriteString(void *self, const char *s, ptrdiff_t *n)
{
	multiWriter   *t = self;
	runtime_error *err;
	size_t	       i, len;

	len = strlen(s);
	for (i = 0; i < t->n; i++) {
		if ((err = io_WriteString(t->writers[i], s, n)) != NULL)
			return err;
		if ((size_t)*n != len)
			return io_ErrShortWrite;
	}
	*n = (ptrdiff_t)len;
	return NULL;
}

static const io_Type multiWriterType = {
	.name = "*io.multiWriter",
	.Write = multiWriter_Write,
	.WriteString = multiWriter_WriteString,
};

io_Writer
io_MultiWriter(const io_Writer *writers, size_t n)
{
	multiWriter *t, *mw;
	size_t	     i, total;

	total = 0;
	for (i = 0; i < n; i++) {
		mw = writers[i].self;
		total += writers[i].type == &multiWriterType ? mw->n : 1;
	}
	t = runtime_malloc(sizeof *t + total * sizeof t->writers[0]);
	for (i = 0; i < n; i++) {
		mw = writers[i].self;
		if (writers[i].type == &multiWriterType) {
			memcpy(&t->writers[t->n], mw->writers,
			    mw->n * sizeof mw->writers[0]);
			t->n += mw->n;
		} else
			t->writers[t->n++] = writers[i];
	}
	return (io_Writer){ &multiWriterType, t };
}
