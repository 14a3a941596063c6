/* C port of go1.19 src/net/parse.go */
/*
 * Small file reading and string helpers, kept inside net so that it needs
 * neither stdio nor a general string library, as Go's net avoids bufio and
 * strings.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/net_impl.h"

/* Go's os.Open hands every file a 64 KiB line buffer; so does net_open. */
enum { fileBufSize = 64 * 1024 };

/* os_PathError: Go's *fs.PathError, the error os.Open and os.Stat return. */
static char *
os_PathError_Error(const runtime_error *err)
{
	const os_PathError *e = (const os_PathError *)err;

	return runtime_concatstrings(e->Op, " ", e->Path, ": ",
	    runtime_error_Error(e->Err), (char *)NULL);
}

static runtime_error *
os_PathError_Unwrap(const runtime_error *err)
{
	return ((const os_PathError *)err)->Err;
}

/* A path error times out when what it wraps does, as fs.PathError says. */
static bool
os_PathError_Timeout(const runtime_error *err)
{
	runtime_error *inner = ((const os_PathError *)err)->Err;

	return inner != NULL && inner->type->Timeout != NULL &&
	    inner->type->Timeout(inner);
}

static void
os_PathError_release(runtime_error *err)
{
	os_PathError *e = (os_PathError *)err;

	free(e->Op);
	free(e->Path);
	runtime_error_Free(e->Err);
}

const runtime_errorType os_PathErrorType = {
	.name = "*fs.PathError",
	.Error = os_PathError_Error,
	.Unwrap = os_PathError_Unwrap,
	.Timeout = os_PathError_Timeout,
	.release = os_PathError_release,
};

static runtime_error *
newPathError(const char *op, const char *path, syscall_Errno e)
{
	os_PathError *pe;

	pe = (os_PathError *)runtime_newError(&os_PathErrorType, sizeof(*pe));
	pe->Op = runtime_strdup(op);
	pe->Path = runtime_strdup(path);
	pe->Err = syscall_Errno_Err(e);
	return &pe->err;
}

void
net_file_close(net_file *f)
{
	if (f == NULL)
		return;
	close(f->fd);
	free(f->data);
	free(f);
}

/*
 * getLineFromData cuts the next line out of the buffered data.  Go copies
 * the rest of the buffer down after every line; here off advances instead
 * and readLine compacts only before it reads more.  The newline becomes the
 * NUL that ends the returned string.
 */
static bool
net_file_getLineFromData(net_file *f, char **s, size_t *n)
{
	char  *data;
	size_t i;

	data = f->data + f->off;
	for (i = 0; i < f->len - f->off; i++) {
		if (data[i] == '\n') {
			data[i] = '\0';
			*s = data;
			*n = i;
			f->off += i + 1;
			return true;
		}
	}
	if (f->atEOF && f->len > f->off) {
		/*
		 * The last line has no newline: the spare byte holds the NUL.
		 */
		f->data[f->len] = '\0';
		*s = data;
		*n = f->len - f->off;
		f->off = f->len;
		return true;
	}
	return false;
}

/*
 * readFull fills p[0:len] as io.ReadFull does: it stops early only at end
 * of file (*eof set) or on an error, which, as in Go, leaves atEOF alone.
 */
/*
 * Reading a file can sleep in the kernel, so these calls tell the
 * scheduler (Go wraps every system call so); errno is read before
 * exitsyscall, after which the goroutine may be on another thread.
 */
static ssize_t
sysread(int fd, void *p, size_t len, int *errno_)
{
	ssize_t r;

	runtime_entersyscall();
	r = read(fd, p, len);
	*errno_ = errno;
	runtime_exitsyscall();
	return r;
}

static size_t
readFull(int fd, char *p, size_t len, bool *eof)
{
	size_t	n;
	ssize_t r;
	int	e;

	*eof = false;
	n = 0;
	while (n < len) {
		r = sysread(fd, p + n, len - n, &e);
		if (r < 0 && e == EINTR)
			continue;
		if (r < 0)
			break;
		if (r == 0) {
			*eof = true;
			break;
		}
		n += (size_t)r;
	}
	return n;
}

