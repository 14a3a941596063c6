/* C port of go1.19 src/io/multi.go: MultiWriter. */
#include <stdlib.h>
#include <string.h>

#include "io/io_impl.h"
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

/*
 * multiReader: the readers not yet at EOF are readers[i:n].  A nested
 * MultiReader left alone at the end is walked in place, as Go replaces
 * its slice with the inner one.
 */
typedef struct multiReader {
	size_t	  i, n;
	io_Reader readers[];
} multiReader;

static const io_Type multiReaderType;

static runtime_error *
multiReader_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	multiReader   *mr = self;
	runtime_error *err;

	*n = 0;
	while (mr->i < mr->n) {
		if (mr->n - mr->i == 1 &&
		    mr->readers[mr->i].type == &multiReaderType) {
			mr = mr->readers[mr->i].self;
			continue;
		}
		err = io_Reader_Read(mr->readers[mr->i], p, len, n);
		if (err == io_EOF)
			mr->i++;
		if (*n > 0 || err != io_EOF) {
			if (err == io_EOF && mr->i < mr->n)
				err = NULL;
			return err;
		}
	}
	return io_EOF;
}

/* writeToWithBuffer copies each reader in turn through one buffer. */
static runtime_error *
multiReader_writeToWithBuffer(
    multiReader *mr, io_Writer w, void *buf, size_t len, int64_t *sum)
{
	runtime_error *err;
	io_Reader      r;
	int64_t	       n;

	for (; mr->i < mr->n; mr->i++) {
		r = mr->readers[mr->i];
		n = 0;
		if (r.type == &multiReaderType)
			err = multiReader_writeToWithBuffer(
			    r.self, w, buf, len, &n);
		else
			err = io_copyBuffer(w, r, buf, len, &n);
		*sum += n;
		if (err != NULL)
			return err;
	}
	return NULL;
}

static runtime_error *
multiReader_WriteTo(void *self, io_Writer w, int64_t *sum)
{
	enum { size = 32 * 1024 };
	runtime_error *err;
	void	      *buf;

	*sum = 0;
	buf = runtime_malloc(size);
	err = multiReader_writeToWithBuffer(self, w, buf, size, sum);
	free(buf);
	return err;
}

static const io_Type multiReaderType = {
	.name = "*io.multiReader",
	.Read = multiReader_Read,
	.WriteTo = multiReader_WriteTo,
};

io_Reader
io_MultiReader(const io_Reader *readers, size_t n)
{
	multiReader *mr;

	mr = runtime_malloc(sizeof *mr + n * sizeof mr->readers[0]);
	memcpy(mr->readers, readers, n * sizeof readers[0]);
	mr->n = n;
	return (io_Reader){ &multiReaderType, mr };
}