bool
net_file_readLine(net_file *f, char **s, size_t *n)
{
	size_t ln, got;
	bool   eof;

	if (net_file_getLineFromData(f, s, n))
		return true;
	if (f->off > 0) {
		memmove(f->data, f->data + f->off, f->len - f->off);
		f->len -= f->off;
		f->off = 0;
	}
	if (f->len < f->cap) {
		ln = f->len;
		got = readFull(f->fd, f->data + ln, f->cap - ln, &eof);
		f->len = ln + got;
		if (eof)
			f->atEOF = true;
	}
	return net_file_getLineFromData(f, s, n);
}

runtime_error *
net_open(const char *name, net_file **f)
{
	int fd, e;

	*f = NULL;
	runtime_entersyscall();
	do
		fd = open(name, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	e = errno;
	runtime_exitsyscall();
	if (fd < 0)
		return newPathError("open", name, (syscall_Errno)e);
	*f = runtime_malloc(sizeof(**f));
	(*f)->fd = fd;
	/* One byte more than Go's capacity, for the NUL of an unended line. */
	(*f)->data = runtime_malloc(fileBufSize + 1);
	(*f)->cap = fileBufSize;
	return NULL;
}

runtime_error *
net_stat(const char *name, time_Time *mtime, int64_t *size)
{
	struct stat st;
	int	    r, e;

	runtime_entersyscall();
	r = stat(name, &st);
	e = errno;
	runtime_exitsyscall();
	if (r < 0) {
		*mtime = (time_Time){ 0 };
		*size = 0;
		return newPathError("stat", name, (syscall_Errno)e);
	}
	*mtime = time_Unix(st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	*size = st.st_size;
	return NULL;
}

int
net_countAnyByte(const char *s, size_t n, const char *t)
{
	int    c;
	size_t i;

	c = 0;
	for (i = 0; i < n; i++) {
		if (s[i] != '\0' && strchr(t, s[i]) != NULL)
			c++;
	}
	return c;
}

net_string *
net_splitAtBytes(const char *s, size_t n, const char *t, size_t *nfields)
{
	net_string *a;
	size_t	    i, last, k;

	a = runtime_malloc(
	    (1 + (size_t)net_countAnyByte(s, n, t)) * sizeof(*a));
	k = 0;
	last = 0;
	for (i = 0; i < n; i++) {
		if (s[i] != '\0' && strchr(t, s[i]) != NULL) {
			if (last < i) {
				a[k].p = s + last;
				a[k].n = i - last;
				k++;
			}
			last = i + 1;
		}
	}
	if (last < n) {
		a[k].p = s + last;
		a[k].n = n - last;
		k++;
	}
	*nfields = k;
	return a;
}

net_string *
net_getFields(const char *s, size_t n, size_t *nfields)
{
	return net_splitAtBytes(s, n, " \r\t\n", nfields);
}

bool
net_dtoi(const char *s, size_t n, int *num, int *i)
{
	int    v;
	size_t j;

	v = 0;
	for (j = 0; j < n && '0' <= s[j] && s[j] <= '9'; j++) {
		v = v * 10 + (s[j] - '0');
		if (v >= net_big) {
			*num = net_big;
			*i = (int)j;
			return false;
		}
	}
	*i = (int)j;
	if (j == 0) {
		*num = 0;
		return false;
	}
	*num = v;
	return true;
}

bool
net_xtoi(const char *s, size_t n, int *num, int *i)
{
	int    v;
	size_t j;

	v = 0;
	for (j = 0; j < n; j++) {
		if ('0' <= s[j] && s[j] <= '9') {
			v *= 16;
			v += s[j] - '0';
		} else if ('a' <= s[j] && s[j] <= 'f') {
			v *= 16;
			v += s[j] - 'a' + 10;
		} else if ('A' <= s[j] && s[j] <= 'F') {
			v *= 16;
			v += s[j] - 'A' + 10;
		} else
			break;
		if (v >= net_big) {
			*num = 0;
			*i = (int)j;
			return false;
		}
	}
	*i = (int)j;
	if (j == 0) {
		*num = 0;
		return false;
	}
	*num = v;
	return true;
}

bool
net_xtoi2(const char *s, size_t n, char e, uint8_t *b)
{
	int  v, ei;
	bool ok;

	if (n > 2 && s[2] != e) {
		*b = 0;
		return false;
	}
	/* Go slices s[:2], which panics on shorter input; callers check. */
	ok = net_xtoi(s, n < 2 ? n : 2, &v, &ei);
	*b = (uint8_t)v;
	return ok && ei == 2;
}

char *
net_appendHex(char *dst, uint32_t i)
{
	uint32_t v;
	int	 j;

	if (i == 0) {
		*dst++ = '0';
		return dst;
	}
	for (j = 7; j >= 0; j--) {
		v = i >> (unsigned)(j * 4);
		if (v > 0)
			*dst++ = net_hexDigit[v & 0xf];
	}
	return dst;
}

int
net_count(const char *s, size_t n, char b)
{
	int    c;
	size_t i;

	c = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == b)
			c++;
	}
	return c;
}

bool
net_hasUpperCase(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ('A' <= s[i] && s[i] <= 'Z')
			return true;
	}
	return false;
}

void
net_lowerASCIIBytes(char *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ('A' <= x[i] && x[i] <= 'Z')
			x[i] += 'a' - 'A';
	}
}

char
net_lowerASCII(char b)
{
	if ('A' <= b && b <= 'Z')
		return b + ('a' - 'A');
	return b;
}

net_string
net_trimSpace(const char *x, size_t n)
{
	while (n > 0 && net_isSpace(x[0])) {
		x++;
		n--;
	}
	while (n > 0 && net_isSpace(x[n - 1]))
		n--;
	return (net_string){ x, n };
}

bool
net_isSpace(char b)
{
	return b == ' ' || b == '\t' || b == '\n' || b == '\r';
}

net_string
net_removeComment(const char *line, size_t n)
{
	const char *p;

	p = memchr(line, '#', n);
	if (p != NULL)
		return (net_string){ line, (size_t)(p - line) };
	return (net_string){ line, n };
}

runtime_error *
net_foreachLine(const char *x, size_t				       n,
    runtime_error *(*fn)(const char *line, size_t n, void *arg), void *arg)
{
	const char    *nl;
	size_t	       ln;
	runtime_error *err;

	while (n > 0) {
		nl = memchr(x, '\n', n);
		if (nl == NULL)
			return fn(x, n, arg);
		ln = (size_t)(nl - x) + 1;
		err = fn(x, ln, arg);
		if (err != NULL)
			return err;
		x += ln;
		n -= ln;
	}
	return NULL;
}

runtime_error *
net_foreachField(const char *x, size_t					n,
    runtime_error *(*fn)(const char *field, size_t n, void *arg), void *arg)
{
	net_string     t, field;
	const char    *sp;
	runtime_error *err;

	t = net_trimSpace(x, n);
	while (t.n > 0) {
		sp = memchr(t.p, ' ', t.n);
		if (sp == NULL)
			return fn(t.p, t.n, arg);
		field = net_trimSpace(t.p, (size_t)(sp - t.p));
		if (field.n > 0) {
			err = fn(field.p, field.n, arg);
			if (err != NULL)
				return err;
		}
		t = net_trimSpace(sp + 1, t.n - (size_t)(sp - t.p) - 1);
	}
	return NULL;
}

bool
net_stringsHasSuffix(const char *s, size_t n, const char *suffix)
{
	size_t sn;

	sn = strlen(suffix);
	return n >= sn && memcmp(s + n - sn, suffix, sn) == 0;
}

bool
net_stringsHasSuffixFold(const char *s, size_t n, const char *suffix)
{
	size_t sn;

	sn = strlen(suffix);
	return n >= sn && net_stringsEqualFold(s + n - sn, sn, suffix, sn);
}

bool
net_stringsHasPrefix(const char *s, size_t n, const char *prefix)
{
	size_t pn;

	pn = strlen(prefix);
	return n >= pn && memcmp(s, prefix, pn) == 0;
}

bool
net_stringsEqualFold(const char *s, size_t sn, const char *t, size_t tn)
{
	size_t i;

	if (sn != tn)
		return false;
	for (i = 0; i < sn; i++) {
		if (net_lowerASCII(s[i]) != net_lowerASCII(t[i]))
			return false;
	}
	return true;
}

runtime_error *
net_readFull(int fd, char **all, size_t *n)
{
	char	buf[1024];
	ssize_t r;
	int	e;

	*all = NULL;
	*n = 0;
	for (;;) {
		r = sysread(fd, buf, sizeof(buf), &e);
		if (r < 0 && e == EINTR)
			continue;
		if (r < 0) {
			free(*all);
			*all = NULL;
			*n = 0;
			return syscall_Errno_Err((syscall_Errno)e);
		}
		if (r == 0)
			return NULL;
		*all = runtime_realloc(*all, *n + (size_t)r);
		memcpy(*all + *n, buf, (size_t)r);
		*n += (size_t)r;
	}
}
