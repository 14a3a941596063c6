/*
 * C port of go1.19 src/vendor/golang.org/x/net/dns/dnsmessage/message.go
 * (x/net d99f623d45a4).
 *
 * Go's []byte results become a dnsmessage_bytes that grows with realloc;
 * its map[string]int compression table becomes a small open-addressing
 * hash table; the ResourceBody interface is a method table.
 */
#include <stdlib.h>
#include <string.h>

#include "dnsmessage/dnsmessage_impl.h"
#include "runtime/linkname.h"

enum {
	packStartingCap = 512,
	uint16Len = 2,
	uint32Len = 4,
	headerLen = 6 * uint16Len,
	nameLen = 255,
};

enum {
	headerBitQR = 1 << 15,
	headerBitAA = 1 << 10,
	headerBitTC = 1 << 9,
	headerBitRD = 1 << 8,
	headerBitRA = 1 << 7,
};

typedef dnsmessage_header header;

/* Errors. */

#define DNSERR(name, text)                                                     \
	static errors_errorString name##Value = ERRORS_NEW_STATIC(text);       \
	runtime_error *const	  dnsmessage_##name = &name##Value.err

DNSERR(ErrNotStarted, "parsing/packing of this type isn't available yet");
DNSERR(ErrSectionDone, "parsing/packing of this section has completed");
DNSERR(errBaseLen, "insufficient data for base length type");
DNSERR(errCalcLen, "insufficient data for calculated length type");
DNSERR(errReserved, "segment prefix is reserved");
DNSERR(errTooManyPtr, "too many pointers (>10)");
DNSERR(errInvalidPtr, "invalid pointer");
DNSERR(errNilResouceBody, "nil resource body");
DNSERR(errResourceLen, "insufficient data for resource body length");
DNSERR(errSegTooLong, "segment length too long");
DNSERR(errZeroSegLen, "zero length segment");
DNSERR(errResTooLong, "resource length too long");
DNSERR(errTooManyQuestions, "too many Questions to pack (>65535)");
DNSERR(errTooManyAnswers, "too many Answers to pack (>65535)");
DNSERR(errTooManyAuthorities, "too many Authorities to pack (>65535)");
DNSERR(errTooManyAdditionals, "too many Additionals to pack (>65535)");
DNSERR(errNonCanonicalName,
    "name is not in canonical format (it must end with a .)");
DNSERR(errStringTooLong, "character string exceeds maximum length (255)");
DNSERR(errCompressedSRV, "compressed name in SRV resource data");

/* Short local names, as Go spells them. */
#define ErrNotStarted	      dnsmessage_ErrNotStarted
#define ErrSectionDone	      dnsmessage_ErrSectionDone
#define errBaseLen	      dnsmessage_errBaseLen
#define errCalcLen	      dnsmessage_errCalcLen
#define errReserved	      dnsmessage_errReserved
#define errTooManyPtr	      dnsmessage_errTooManyPtr
#define errInvalidPtr	      dnsmessage_errInvalidPtr
#define errNilResouceBody     dnsmessage_errNilResouceBody
#define errResourceLen	      dnsmessage_errResourceLen
#define errSegTooLong	      dnsmessage_errSegTooLong
#define errZeroSegLen	      dnsmessage_errZeroSegLen
#define errResTooLong	      dnsmessage_errResTooLong
#define errTooManyQuestions   dnsmessage_errTooManyQuestions
#define errTooManyAnswers     dnsmessage_errTooManyAnswers
#define errTooManyAuthorities dnsmessage_errTooManyAuthorities
#define errTooManyAdditionals dnsmessage_errTooManyAdditionals
#define errNonCanonicalName   dnsmessage_errNonCanonicalName
#define errStringTooLong      dnsmessage_errStringTooLong
#define errCompressedSRV      dnsmessage_errCompressedSRV

/*
 * nestedError prefixes the error of a part with the part's name.  It owns
 * both its label and the error it wraps.  Go's type has no Unwrap, so
 * errors_Is does not see through it either.
 */
typedef dnsmessage_nestedError nestedError;

static char *
nestedError_Error(const runtime_error *err)
{
	const nestedError *e = (const nestedError *)err;

	return runtime_concatstrings(
	    e->s, ": ", runtime_error_Error(e->err), (char *)NULL);
}

static void
nestedError_release(runtime_error *err)
{
	nestedError *e = (nestedError *)err;

	free(e->s);
	runtime_error_Free(e->err);
}

const runtime_errorType dnsmessage_nestedErrorType = {
	.name = "*dnsmessage.nestedError",
	.Error = nestedError_Error,
	.release = nestedError_release,
};

/* newNestedError takes s, a malloc'd label, and err. */
static runtime_error *
newNestedError(char *s, runtime_error *err)
{
	nestedError *e;

	e = (nestedError *)runtime_newError(
	    &dnsmessage_nestedErrorType, sizeof(*e));
	e->s = s;
	e->err = err;
	return &e->e;
}

static runtime_error *
nested(const char *s, runtime_error *err)
{
	return newNestedError(runtime_strdup(s), err);
}

/*
 * Text building for the String and GoString methods: Go concatenates
 * strings; here one buffer grows.
 */
typedef struct strbuf {
	char  *p;
	size_t n, cap;
} strbuf;

static void
sb_addn(strbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = 2 * (b->n + n + 1) + 32;
		b->p = runtime_realloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
sb_add(strbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

/* sb_take hands over the text, "" for an empty buffer. */
static char *
sb_take(strbuf *b)
{
	if (b->p == NULL)
		return runtime_strdup("");
	return b->p;
}

/* Type, Class, OpCode, RCode names. */

struct name16 {
	uint16_t    v;
	const char *name;
};

static const struct name16 typeNames[] = {
	{ dnsmessage_TypeA, "TypeA" },
	{ dnsmessage_TypeNS, "TypeNS" },
	{ dnsmessage_TypeCNAME, "TypeCNAME" },
	{ dnsmessage_TypeSOA, "TypeSOA" },
	{ dnsmessage_TypePTR, "TypePTR" },
	{ dnsmessage_TypeMX, "TypeMX" },
	{ dnsmessage_TypeTXT, "TypeTXT" },
	{ dnsmessage_TypeAAAA, "TypeAAAA" },
	{ dnsmessage_TypeSRV, "TypeSRV" },
	{ dnsmessage_TypeOPT, "TypeOPT" },
	{ dnsmessage_TypeWKS, "TypeWKS" },
	{ dnsmessage_TypeHINFO, "TypeHINFO" },
	{ dnsmessage_TypeMINFO, "TypeMINFO" },
	{ dnsmessage_TypeAXFR, "TypeAXFR" },
	{ dnsmessage_TypeALL, "TypeALL" },
	{ 0, NULL },
};

static const struct name16 classNames[] = {
	{ dnsmessage_ClassINET, "ClassINET" },
	{ dnsmessage_ClassCSNET, "ClassCSNET" },
	{ dnsmessage_ClassCHAOS, "ClassCHAOS" },
	{ dnsmessage_ClassHESIOD, "ClassHESIOD" },
	{ dnsmessage_ClassANY, "ClassANY" },
	{ 0, NULL },
};

static const struct name16 rCodeNames[] = {
	{ dnsmessage_RCodeSuccess, "RCodeSuccess" },
	{ dnsmessage_RCodeFormatError, "RCodeFormatError" },
	{ dnsmessage_RCodeServerFailure, "RCodeServerFailure" },
	{ dnsmessage_RCodeNameError, "RCodeNameError" },
	{ dnsmessage_RCodeNotImplemented, "RCodeNotImplemented" },
	{ dnsmessage_RCodeRefused, "RCodeRefused" },
	{ 0, NULL },
};

static const char *
lookupName16(const struct name16 *t, uint16_t v)
{
	for (; t->name != NULL; t++)
		if (t->v == v)
			return t->name;
	return NULL;
}

/* name16String is Go's String (goPrefix false) and GoString (true). */
static char *
name16String(const struct name16 *t, uint16_t v, bool goPrefix)
{
	const char *n;

	n = lookupName16(t, v);
	if (n == NULL)
		return dnsmessage_printUint16(v);
	if (goPrefix)
		return runtime_concatstrings("dnsmessage.", n, (char *)NULL);
	return runtime_strdup(n);
}

char *
dnsmessage_Type_String(dnsmessage_Type t)
{
	return name16String(typeNames, t, false);
}

char *
dnsmessage_Type_GoString(dnsmessage_Type t)
{
	return name16String(typeNames, t, true);
}

char *
dnsmessage_Class_String(dnsmessage_Class c)
{
	return name16String(classNames, c, false);
}

char *
dnsmessage_Class_GoString(dnsmessage_Class c)
{
	return name16String(classNames, c, true);
}

char *
dnsmessage_OpCode_GoString(dnsmessage_OpCode o)
{
	return dnsmessage_printUint16(o);
}

char *
dnsmessage_RCode_String(dnsmessage_RCode r)
{
	return name16String(rCodeNames, r, false);
}

char *
dnsmessage_RCode_GoString(dnsmessage_RCode r)
{
	return name16String(rCodeNames, r, true);
}

/* sb_addFree appends s, a malloc'd string, and frees it. */
static void
sb_addFree(strbuf *b, char *s)
{
	sb_add(b, s);
	free(s);
}

char *
dnsmessage_printPaddedUint8(uint8_t i)
{
	char buf[4] = { i / 100 + '0', i / 10 % 10 + '0', i % 10 + '0', 0 };

	return runtime_strdup(buf);
}

static void
printUint8Bytes(strbuf *buf, uint8_t i)
{
	char d;

	if (i >= 100) {
		d = i / 100 + '0';
		sb_addn(buf, &d, 1);
	}
	if (i >= 10) {
		d = i / 10 % 10 + '0';
		sb_addn(buf, &d, 1);
	}
	d = i % 10 + '0';
	sb_addn(buf, &d, 1);
}

char *
dnsmessage_printUint8Bytes(uint8_t i)
{
	strbuf buf = { 0 };

	printUint8Bytes(&buf, i);
	return sb_take(&buf);
}

static void
printByteSlice(strbuf *buf, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_add(buf, ", ");
		printUint8Bytes(buf, b[i]);
	}
}

static const char hexDigits[] = "0123456789abcdef";

/* printString escapes every byte outside [.- A-Za-z0-9] as \xHH. */
static void
printString(strbuf *buf, const uint8_t *str, size_t n)
{
	size_t	i;
	uint8_t c;
	char	esc[4] = { '\\', 'x', 0, 0 };

	for (i = 0; i < n; i++) {
		c = str[i];
		if (c == '.' || c == '-' || c == ' ' ||
		    ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') ||
		    ('0' <= c && c <= '9')) {
			sb_addn(buf, (const char *)&c, 1);
			continue;
		}
		esc[2] = hexDigits[c >> 4];
		esc[3] = hexDigits[c & 0xF];
		sb_addn(buf, esc, 4);
	}
}

char *
dnsmessage_printUint16(uint16_t i)
{
	return dnsmessage_printUint32(i);
}

char *
dnsmessage_printUint32(uint32_t i)
{
	return runtime_sprintf("%u", (unsigned)i);
}

static const char *
printBool(bool b)
{
	return b ? "true" : "false";
}

/* The growing message buffer: Go's append. */

/* bytes_reserve makes room for n more bytes, moving a caller's buffer. */
static void
bytes_reserve(dnsmessage_bytes *m, size_t n)
{
	uint8_t *p;

	if (m->len + n <= m->cap)
		return;
	m->cap = 2 * m->cap + n;
	if (m->cap < packStartingCap)
		m->cap = packStartingCap;
	if (m->owned) {
		m->p = runtime_realloc(m->p, m->cap);
		return;
	}
	p = runtime_malloc(m->cap);
	if (m->len > 0)
		memcpy(p, m->p, m->len);
	m->p = p;
	m->owned = true;
}

static void
packBytes(dnsmessage_bytes *msg, const uint8_t *field, size_t n)
{
	if (n == 0)
		return;
	bytes_reserve(msg, n);
	memcpy(msg->p + msg->len, field, n);
	msg->len += n;
}

static void
packByte(dnsmessage_bytes *msg, uint8_t c)
{
	packBytes(msg, &c, 1);
}

static void
packUint16(dnsmessage_bytes *msg, uint16_t field)
{
	uint8_t b[2] = { field >> 8, field };

	packBytes(msg, b, 2);
}

static void
packUint32(dnsmessage_bytes *msg, uint32_t field)
{
	uint8_t b[4] = { field >> 24, field >> 16, field >> 8, field };

	packBytes(msg, b, 4);
}

static runtime_error *
unpackUint16(const uint8_t *msg, size_t len, size_t *off, uint16_t *v)
{
	if (*off + uint16Len > len)
		return errBaseLen;
	*v = (uint16_t)(msg[*off] << 8 | msg[*off + 1]);
	*off += uint16Len;
	return NULL;
}

static runtime_error *
skipUint16(size_t len, size_t *off)
{
	if (*off + uint16Len > len)
		return errBaseLen;
	*off += uint16Len;
	return NULL;
}

static runtime_error *
unpackUint32(const uint8_t *msg, size_t len, size_t *off, uint32_t *v)
{
	const uint8_t *b;

	if (*off + uint32Len > len)
		return errBaseLen;
	b = msg + *off;
	*v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
	    b[3];
	*off += uint32Len;
	return NULL;
}

static runtime_error *
skipUint32(size_t len, size_t *off)
{
	if (*off + uint32Len > len)
		return errBaseLen;
	*off += uint32Len;
	return NULL;
}

static runtime_error *
packText(dnsmessage_bytes *msg, dnsmessage_String field)
{
	if (field.n > 255)
		return errStringTooLong;
	packByte(msg, (uint8_t)field.n);
	packBytes(msg, (const uint8_t *)field.p, field.n);
	return NULL;
}

/* unpackText sets *t to the text inside msg, borrowed. */
static runtime_error *
unpackText(const uint8_t *msg, size_t len, size_t *off, dnsmessage_String *t)
{
	size_t beginOff, endOff;

	if (*off >= len)
		return errBaseLen;
	beginOff = *off + 1;
	endOff = beginOff + msg[*off];
	if (endOff > len)
		return errCalcLen;
	t->p = (const char *)msg + beginOff;
	t->n = endOff - beginOff;
	*off = endOff;
	return NULL;
}

static runtime_error *
unpackBytes(
    const uint8_t *msg, size_t len, size_t *off, uint8_t *field, size_t n)
{
	if (*off + n > len)
		return errBaseLen;
	if (n > 0)
		memcpy(field, msg + *off, n);
	*off += n;
	return NULL;
}

/* The header. */

static void
Header_pack(const dnsmessage_Header *m, uint16_t *id, uint16_t *bits)
{
	*id = m->ID;
	*bits = (uint16_t)(m->OpCode << 11 | m->RCode);
	if (m->RecursionAvailable)
		*bits |= headerBitRA;
	if (m->RecursionDesired)
		*bits |= headerBitRD;
	if (m->Truncated)
		*bits |= headerBitTC;
	if (m->Authoritative)
		*bits |= headerBitAA;
	if (m->Response)
		*bits |= headerBitQR;
}

static void
Header_goString(strbuf *b, const dnsmessage_Header *m)
{
	sb_add(b, "dnsmessage.Header{ID: ");
	sb_addFree(b, dnsmessage_printUint16(m->ID));
	sb_add(b, ", Response: ");
	sb_add(b, printBool(m->Response));
	sb_add(b, ", OpCode: ");
	sb_addFree(b, dnsmessage_OpCode_GoString(m->OpCode));
	sb_add(b, ", Authoritative: ");
	sb_add(b, printBool(m->Authoritative));
	sb_add(b, ", Truncated: ");
	sb_add(b, printBool(m->Truncated));
	sb_add(b, ", RecursionDesired: ");
	sb_add(b, printBool(m->RecursionDesired));
	sb_add(b, ", RecursionAvailable: ");
	sb_add(b, printBool(m->RecursionAvailable));
	sb_add(b, ", RCode: ");
	sb_addFree(b, dnsmessage_RCode_GoString(m->RCode));
	sb_add(b, "}");
}

char *
dnsmessage_Header_GoString(const dnsmessage_Header *m)
{
	strbuf b = { 0 };

	Header_goString(&b, m);
	return sb_take(&b);
}

static const char *const sectionNames[] = {
	[dnsmessage_sectionHeader] = "header",
	[dnsmessage_sectionQuestions] = "Question",
	[dnsmessage_sectionAnswers] = "Answer",
	[dnsmessage_sectionAuthorities] = "Authority",
	[dnsmessage_sectionAdditionals] = "Additional",
};

static uint16_t
header_count(const header *h, int sec)
{
	switch (sec) {
	case dnsmessage_sectionQuestions:
		return h->questions;
	case dnsmessage_sectionAnswers:
		return h->answers;
	case dnsmessage_sectionAuthorities:
		return h->authorities;
	case dnsmessage_sectionAdditionals:
		return h->additionals;
	}
	return 0;
}

/* header_pack writes the wire header at p, which has headerLen bytes. */
static void
header_pack(const header *h, uint8_t *p)
{
	dnsmessage_bytes msg = { p, 0, headerLen, false };

	packUint16(&msg, h->id);
	packUint16(&msg, h->bits);
	packUint16(&msg, h->questions);
	packUint16(&msg, h->answers);
	packUint16(&msg, h->authorities);
	packUint16(&msg, h->additionals);
}

runtime_error *
dnsmessage_header_unpack(header *h, const uint8_t *msg, size_t len, size_t *off)
{
	static const char *const names[] = { "id", "bits", "questions",
		"answers", "authorities", "additionals" };
	uint16_t *fields[] = { &h->id, &h->bits, &h->questions, &h->answers,
		&h->authorities, &h->additionals };
	size_t	  newOff = *off;
	runtime_error *err;
	int	       i;

	for (i = 0; i < 6; i++)
		if ((err = unpackUint16(msg, len, &newOff, fields[i])) != NULL)
			return nested(names[i], err);
	*off = newOff;
	return NULL;
}

static dnsmessage_Header
header_header(const header *h)
{
	dnsmessage_Header m = {
		.ID = h->id,
		.Response = (h->bits & headerBitQR) != 0,
		.OpCode = (h->bits >> 11) & 0xF,
		.Authoritative = (h->bits & headerBitAA) != 0,
		.Truncated = (h->bits & headerBitTC) != 0,
		.RecursionDesired = (h->bits & headerBitRD) != 0,
		.RecursionAvailable = (h->bits & headerBitRA) != 0,
		.RCode = h->bits & 0xF,
	};

	return m;
}

/*
 * The compression table.  Go's keys are string(n.Data[i:]): the rest of
 * the 255-byte array from a label's start, bytes past Length included, so
 * a key here is that whole tail too.
 */
struct centry {
	uint8_t *key; /* NULL: empty slot */
	size_t	 klen;
	uint32_t hash;
	int	 off;
};

struct dnsmessage_compression {
	struct centry *e;
	size_t	       n, cap; /* cap is a power of two */
};

dnsmessage_compression *
dnsmessage_newCompression(void)
{
	dnsmessage_compression *c;

	c = runtime_malloc(sizeof(*c));
	c->cap = 16;
	c->e = runtime_malloc(c->cap * sizeof(c->e[0]));
	return c;
}

void
dnsmessage_compression_free(dnsmessage_compression *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		free(c->e[i].key);
	free(c->e);
	free(c);
}

static uint32_t
compression_hash(const uint8_t *key, size_t klen)
{
	uint32_t h = 2166136261u;
	size_t	 i;

	for (i = 0; i < klen; i++)
		h = (h ^ key[i]) * 16777619u;
	return h;
}

static struct centry *
compression_slot(
    struct centry *e, size_t cap, const uint8_t *key, size_t klen, uint32_t h)
{
	size_t i;

	for (i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
		if (e[i].key == NULL)
			return &e[i];
		if (e[i].hash == h && e[i].klen == klen &&
		    memcmp(e[i].key, key, klen) == 0)
			return &e[i];
	}
}

static bool
compression_get(
    dnsmessage_compression *c, const uint8_t *key, size_t klen, int *off)
{
	struct centry *s;

	s = compression_slot(
	    c->e, c->cap, key, klen, compression_hash(key, klen));
	if (s->key == NULL)
		return false;
	*off = s->off;
	return true;
}

static void
compression_grow(dnsmessage_compression *c)
{
	struct centry *e, *s;
	size_t	       i, cap;

	cap = 2 * c->cap;
	e = runtime_malloc(cap * sizeof(e[0]));
	for (i = 0; i < c->cap; i++) {
		if (c->e[i].key == NULL)
			continue;
		s = compression_slot(
		    e, cap, c->e[i].key, c->e[i].klen, c->e[i].hash);
		*s = c->e[i];
	}
	free(c->e);
	c->e = e;
	c->cap = cap;
}

/* compression_set adds key, which is not yet in c. */
static void
compression_set(
    dnsmessage_compression *c, const uint8_t *key, size_t klen, int off)
{
	struct centry *s;
	uint32_t       h;

	if (2 * (c->n + 1) > c->cap)
		compression_grow(c);
	h = compression_hash(key, klen);
	s = compression_slot(c->e, c->cap, key, klen, h);
	s->key = runtime_malloc(klen);
	memcpy(s->key, key, klen);
	s->klen = klen;
	s->hash = h;
	s->off = off;
	c->n++;
}

/* Name. */

runtime_error *
dnsmessage_NewName(const char *name, dnsmessage_Name *n)
{
	size_t l;

	memset(n, 0, sizeof(*n));
	l = strlen(name);
	if (l > nameLen)
		return errCalcLen;
	n->Length = (uint8_t)l;
	memcpy(n->Data, name, l);
	return NULL;
}

dnsmessage_Name
dnsmessage_MustNewName(const char *name)
{
	dnsmessage_Name n;
	runtime_error  *err;
	char	       *msg;

	if ((err = dnsmessage_NewName(name, &n)) != NULL) {
		msg = runtime_concatstrings(
		    "creating name: ", runtime_error_Error(err), (char *)NULL);
		runtime_throw(msg);
	}
	return n;
}

char *
dnsmessage_Name_String(const dnsmessage_Name *n)
{
	return runtime_strndup((const char *)n->Data, n->Length);
}

static void
Name_goString(strbuf *b, const dnsmessage_Name *n)
{
	sb_add(b, "dnsmessage.MustNewName(\"");
	printString(b, n->Data, n->Length);
	sb_add(b, "\")");
}

char *
dnsmessage_Name_GoString(const dnsmessage_Name *n)
{
	strbuf b = { 0 };

	Name_goString(&b, n);
	return sb_take(&b);
}

/*
 * dnsmessage_Name_pack writes n as counted labels, or, with a compression
 * table, a pointer to an earlier copy of its longest known suffix.
 */
runtime_error *
dnsmessage_Name_pack(const dnsmessage_Name *n, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	size_t oldLen = msg->len;
	int    i, begin, ptr;

	if (n->Length == 0 || n->Data[n->Length - 1] != '.')
		return errNonCanonicalName;
	if (n->Data[0] == '.' && n->Length == 1) {
		packByte(msg, 0);
		return NULL;
	}
	for (i = 0, begin = 0; i < n->Length; i++) {
		if (n->Data[i] == '.') {
			/* The top two bits of a length mark pointers. */
			if (i - begin >= 1 << 6) {
				msg->len = oldLen;
				return errSegTooLong;
			}
			if (i - begin == 0) {
				msg->len = oldLen;
				return errZeroSegLen;
			}
			packByte(msg, (uint8_t)(i - begin));
			packBytes(msg, n->Data + begin, i - begin);
			begin = i + 1;
			continue;
		}
		if ((i == 0 || n->Data[i - 1] == '.') && compression != NULL) {
			if (compression_get(
				compression, n->Data + i, nameLen - i, &ptr)) {
				packByte(msg, (uint8_t)(ptr >> 8 | 0xC0));
				packByte(msg, (uint8_t)ptr);
				return NULL;
			}
			/* A pointer has 14 bits for the offset. */
			if (msg->len <= 0xFFFF >> 2)
				compression_set(compression, n->Data + i,
				    nameLen - i,
				    (int)(msg->len - compressionOff));
		}
	}
	packByte(msg, 0);
	return NULL;
}

runtime_error *
dnsmessage_Name_unpack(
    dnsmessage_Name *n, const uint8_t *msg, size_t len, size_t *off)
{
	return dnsmessage_Name_unpackCompressed(n, msg, len, off, true);
}

/*
 * name_append adds s to the name being built.  Go appends to n.Data[:0]
 * and checks the length only at the end; the count goes on past the array
 * here too, but the bytes beyond it are dropped.
 */
static void
name_append(dnsmessage_Name *n, size_t *nlen, const uint8_t *s, size_t k)
{
	size_t room;

	room = *nlen < nameLen ? nameLen - *nlen : 0;
	/* Past the array even a zero-length copy's address is out of it. */
	if (room > 0)
		memcpy(n->Data + *nlen, s, k < room ? k : room);
	*nlen += k;
}

runtime_error *
dnsmessage_Name_unpackCompressed(dnsmessage_Name *n, const uint8_t *msg,
    size_t len, size_t *off, bool allowCompression)
{
	size_t	currOff = *off, newOff = *off, endOff, nlen = 0;
	int	ptr = 0, c;
	uint8_t c1;

	for (;;) {
		if (currOff >= len)
			return errBaseLen;
		c = msg[currOff++];
		switch (c & 0xC0) {
		case 0x00:
			if (c == 0x00)
				goto done;
			endOff = currOff + c;
			if (endOff > len)
				return errCalcLen;
			name_append(n, &nlen, msg + currOff, c);
			name_append(n, &nlen, (const uint8_t *)".", 1);
			currOff = endOff;
			break;
		case 0xC0:
			if (!allowCompression)
				return errCompressedSRV;
			if (currOff >= len)
				return errInvalidPtr;
			c1 = msg[currOff++];
			if (ptr == 0)
				newOff = currOff;
			/* Pointer loops end here. */
			if (++ptr > 10)
				return errTooManyPtr;
			currOff = (size_t)((c ^ 0xC0) << 8 | c1);
			break;
		default:
			/* 0x40 and 0x80 are reserved prefixes. */
			return errReserved;
		}
	}
done:
	if (nlen == 0)
		name_append(n, &nlen, (const uint8_t *)".", 1);
	if (nlen > nameLen)
		return errCalcLen;
	n->Length = (uint8_t)nlen;
	if (ptr == 0)
		newOff = currOff;
	*off = newOff;
	return NULL;
}

static runtime_error *
skipName(const uint8_t *msg, size_t len, size_t *off)
{
	size_t newOff = *off;
	int    c;

	for (;;) {
		if (newOff >= len)
			return errBaseLen;
		c = msg[newOff++];
		switch (c & 0xC0) {
		case 0x00:
			if (c == 0x00)
				goto done;
			newOff += c;
			if (newOff > len)
				return errCalcLen;
			break;
		case 0xC0:
			/* A pointer is two bytes and ends the name here. */
			newOff++;
			goto done;
		default:
			return errReserved;
		}
	}
done:
	*off = newOff;
	return NULL;
}

/* Question. */

runtime_error *
dnsmessage_Question_pack(const dnsmessage_Question *q, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	runtime_error *err;

	err = dnsmessage_Name_pack(&q->Name, msg, compression, compressionOff);
	if (err != NULL)
		return nested("Name", err);
	packUint16(msg, q->Type);
	packUint16(msg, q->Class);
	return NULL;
}

static void
Question_goString(strbuf *b, const dnsmessage_Question *q)
{
	sb_add(b, "dnsmessage.Question{Name: ");
	Name_goString(b, &q->Name);
	sb_add(b, ", Type: ");
	sb_addFree(b, dnsmessage_Type_GoString(q->Type));
	sb_add(b, ", Class: ");
	sb_addFree(b, dnsmessage_Class_GoString(q->Class));
	sb_add(b, "}");
}

char *
dnsmessage_Question_GoString(const dnsmessage_Question *q)
{
	strbuf b = { 0 };

	Question_goString(&b, q);
	return sb_take(&b);
}

/* ResourceHeader. */

static void
ResourceHeader_goString(strbuf *b, const dnsmessage_ResourceHeader *h)
{
	sb_add(b, "dnsmessage.ResourceHeader{Name: ");
	Name_goString(b, &h->Name);
	sb_add(b, ", Type: ");
	sb_addFree(b, dnsmessage_Type_GoString(h->Type));
	sb_add(b, ", Class: ");
	sb_addFree(b, dnsmessage_Class_GoString(h->Class));
	sb_add(b, ", TTL: ");
	sb_addFree(b, dnsmessage_printUint32(h->TTL));
	sb_add(b, ", Length: ");
	sb_addFree(b, dnsmessage_printUint16(h->Length));
	sb_add(b, "}");
}

char *
dnsmessage_ResourceHeader_GoString(const dnsmessage_ResourceHeader *h)
{
	strbuf b = { 0 };

	ResourceHeader_goString(&b, h);
	return sb_take(&b);
}

/* ResourceHeader_pack sets *lenOff to where the Length field went. */
runtime_error *
dnsmessage_ResourceHeader_pack(const dnsmessage_ResourceHeader *h,
    dnsmessage_bytes *msg, dnsmessage_compression *compression,
    size_t compressionOff, size_t *lenOff)
{
	runtime_error *err;

	err = dnsmessage_Name_pack(&h->Name, msg, compression, compressionOff);
	if (err != NULL)
		return nested("Name", err);
	packUint16(msg, h->Type);
	packUint16(msg, h->Class);
	packUint32(msg, h->TTL);
	*lenOff = msg->len;
	packUint16(msg, h->Length);
	return NULL;
}

runtime_error *
dnsmessage_ResourceHeader_unpack(
    dnsmessage_ResourceHeader *h, const uint8_t *msg, size_t len, size_t *off)
{
	size_t	       newOff = *off;
	runtime_error *err;

	if ((err = dnsmessage_Name_unpack(&h->Name, msg, len, &newOff)) != NULL)
		return nested("Name", err);
	if ((err = unpackUint16(msg, len, &newOff, &h->Type)) != NULL)
		return nested("Type", err);
	if ((err = unpackUint16(msg, len, &newOff, &h->Class)) != NULL)
		return nested("Class", err);
	if ((err = unpackUint32(msg, len, &newOff, &h->TTL)) != NULL)
		return nested("TTL", err);
	if ((err = unpackUint16(msg, len, &newOff, &h->Length)) != NULL)
		return nested("Length", err);
	*off = newOff;
	return NULL;
}

/* ResourceHeader_fixLen stores the body's length, now known. */
static runtime_error *
ResourceHeader_fixLen(dnsmessage_ResourceHeader *h, dnsmessage_bytes *msg,
    size_t lenOff, size_t preLen)
{
	size_t conLen = msg->len - preLen;

	if (conLen > 0xFFFF)
		return errResTooLong;
	msg->p[lenOff] = (uint8_t)(conLen >> 8);
	msg->p[lenOff + 1] = (uint8_t)conLen;
	h->Length = (uint16_t)conLen;
	return NULL;
}

enum {
	edns0Version = 0,
	edns0DNSSECOK = 0x00008000,
	ednsVersionMask = 0x00ff0000,
	edns0DNSSECOKMask = 0x00ff8000,
};

runtime_error *
dnsmessage_ResourceHeader_SetEDNS0(dnsmessage_ResourceHeader *h,
    int udpPayloadLen, dnsmessage_RCode extRCode, bool dnssecOK)
{
	/* RFC 6891 section 6.1.2: the owner is the root. */
	memset(&h->Name, 0, sizeof(h->Name));
	h->Name.Data[0] = '.';
	h->Name.Length = 1;
	h->Type = dnsmessage_TypeOPT;
	h->Class = (dnsmessage_Class)udpPayloadLen;
	h->TTL = (uint32_t)extRCode >> 4 << 24;
	if (dnssecOK)
		h->TTL |= edns0DNSSECOK;
	return NULL;
}

bool
dnsmessage_ResourceHeader_DNSSECAllowed(const dnsmessage_ResourceHeader *h)
{
	return (h->TTL & edns0DNSSECOKMask) == edns0DNSSECOK;
}

dnsmessage_RCode
dnsmessage_ResourceHeader_ExtendedRCode(
    const dnsmessage_ResourceHeader *h, dnsmessage_RCode rcode)
{
	if ((h->TTL & ednsVersionMask) == edns0Version)
		return (dnsmessage_RCode)(h->TTL >> 24 << 4) | rcode;
	return rcode;
}

runtime_error *
dnsmessage_skipResource(const uint8_t *msg, size_t len, size_t *off)
{
	size_t	       newOff = *off;
	uint16_t       length;
	runtime_error *err;

	if ((err = skipName(msg, len, &newOff)) != NULL)
		return nested("Name", err);
	if ((err = skipUint16(len, &newOff)) != NULL)
		return nested("Type", err);
	if ((err = skipUint16(len, &newOff)) != NULL)
		return nested("Class", err);
	if ((err = skipUint32(len, &newOff)) != NULL)
		return nested("TTL", err);
	if ((err = unpackUint16(msg, len, &newOff, &length)) != NULL)
		return nested("Length", err);
	if ((newOff += length) > len)
		return errResourceLen;
	*off = newOff;
	return NULL;
}

/* Resource bodies.  Each pack leaves msg's length as it was on error. */

static runtime_error *
unpackNameBody(const uint8_t *msg, size_t len, size_t off, dnsmessage_Name *n)
{
	return dnsmessage_Name_unpack(n, msg, len, &off);
}

static char *
nameBodyGoString(const char *type, const char *field, const dnsmessage_Name *n)
{
	strbuf b = { 0 };

	sb_add(&b, "dnsmessage.");
	sb_add(&b, type);
	sb_add(&b, "{");
	sb_add(&b, field);
	sb_add(&b, ": ");
	Name_goString(&b, n);
	sb_add(&b, "}");
	return sb_take(&b);
}

static runtime_error *
CNAMEResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_CNAMEResource *r = (const void *)body;

	return dnsmessage_Name_pack(
	    &r->CNAME, msg, compression, compressionOff);
}

static char *
CNAMEResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_CNAMEResource *r = (const void *)body;

	return nameBodyGoString("CNAMEResource", "CNAME", &r->CNAME);
}

static runtime_error *
unpackCNAMEResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_CNAMEResource *r = (void *)body;

	(void)hdr;
	return unpackNameBody(msg, len, off, &r->CNAME);
}

static runtime_error *
MXResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_MXResource *r = (const void *)body;
	size_t			     oldLen = msg->len;
	runtime_error		    *err;

	packUint16(msg, r->Pref);
	err = dnsmessage_Name_pack(&r->MX, msg, compression, compressionOff);
	if (err != NULL) {
		msg->len = oldLen;
		return nested("MXResource.MX", err);
	}
	return NULL;
}

static char *
MXResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_MXResource *r = (const void *)body;
	strbuf			     b = { 0 };

	sb_add(&b, "dnsmessage.MXResource{Pref: ");
	sb_addFree(&b, dnsmessage_printUint16(r->Pref));
	sb_add(&b, ", MX: ");
	Name_goString(&b, &r->MX);
	sb_add(&b, "}");
	return sb_take(&b);
}

static runtime_error *
unpackMXResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_MXResource *r = (void *)body;
	runtime_error	      *err;

	(void)hdr;
	if ((err = unpackUint16(msg, len, &off, &r->Pref)) != NULL)
		return nested("Pref", err);
	if ((err = unpackNameBody(msg, len, off, &r->MX)) != NULL)
		return nested("MX", err);
	return NULL;
}

static runtime_error *
NSResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_NSResource *r = (const void *)body;

	return dnsmessage_Name_pack(&r->NS, msg, compression, compressionOff);
}

static char *
NSResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_NSResource *r = (const void *)body;

	return nameBodyGoString("NSResource", "NS", &r->NS);
}

static runtime_error *
unpackNSResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_NSResource *r = (void *)body;

	(void)hdr;
	return unpackNameBody(msg, len, off, &r->NS);
}

static runtime_error *
PTRResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_PTRResource *r = (const void *)body;

	return dnsmessage_Name_pack(&r->PTR, msg, compression, compressionOff);
}

static char *
PTRResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_PTRResource *r = (const void *)body;

	return nameBodyGoString("PTRResource", "PTR", &r->PTR);
}

static runtime_error *
unpackPTRResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_PTRResource *r = (void *)body;

	(void)hdr;
	return unpackNameBody(msg, len, off, &r->PTR);
}

static runtime_error *
SOAResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_SOAResource *r = (const void *)body;
	size_t			      oldLen = msg->len;
	runtime_error		     *err;

	err = dnsmessage_Name_pack(&r->NS, msg, compression, compressionOff);
	if (err != NULL) {
		msg->len = oldLen;
		return nested("SOAResource.NS", err);
	}
	err = dnsmessage_Name_pack(&r->MBox, msg, compression, compressionOff);
	if (err != NULL) {
		msg->len = oldLen;
		return nested("SOAResource.MBox", err);
	}
	packUint32(msg, r->Serial);
	packUint32(msg, r->Refresh);
	packUint32(msg, r->Retry);
	packUint32(msg, r->Expire);
	packUint32(msg, r->MinTTL);
	return NULL;
}

static char *
SOAResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_SOAResource *r = (const void *)body;
	strbuf			      b = { 0 };

	sb_add(&b, "dnsmessage.SOAResource{NS: ");
	Name_goString(&b, &r->NS);
	sb_add(&b, ", MBox: ");
	Name_goString(&b, &r->MBox);
	sb_add(&b, ", Serial: ");
	sb_addFree(&b, dnsmessage_printUint32(r->Serial));
	sb_add(&b, ", Refresh: ");
	sb_addFree(&b, dnsmessage_printUint32(r->Refresh));
	sb_add(&b, ", Retry: ");
	sb_addFree(&b, dnsmessage_printUint32(r->Retry));
	sb_add(&b, ", Expire: ");
	sb_addFree(&b, dnsmessage_printUint32(r->Expire));
	sb_add(&b, ", MinTTL: ");
	sb_addFree(&b, dnsmessage_printUint32(r->MinTTL));
	sb_add(&b, "}");
	return sb_take(&b);
}

static runtime_error *
unpackSOAResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	static const char *const names[] = { "Serial", "Refresh", "Retry",
		"Expire", "MinTTL" };
	dnsmessage_SOAResource	*r = (void *)body;
	uint32_t *fields[] = { &r->Serial, &r->Refresh, &r->Retry, &r->Expire,
		&r->MinTTL };
	runtime_error *err;
	int	       i;

	(void)hdr;
	if ((err = dnsmessage_Name_unpack(&r->NS, msg, len, &off)) != NULL)
		return nested("NS", err);
	if ((err = dnsmessage_Name_unpack(&r->MBox, msg, len, &off)) != NULL)
		return nested("MBox", err);
	for (i = 0; i < 5; i++)
		if ((err = unpackUint32(msg, len, &off, fields[i])) != NULL)
			return nested(names[i], err);
	return NULL;
}

static runtime_error *
TXTResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_TXTResource *r = (const void *)body;
	size_t			      oldLen = msg->len, i;
	runtime_error		     *err;

	(void)compression;
	(void)compressionOff;
	for (i = 0; i < r->nTXT; i++) {
		if ((err = packText(msg, r->TXT[i])) != NULL) {
			msg->len = oldLen;
			return err;
		}
	}
	return NULL;
}

static char *
TXTResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_TXTResource *r = (const void *)body;
	strbuf			      b = { 0 };
	size_t			      i;

	sb_add(&b, "dnsmessage.TXTResource{TXT: []string{");
	if (r->nTXT == 0) {
		sb_add(&b, "}}");
		return sb_take(&b);
	}
	for (i = 0; i < r->nTXT; i++) {
		sb_add(&b, i == 0 ? "\"" : "\", \"");
		printString(&b, (const uint8_t *)r->TXT[i].p, r->TXT[i].n);
	}
	sb_add(&b, "\"}}");
	return sb_take(&b);
}

/*
 * unpackTXTResource reads the strings twice: once to check and count them
 * as Go does, once to copy them into one allocation.
 */
static runtime_error *
unpackTXTResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_TXTResource *r = (void *)body;
	dnsmessage_String	t;
	runtime_error	       *err;
	uint16_t		n, length = hdr->Length;
	size_t			count = 0, bytes = 0, o = off, i;
	char		       *p;

	for (n = 0; n < length;) {
		if ((err = unpackText(msg, len, &o, &t)) != NULL)
			return nested("text", err);
		/* The strings must fit in the record's length. */
		if ((size_t)(length - n) < t.n + 1)
			return errCalcLen;
		n += (uint16_t)(t.n + 1);
		count++;
		bytes += t.n;
	}
	if (count == 0)
		return NULL;
	r->TXT = runtime_malloc(count * sizeof(r->TXT[0]) + bytes);
	r->nTXT = count;
	p = (char *)(r->TXT + count);
	for (i = 0; i < count; i++) {
		unpackText(msg, len, &off, &t);
		memcpy(p, t.p, t.n);
		r->TXT[i].p = p;
		r->TXT[i].n = t.n;
		p += t.n;
	}
	return NULL;
}

static void
TXTResource_release(dnsmessage_ResourceBody *body)
{
	dnsmessage_TXTResource *r = (void *)body;

	free(r->TXT);
}

static runtime_error *
SRVResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_SRVResource *r = (const void *)body;
	size_t			      oldLen = msg->len;
	runtime_error		     *err;

	(void)compression;
	packUint16(msg, r->Priority);
	packUint16(msg, r->Weight);
	packUint16(msg, r->Port);
	/* RFC 2782: the target is never compressed. */
	err = dnsmessage_Name_pack(&r->Target, msg, NULL, compressionOff);
	if (err != NULL) {
		msg->len = oldLen;
		return nested("SRVResource.Target", err);
	}
	return NULL;
}

static char *
SRVResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_SRVResource *r = (const void *)body;
	strbuf			      b = { 0 };

	sb_add(&b, "dnsmessage.SRVResource{Priority: ");
	sb_addFree(&b, dnsmessage_printUint16(r->Priority));
	sb_add(&b, ", Weight: ");
	sb_addFree(&b, dnsmessage_printUint16(r->Weight));
	sb_add(&b, ", Port: ");
	sb_addFree(&b, dnsmessage_printUint16(r->Port));
	sb_add(&b, ", Target: ");
	Name_goString(&b, &r->Target);
	sb_add(&b, "}");
	return sb_take(&b);
}

static runtime_error *
unpackSRVResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	static const char *const names[] = { "Priority", "Weight", "Port" };
	dnsmessage_SRVResource	*r = (void *)body;
	uint16_t      *fields[] = { &r->Priority, &r->Weight, &r->Port };
	runtime_error *err;
	int	       i;

	(void)hdr;
	for (i = 0; i < 3; i++)
		if ((err = unpackUint16(msg, len, &off, fields[i])) != NULL)
			return nested(names[i], err);
	err =
	    dnsmessage_Name_unpackCompressed(&r->Target, msg, len, &off, false);
	if (err != NULL)
		return nested("Target", err);
	return NULL;
}

static runtime_error *
AResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_AResource *r = (const void *)body;

	(void)compression;
	(void)compressionOff;
	packBytes(msg, r->A, sizeof(r->A));
	return NULL;
}

static char *
AResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_AResource *r = (const void *)body;
	strbuf			    b = { 0 };

	sb_add(&b, "dnsmessage.AResource{A: [4]byte{");
	printByteSlice(&b, r->A, sizeof(r->A));
	sb_add(&b, "}}");
	return sb_take(&b);
}

static runtime_error *
unpackAResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_AResource *r = (void *)body;

	(void)hdr;
	return unpackBytes(msg, len, &off, r->A, sizeof(r->A));
}

static runtime_error *
AAAAResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_AAAAResource *r = (const void *)body;

	(void)compression;
	(void)compressionOff;
	packBytes(msg, r->AAAA, sizeof(r->AAAA));
	return NULL;
}

static char *
AAAAResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_AAAAResource *r = (const void *)body;
	strbuf			       b = { 0 };

	sb_add(&b, "dnsmessage.AAAAResource{AAAA: [16]byte{");
	printByteSlice(&b, r->AAAA, sizeof(r->AAAA));
	sb_add(&b, "}}");
	return sb_take(&b);
}

static runtime_error *
unpackAAAAResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_AAAAResource *r = (void *)body;

	(void)hdr;
	return unpackBytes(msg, len, &off, r->AAAA, sizeof(r->AAAA));
}

static void
Option_goString(strbuf *b, const dnsmessage_Option *o)
{
	sb_add(b, "dnsmessage.Option{Code: ");
	sb_addFree(b, dnsmessage_printUint16(o->Code));
	sb_add(b, ", Data: []byte{");
	printByteSlice(b, o->Data, o->nData);
	sb_add(b, "}}");
}

char *
dnsmessage_Option_GoString(const dnsmessage_Option *o)
{
	strbuf b = { 0 };

	Option_goString(&b, o);
	return sb_take(&b);
}

static runtime_error *
OPTResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_OPTResource *r = (const void *)body;
	size_t			      i;

	(void)compression;
	(void)compressionOff;
	for (i = 0; i < r->nOptions; i++) {
		packUint16(msg, r->Options[i].Code);
		packUint16(msg, (uint16_t)r->Options[i].nData);
		packBytes(msg, r->Options[i].Data, r->Options[i].nData);
	}
	return NULL;
}

static char *
OPTResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_OPTResource *r = (const void *)body;
	strbuf			      b = { 0 };
	size_t			      i;

	sb_add(&b, "dnsmessage.OPTResource{Options: []dnsmessage.Option{");
	for (i = 0; i < r->nOptions; i++) {
		if (i > 0)
			sb_add(&b, ", ");
		Option_goString(&b, &r->Options[i]);
	}
	sb_add(&b, "}}");
	return sb_take(&b);
}

/*
 * scanOption reads one option's code and length as Go does; the data may
 * run past the record's length, never past msg.
 */
static runtime_error *
scanOption(const uint8_t *msg, size_t len, size_t *off, dnsmessage_Option *o)
{
	uint16_t       l;
	runtime_error *err;

	if ((err = unpackUint16(msg, len, off, &o->Code)) != NULL)
		return nested("Code", err);
	if ((err = unpackUint16(msg, len, off, &l)) != NULL)
		return nested("Data", err);
	if (len - *off < l)
		return nested("Data", errCalcLen);
	o->Data = msg + *off;
	o->nData = l;
	*off += l;
	return NULL;
}

static runtime_error *
unpackOPTResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_OPTResource *r = (void *)body;
	dnsmessage_Option	o;
	runtime_error	       *err;
	size_t			oldOff = off, o2 = off, count = 0, bytes = 0, i;
	uint8_t		       *p;

	while (o2 < oldOff + hdr->Length) {
		if ((err = scanOption(msg, len, &o2, &o)) != NULL)
			return err;
		count++;
		bytes += o.nData;
	}
	if (count == 0)
		return NULL;
	r->Options = runtime_malloc(count * sizeof(r->Options[0]) + bytes);
	r->nOptions = count;
	p = (uint8_t *)(r->Options + count);
	for (i = 0; i < count; i++) {
		scanOption(msg, len, &off, &r->Options[i]);
		memcpy(p, r->Options[i].Data, r->Options[i].nData);
		r->Options[i].Data = p;
		p += r->Options[i].nData;
	}
	return NULL;
}

static void
OPTResource_release(dnsmessage_ResourceBody *body)
{
	dnsmessage_OPTResource *r = (void *)body;

	free(r->Options);
}

static runtime_error *
UnknownResource_pack(const dnsmessage_ResourceBody *body, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	const dnsmessage_UnknownResource *r = (const void *)body;

	(void)compression;
	(void)compressionOff;
	packBytes(msg, r->Data, r->nData);
	return NULL;
}

static char *
UnknownResource_GoString(const dnsmessage_ResourceBody *body)
{
	const dnsmessage_UnknownResource *r = (const void *)body;
	strbuf				  b = { 0 };

	sb_add(&b, "dnsmessage.UnknownResource{Type: ");
	sb_addFree(&b, dnsmessage_Type_GoString(r->Type));
	sb_add(&b, ", Data: []byte{");
	printByteSlice(&b, r->Data, r->nData);
	sb_add(&b, "}}");
	return sb_take(&b);
}

static runtime_error *
unpackUnknownResource(const uint8_t *msg, size_t len, size_t off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *body)
{
	dnsmessage_UnknownResource *r = (void *)body;
	runtime_error		   *err;

	r->Type = hdr->Type;
	r->Data = runtime_malloc(hdr->Length);
	r->nData = hdr->Length;
	err = unpackBytes(msg, len, &off, r->Data, hdr->Length);
	if (err != NULL) {
		free(r->Data);
		r->Data = NULL;
		r->nData = 0;
	}
	return err;
}

static void
UnknownResource_release(dnsmessage_ResourceBody *body)
{
	dnsmessage_UnknownResource *r = (void *)body;

	free(r->Data);
}

const dnsmessage_resourceBodyType dnsmessage_AResourceType = {
	.name = "A",
	.type = dnsmessage_TypeA,
	.size = sizeof(dnsmessage_AResource),
	.pack = AResource_pack,
	.unpack = unpackAResource,
	.GoString = AResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_NSResourceType = {
	.name = "NS",
	.type = dnsmessage_TypeNS,
	.size = sizeof(dnsmessage_NSResource),
	.pack = NSResource_pack,
	.unpack = unpackNSResource,
	.GoString = NSResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_CNAMEResourceType = {
	.name = "CNAME",
	.type = dnsmessage_TypeCNAME,
	.size = sizeof(dnsmessage_CNAMEResource),
	.pack = CNAMEResource_pack,
	.unpack = unpackCNAMEResource,
	.GoString = CNAMEResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_SOAResourceType = {
	.name = "SOA",
	.type = dnsmessage_TypeSOA,
	.size = sizeof(dnsmessage_SOAResource),
	.pack = SOAResource_pack,
	.unpack = unpackSOAResource,
	.GoString = SOAResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_PTRResourceType = {
	.name = "PTR",
	.type = dnsmessage_TypePTR,
	.size = sizeof(dnsmessage_PTRResource),
	.pack = PTRResource_pack,
	.unpack = unpackPTRResource,
	.GoString = PTRResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_MXResourceType = {
	.name = "MX",
	.type = dnsmessage_TypeMX,
	.size = sizeof(dnsmessage_MXResource),
	.pack = MXResource_pack,
	.unpack = unpackMXResource,
	.GoString = MXResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_TXTResourceType = {
	.name = "TXT",
	.type = dnsmessage_TypeTXT,
	.size = sizeof(dnsmessage_TXTResource),
	.pack = TXTResource_pack,
	.unpack = unpackTXTResource,
	.GoString = TXTResource_GoString,
	.release = TXTResource_release,
};

const dnsmessage_resourceBodyType dnsmessage_AAAAResourceType = {
	.name = "AAAA",
	.type = dnsmessage_TypeAAAA,
	.size = sizeof(dnsmessage_AAAAResource),
	.pack = AAAAResource_pack,
	.unpack = unpackAAAAResource,
	.GoString = AAAAResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_SRVResourceType = {
	.name = "SRV",
	.type = dnsmessage_TypeSRV,
	.size = sizeof(dnsmessage_SRVResource),
	.pack = SRVResource_pack,
	.unpack = unpackSRVResource,
	.GoString = SRVResource_GoString,
	.release = NULL,
};

const dnsmessage_resourceBodyType dnsmessage_OPTResourceType = {
	.name = "OPT",
	.type = dnsmessage_TypeOPT,
	.size = sizeof(dnsmessage_OPTResource),
	.pack = OPTResource_pack,
	.unpack = unpackOPTResource,
	.GoString = OPTResource_GoString,
	.release = OPTResource_release,
};

const dnsmessage_resourceBodyType dnsmessage_UnknownResourceType = {
	.name = "Unknown",
	.type = 0,
	.size = sizeof(dnsmessage_UnknownResource),
	.pack = UnknownResource_pack,
	.unpack = unpackUnknownResource,
	.GoString = UnknownResource_GoString,
	.release = UnknownResource_release,
};

/* The exported GoString of each body type, over its method table's. */

char *
dnsmessage_CNAMEResource_GoString(const dnsmessage_CNAMEResource *r)
{
	return CNAMEResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_MXResource_GoString(const dnsmessage_MXResource *r)
{
	return MXResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_NSResource_GoString(const dnsmessage_NSResource *r)
{
	return NSResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_PTRResource_GoString(const dnsmessage_PTRResource *r)
{
	return PTRResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_SOAResource_GoString(const dnsmessage_SOAResource *r)
{
	return SOAResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_TXTResource_GoString(const dnsmessage_TXTResource *r)
{
	return TXTResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_SRVResource_GoString(const dnsmessage_SRVResource *r)
{
	return SRVResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_AResource_GoString(const dnsmessage_AResource *r)
{
	return AResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_AAAAResource_GoString(const dnsmessage_AAAAResource *r)
{
	return AAAAResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_OPTResource_GoString(const dnsmessage_OPTResource *r)
{
	return OPTResource_GoString(&r->ResourceBody);
}

char *
dnsmessage_UnknownResource_GoString(const dnsmessage_UnknownResource *r)
{
	return UnknownResource_GoString(&r->ResourceBody);
}

/* In Go's switch order; UnknownResource is the default. */
static const dnsmessage_resourceBodyType *const bodyTypes[] = {
	&dnsmessage_AResourceType,
	&dnsmessage_NSResourceType,
	&dnsmessage_CNAMEResourceType,
	&dnsmessage_SOAResourceType,
	&dnsmessage_PTRResourceType,
	&dnsmessage_MXResourceType,
	&dnsmessage_TXTResourceType,
	&dnsmessage_AAAAResourceType,
	&dnsmessage_SRVResourceType,
	&dnsmessage_OPTResourceType,
};

static const dnsmessage_resourceBodyType *
bodyTypeOf(dnsmessage_Type t)
{
	size_t i;

	for (i = 0; i < sizeof(bodyTypes) / sizeof(bodyTypes[0]); i++)
		if (bodyTypes[i]->type == t)
			return bodyTypes[i];
	return &dnsmessage_UnknownResourceType;
}

static dnsmessage_Type
realType(const dnsmessage_ResourceBody *r)
{
	const dnsmessage_UnknownResource *u = (const void *)r;

	if (r->type == &dnsmessage_UnknownResourceType)
		return u->Type;
	return r->type->type;
}

char *
dnsmessage_ResourceBody_GoString(const dnsmessage_ResourceBody *r)
{
	return r->type->GoString(r);
}

/* unpackResourceBody allocates the body; *off moves past the record. */
runtime_error *
dnsmessage_unpackResourceBody(const uint8_t *msg, size_t len, size_t *off,
    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody **r)
{
	const dnsmessage_resourceBodyType *t = bodyTypeOf(hdr->Type);
	dnsmessage_ResourceBody		  *body;
	runtime_error			  *err;

	body = runtime_malloc(t->size);
	body->type = t;
	if ((err = t->unpack(msg, len, *off, hdr, body)) != NULL) {
		free(body);
		return newNestedError(
		    runtime_concatstrings(t->name, " record", (char *)NULL),
		    err);
	}
	*r = body;
	*off += hdr->Length;
	return NULL;
}

/* Resource. */

static void
Resource_goString(strbuf *b, const dnsmessage_Resource *r)
{
	sb_add(b, "dnsmessage.Resource{Header: ");
	ResourceHeader_goString(b, &r->Header);
	sb_add(b, ", Body: &");
	sb_addFree(b, dnsmessage_ResourceBody_GoString(r->Body));
	sb_add(b, "}");
}

char *
dnsmessage_Resource_GoString(const dnsmessage_Resource *r)
{
	strbuf b = { 0 };

	Resource_goString(&b, r);
	return sb_take(&b);
}

void
dnsmessage_Resource_Free(dnsmessage_Resource *r)
{
	if (r->Body == NULL)
		return;
	if (r->Body->type->release != NULL)
		r->Body->type->release(r->Body);
	free(r->Body);
	r->Body = NULL;
}

/* resources_free releases n Resources and their array. */
static void
resources_free(dnsmessage_Resource *rs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dnsmessage_Resource_Free(&rs[i]);
	free(rs);
}

runtime_error *
dnsmessage_Resource_pack(dnsmessage_Resource *r, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff)
{
	size_t	       oldLen = msg->len, lenOff, preLen;
	runtime_error *err;

	if (r->Body == NULL)
		return errNilResouceBody;
	r->Header.Type = realType(r->Body);
	err = dnsmessage_ResourceHeader_pack(
	    &r->Header, msg, compression, compressionOff, &lenOff);
	if (err != NULL)
		return nested("ResourceHeader", err);
	preLen = msg->len;
	err = r->Body->type->pack(r->Body, msg, compression, compressionOff);
	if (err != NULL)
		return nested("content", err);
	if ((err = ResourceHeader_fixLen(&r->Header, msg, lenOff, preLen)) !=
	    NULL) {
		msg->len = oldLen;
		return err;
	}
	return NULL;
}

/* Parser. */

runtime_error *
dnsmessage_Parser_Start(
    dnsmessage_Parser *p, const uint8_t *msg, size_t len, dnsmessage_Header *h)
{
	runtime_error *err;
	size_t	       off = 0;

	memset(p, 0, sizeof(*p));
	memset(h, 0, sizeof(*h));
	p->msg = msg;
	p->len = len;
	if ((err = dnsmessage_header_unpack(&p->header, msg, len, &off)) !=
	    NULL)
		return nested("unpacking header", err);
	p->off = off;
	p->section = dnsmessage_sectionQuestions;
	*h = header_header(&p->header);
	return NULL;
}

static runtime_error *
Parser_checkAdvance(dnsmessage_Parser *p, int sec)
{
	if (p->section < sec)
		return ErrNotStarted;
	if (p->section > sec)
		return ErrSectionDone;
	p->resHeaderValid = false;
	if (p->index == header_count(&p->header, sec)) {
		p->index = 0;
		p->section++;
		return ErrSectionDone;
	}
	return NULL;
}

static runtime_error *
Parser_resourceHeader(
    dnsmessage_Parser *p, int sec, dnsmessage_ResourceHeader *h)
{
	dnsmessage_ResourceHeader hdr = { 0 };
	size_t			  off = p->off;
	runtime_error		 *err;

	memset(h, 0, sizeof(*h));
	if (p->resHeaderValid) {
		*h = p->resHeader;
		return NULL;
	}
	if ((err = Parser_checkAdvance(p, sec)) != NULL)
		return err;
	if ((err = dnsmessage_ResourceHeader_unpack(
		 &hdr, p->msg, p->len, &off)) != NULL)
		return err;
	p->resHeaderValid = true;
	p->resHeader = hdr;
	p->off = off;
	*h = hdr;
	return NULL;
}

static runtime_error *
Parser_resource(dnsmessage_Parser *p, int sec, dnsmessage_Resource *r)
{
	runtime_error *err;

	memset(r, 0, sizeof(*r));
	if ((err = Parser_resourceHeader(p, sec, &r->Header)) != NULL)
		return err;
	p->resHeaderValid = false;
	err = dnsmessage_unpackResourceBody(
	    p->msg, p->len, &p->off, &r->Header, &r->Body);
	if (err != NULL) {
		memset(r, 0, sizeof(*r));
		return newNestedError(runtime_concatstrings("unpacking ",
					  sectionNames[sec], (char *)NULL),
		    err);
	}
	p->index++;
	return NULL;
}

static runtime_error *
Parser_skipResource(dnsmessage_Parser *p, int sec)
{
	runtime_error *err;
	size_t	       newOff;

	if (p->resHeaderValid) {
		newOff = p->off + p->resHeader.Length;
		if (newOff > p->len)
			return errResourceLen;
		p->off = newOff;
		p->resHeaderValid = false;
		p->index++;
		return NULL;
	}
	if ((err = Parser_checkAdvance(p, sec)) != NULL)
		return err;
	if ((err = dnsmessage_skipResource(p->msg, p->len, &p->off)) != NULL)
		return newNestedError(runtime_concatstrings("skipping: ",
					  sectionNames[sec], (char *)NULL),
		    err);
	p->index++;
	return NULL;
}

runtime_error *
dnsmessage_Parser_Question(dnsmessage_Parser *p, dnsmessage_Question *q)
{
	dnsmessage_Question r = { 0 };
	size_t		    off = p->off;
	runtime_error	   *err;

	memset(q, 0, sizeof(*q));
	if ((err = Parser_checkAdvance(p, dnsmessage_sectionQuestions)) != NULL)
		return err;
	if ((err = dnsmessage_Name_unpack(&r.Name, p->msg, p->len, &off)) !=
	    NULL)
		return nested("unpacking Question.Name", err);
	if ((err = unpackUint16(p->msg, p->len, &off, &r.Type)) != NULL)
		return nested("unpacking Question.Type", err);
	if ((err = unpackUint16(p->msg, p->len, &off, &r.Class)) != NULL)
		return nested("unpacking Question.Class", err);
	p->off = off;
	p->index++;
	*q = r;
	return NULL;
}

/*
 * dnsmessage_Parser_AllQuestions grows its array as Go appends: the count
 * in the header is untrusted, so it sizes nothing in advance.
 */
runtime_error *
dnsmessage_Parser_AllQuestions(
    dnsmessage_Parser *p, dnsmessage_Question **qs, size_t *n)
{
	dnsmessage_Question q, *a = NULL;
	size_t		    len = 0, cap = 0;
	runtime_error	   *err;

	*qs = NULL;
	*n = 0;
	for (;;) {
		err = dnsmessage_Parser_Question(p, &q);
		if (err == ErrSectionDone)
			break;
		if (err != NULL) {
			free(a);
			return err;
		}
		if (len == cap) {
			cap = 2 * cap + 1;
			a = runtime_realloc(a, cap * sizeof(a[0]));
		}
		a[len++] = q;
	}
	*qs = a;
	*n = len;
	return NULL;
}

runtime_error *
dnsmessage_Parser_SkipQuestion(dnsmessage_Parser *p)
{
	size_t	       off = p->off;
	runtime_error *err;

	if ((err = Parser_checkAdvance(p, dnsmessage_sectionQuestions)) != NULL)
		return err;
	if ((err = skipName(p->msg, p->len, &off)) != NULL)
		return nested("skipping Question Name", err);
	if ((err = skipUint16(p->len, &off)) != NULL)
		return nested("skipping Question Type", err);
	if ((err = skipUint16(p->len, &off)) != NULL)
		return nested("skipping Question Class", err);
	p->off = off;
	p->index++;
	return NULL;
}

/* skipAll runs skip until the section is done. */
static runtime_error *
skipAll(dnsmessage_Parser *p, runtime_error *(*skip)(dnsmessage_Parser *))
{
	runtime_error *err;

	for (;;) {
		if ((err = skip(p)) == ErrSectionDone)
			return NULL;
		if (err != NULL)
			return err;
	}
}

runtime_error *
dnsmessage_Parser_SkipAllQuestions(dnsmessage_Parser *p)
{
	return skipAll(p, dnsmessage_Parser_SkipQuestion);
}

/*
 * allResources collects a section's Resources; like Go it reserves room
 * for at most max of them before reading, since the count is untrusted.
 */
static runtime_error *
allResources(
    dnsmessage_Parser *p, int sec, int max, dnsmessage_Resource **rs, size_t *n)
{
	dnsmessage_Resource r, *a;
	size_t		    len = 0, cap;
	runtime_error	   *err;

	*rs = NULL;
	*n = 0;
	cap = header_count(&p->header, sec);
	if (cap > (size_t)max)
		cap = max;
	a = runtime_malloc(cap * sizeof(a[0]));
	for (;;) {
		err = Parser_resource(p, sec, &r);
		if (err == ErrSectionDone)
			break;
		if (err != NULL) {
			resources_free(a, len);
			return err;
		}
		if (len == cap) {
			cap = 2 * cap + 1;
			a = runtime_realloc(a, cap * sizeof(a[0]));
		}
		a[len++] = r;
	}
	*rs = a;
	*n = len;
	return NULL;
}

runtime_error *
dnsmessage_Parser_AnswerHeader(
    dnsmessage_Parser *p, dnsmessage_ResourceHeader *h)
{
	return Parser_resourceHeader(p, dnsmessage_sectionAnswers, h);
}

runtime_error *
dnsmessage_Parser_Answer(dnsmessage_Parser *p, dnsmessage_Resource *r)
{
	return Parser_resource(p, dnsmessage_sectionAnswers, r);
}

runtime_error *
dnsmessage_Parser_AllAnswers(
    dnsmessage_Parser *p, dnsmessage_Resource **rs, size_t *n)
{
	/* Typically a handful of A or AAAA records. */
	return allResources(p, dnsmessage_sectionAnswers, 20, rs, n);
}

runtime_error *
dnsmessage_Parser_SkipAnswer(dnsmessage_Parser *p)
{
	return Parser_skipResource(p, dnsmessage_sectionAnswers);
}

runtime_error *
dnsmessage_Parser_SkipAllAnswers(dnsmessage_Parser *p)
{
	return skipAll(p, dnsmessage_Parser_SkipAnswer);
}

runtime_error *
dnsmessage_Parser_AuthorityHeader(
    dnsmessage_Parser *p, dnsmessage_ResourceHeader *h)
{
	return Parser_resourceHeader(p, dnsmessage_sectionAuthorities, h);
}

runtime_error *
dnsmessage_Parser_Authority(dnsmessage_Parser *p, dnsmessage_Resource *r)
{
	return Parser_resource(p, dnsmessage_sectionAuthorities, r);
}

runtime_error *
dnsmessage_Parser_AllAuthorities(
    dnsmessage_Parser *p, dnsmessage_Resource **rs, size_t *n)
{
	/* An SOA for NXDOMAIN and the like, else nothing. */
	return allResources(p, dnsmessage_sectionAuthorities, 10, rs, n);
}

runtime_error *
dnsmessage_Parser_SkipAuthority(dnsmessage_Parser *p)
{
	return Parser_skipResource(p, dnsmessage_sectionAuthorities);
}

runtime_error *
dnsmessage_Parser_SkipAllAuthorities(dnsmessage_Parser *p)
{
	return skipAll(p, dnsmessage_Parser_SkipAuthority);
}

runtime_error *
dnsmessage_Parser_AdditionalHeader(
    dnsmessage_Parser *p, dnsmessage_ResourceHeader *h)
{
	return Parser_resourceHeader(p, dnsmessage_sectionAdditionals, h);
}

runtime_error *
dnsmessage_Parser_Additional(dnsmessage_Parser *p, dnsmessage_Resource *r)
{
	return Parser_resource(p, dnsmessage_sectionAdditionals, r);
}

runtime_error *
dnsmessage_Parser_AllAdditionals(
    dnsmessage_Parser *p, dnsmessage_Resource **rs, size_t *n)
{
	/* An OPT record, sometimes glue A or AAAA records. */
	return allResources(p, dnsmessage_sectionAdditionals, 10, rs, n);
}

runtime_error *
dnsmessage_Parser_SkipAdditional(dnsmessage_Parser *p)
{
	return Parser_skipResource(p, dnsmessage_sectionAdditionals);
}

runtime_error *
dnsmessage_Parser_SkipAllAdditionals(dnsmessage_Parser *p)
{
	return skipAll(p, dnsmessage_Parser_SkipAdditional);
}

/*
 * Parser_typedResource is the body of Go's eleven Parser.XResource
 * methods: t is the body type wanted (UnknownResource takes any).
 */
static runtime_error *
Parser_typedResource(dnsmessage_Parser *p, const dnsmessage_resourceBodyType *t,
    dnsmessage_ResourceBody *r)
{
	runtime_error *err;

	memset(r, 0, t->size);
	if (!p->resHeaderValid ||
	    (t != &dnsmessage_UnknownResourceType &&
		p->resHeader.Type != t->type))
		return ErrNotStarted;
	r->type = t;
	if ((err = t->unpack(p->msg, p->len, p->off, &p->resHeader, r)) !=
	    NULL) {
		memset(r, 0, t->size);
		return err;
	}
	p->off += p->resHeader.Length;
	p->resHeaderValid = false;
	p->index++;
	return NULL;
}

runtime_error *
dnsmessage_Parser_CNAMEResource(
    dnsmessage_Parser *p, dnsmessage_CNAMEResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_CNAMEResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_MXResource(dnsmessage_Parser *p, dnsmessage_MXResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_MXResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_NSResource(dnsmessage_Parser *p, dnsmessage_NSResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_NSResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_PTRResource(dnsmessage_Parser *p, dnsmessage_PTRResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_PTRResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_SOAResource(dnsmessage_Parser *p, dnsmessage_SOAResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_SOAResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_TXTResource(dnsmessage_Parser *p, dnsmessage_TXTResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_TXTResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_SRVResource(dnsmessage_Parser *p, dnsmessage_SRVResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_SRVResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_AResource(dnsmessage_Parser *p, dnsmessage_AResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_AResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_AAAAResource(dnsmessage_Parser *p, dnsmessage_AAAAResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_AAAAResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_OPTResource(dnsmessage_Parser *p, dnsmessage_OPTResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_OPTResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Parser_UnknownResource(
    dnsmessage_Parser *p, dnsmessage_UnknownResource *r)
{
	return Parser_typedResource(
	    p, &dnsmessage_UnknownResourceType, &r->ResourceBody);
}

/* Message. */

/*
 * dnsmessage_Message_Unpack starts from a zero m.  On error m keeps the
 * sections read before it, as Go's does, for dnsmessage_Message_Free.
 */
runtime_error *
dnsmessage_Message_Unpack(dnsmessage_Message *m, const uint8_t *msg, size_t len)
{
	dnsmessage_Parser p;
	runtime_error	 *err;

	memset(m, 0, sizeof(*m));
	if ((err = dnsmessage_Parser_Start(&p, msg, len, &m->Header)) != NULL)
		return err;
	if ((err = dnsmessage_Parser_AllQuestions(
		 &p, &m->Questions, &m->nQuestions)) != NULL)
		return err;
	if ((err = dnsmessage_Parser_AllAnswers(
		 &p, &m->Answers, &m->nAnswers)) != NULL)
		return err;
	if ((err = dnsmessage_Parser_AllAuthorities(
		 &p, &m->Authorities, &m->nAuthorities)) != NULL)
		return err;
	return dnsmessage_Parser_AllAdditionals(
	    &p, &m->Additionals, &m->nAdditionals);
}

void
dnsmessage_Message_Free(dnsmessage_Message *m)
{
	free(m->Questions);
	resources_free(m->Answers, m->nAnswers);
	resources_free(m->Authorities, m->nAuthorities);
	resources_free(m->Additionals, m->nAdditionals);
	memset(m, 0, sizeof(*m));
}

runtime_error *
dnsmessage_Message_Pack(dnsmessage_Message *m, uint8_t **b, size_t *len)
{
	*b = NULL;
	*len = 0;
	return dnsmessage_Message_AppendPack(m, b, len);
}

static runtime_error *
packResources(dnsmessage_Resource *rs, size_t n, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff,
    const char *what)
{
	runtime_error *err;
	size_t	       i;

	for (i = 0; i < n; i++) {
		err = dnsmessage_Resource_pack(
		    &rs[i], msg, compression, compressionOff);
		if (err != NULL)
			return nested(what, err);
	}
	return NULL;
}

/*
 * Message_appendPack writes m after msg's bytes; RFC 1035 lets packers
 * compress and requires unpackers to follow pointers, so it always does.
 */
static runtime_error *
Message_appendPack(dnsmessage_Message *m, dnsmessage_bytes *msg)
{
	dnsmessage_compression *compression;
	runtime_error	       *err = NULL;
	header			h = { 0 };
	size_t			compressionOff = msg->len, i;

	/* Unlikely, but a count must fit the header's 16 bits. */
	if (m->nQuestions > 0xFFFF)
		return errTooManyQuestions;
	if (m->nAnswers > 0xFFFF)
		return errTooManyAnswers;
	if (m->nAuthorities > 0xFFFF)
		return errTooManyAuthorities;
	if (m->nAdditionals > 0xFFFF)
		return errTooManyAdditionals;
	Header_pack(&m->Header, &h.id, &h.bits);
	h.questions = (uint16_t)m->nQuestions;
	h.answers = (uint16_t)m->nAnswers;
	h.authorities = (uint16_t)m->nAuthorities;
	h.additionals = (uint16_t)m->nAdditionals;
	bytes_reserve(msg, headerLen);
	header_pack(&h, msg->p + msg->len);
	msg->len += headerLen;
	compression = dnsmessage_newCompression();
	for (i = 0; i < m->nQuestions; i++) {
		err = dnsmessage_Question_pack(
		    &m->Questions[i], msg, compression, compressionOff);
		if (err != NULL) {
			err = nested("packing Question", err);
			goto out;
		}
	}
	if ((err = packResources(m->Answers, m->nAnswers, msg, compression,
		 compressionOff, "packing Answer")) != NULL)
		goto out;
	if ((err = packResources(m->Authorities, m->nAuthorities, msg,
		 compression, compressionOff, "packing Authority")) != NULL)
		goto out;
	err = packResources(m->Additionals, m->nAdditionals, msg, compression,
	    compressionOff, "packing Additional");
out:
	dnsmessage_compression_free(compression);
	return err;
}

runtime_error *
dnsmessage_Message_AppendPack(dnsmessage_Message *m, uint8_t **b, size_t *len)
{
	dnsmessage_bytes msg = { 0 };
	runtime_error	*err;

	/* A copy, so that *b is untouched on error. */
	packBytes(&msg, *b, *len);
	if ((err = Message_appendPack(m, &msg)) != NULL) {
		free(msg.p);
		return err;
	}
	free(*b);
	*b = msg.p;
	*len = msg.len;
	return NULL;
}

static void
resources_goString(strbuf *b, const dnsmessage_Resource *rs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_add(b, ", ");
		Resource_goString(b, &rs[i]);
	}
}

char *
dnsmessage_Message_GoString(const dnsmessage_Message *m)
{
	strbuf b = { 0 };
	size_t i;

	sb_add(&b, "dnsmessage.Message{Header: ");
	Header_goString(&b, &m->Header);
	sb_add(&b, ", Questions: []dnsmessage.Question{");
	for (i = 0; i < m->nQuestions; i++) {
		if (i > 0)
			sb_add(&b, ", ");
		Question_goString(&b, &m->Questions[i]);
	}
	sb_add(&b, "}, Answers: []dnsmessage.Resource{");
	resources_goString(&b, m->Answers, m->nAnswers);
	sb_add(&b, "}, Authorities: []dnsmessage.Resource{");
	resources_goString(&b, m->Authorities, m->nAuthorities);
	sb_add(&b, "}, Additionals: []dnsmessage.Resource{");
	resources_goString(&b, m->Additionals, m->nAdditionals);
	sb_add(&b, "}}");
	return sb_take(&b);
}

/* Builder. */

dnsmessage_Builder
dnsmessage_NewBuilder(uint8_t *buf, size_t len, size_t cap, dnsmessage_Header h)
{
	dnsmessage_Builder b = { 0 };
	uint8_t		   hb[headerLen] = { 0 };

	if (buf != NULL) {
		b.msg.p = buf;
		b.msg.len = len;
		b.msg.cap = cap;
	}
	b.start = b.msg.len;
	Header_pack(&h, &b.header.id, &b.header.bits);
	/* Room for the header, written by Finish. */
	packBytes(&b.msg, hb, headerLen);
	b.section = dnsmessage_sectionHeader;
	return b;
}

/*
 * dnsmessage_Builder_EnableCompression starts a fresh table, as Go makes a
 * new map, forgetting the names packed so far.
 */
void
dnsmessage_Builder_EnableCompression(dnsmessage_Builder *b)
{
	dnsmessage_compression_free(b->compression);
	b->compression = dnsmessage_newCompression();
}

void
dnsmessage_Builder_Free(dnsmessage_Builder *b)
{
	if (b->msg.owned)
		free(b->msg.p);
	dnsmessage_compression_free(b->compression);
	memset(b, 0, sizeof(*b));
}

static runtime_error *
Builder_startCheck(dnsmessage_Builder *b, int s)
{
	if (b->section <= dnsmessage_sectionNotStarted)
		return ErrNotStarted;
	if (b->section > s)
		return ErrSectionDone;
	return NULL;
}

static runtime_error *
Builder_start(dnsmessage_Builder *b, int s)
{
	runtime_error *err;

	if ((err = Builder_startCheck(b, s)) != NULL)
		return err;
	b->section = s;
	return NULL;
}

runtime_error *
dnsmessage_Builder_StartQuestions(dnsmessage_Builder *b)
{
	return Builder_start(b, dnsmessage_sectionQuestions);
}

runtime_error *
dnsmessage_Builder_StartAnswers(dnsmessage_Builder *b)
{
	return Builder_start(b, dnsmessage_sectionAnswers);
}

runtime_error *
dnsmessage_Builder_StartAuthorities(dnsmessage_Builder *b)
{
	return Builder_start(b, dnsmessage_sectionAuthorities);
}

runtime_error *
dnsmessage_Builder_StartAdditionals(dnsmessage_Builder *b)
{
	return Builder_start(b, dnsmessage_sectionAdditionals);
}

static runtime_error *
Builder_incrementSectionCount(dnsmessage_Builder *b)
{
	uint16_t      *count = NULL;
	runtime_error *err = NULL;

	switch (b->section) {
	case dnsmessage_sectionQuestions:
		count = &b->header.questions;
		err = errTooManyQuestions;
		break;
	case dnsmessage_sectionAnswers:
		count = &b->header.answers;
		err = errTooManyAnswers;
		break;
	case dnsmessage_sectionAuthorities:
		count = &b->header.authorities;
		err = errTooManyAuthorities;
		break;
	case dnsmessage_sectionAdditionals:
		count = &b->header.additionals;
		err = errTooManyAdditionals;
		break;
	default:
		runtime_throw("dnsmessage: incrementSectionCount outside a "
			      "section");
	}
	if (*count == 0xFFFF)
		return err;
	(*count)++;
	return NULL;
}

/*
 * dnsmessage_Builder_Question, like every Builder method that adds, keeps
 * what it packed only on success: Go does not store the grown slice.
 */
runtime_error *
dnsmessage_Builder_Question(dnsmessage_Builder *b, dnsmessage_Question q)
{
	size_t	       oldLen = b->msg.len;
	runtime_error *err;

	if (b->section < dnsmessage_sectionQuestions)
		return ErrNotStarted;
	if (b->section > dnsmessage_sectionQuestions)
		return ErrSectionDone;
	err = dnsmessage_Question_pack(&q, &b->msg, b->compression, b->start);
	if (err == NULL)
		err = Builder_incrementSectionCount(b);
	if (err != NULL)
		b->msg.len = oldLen;
	return err;
}

static runtime_error *
Builder_checkResourceSection(dnsmessage_Builder *b)
{
	if (b->section < dnsmessage_sectionAnswers)
		return ErrNotStarted;
	if (b->section > dnsmessage_sectionAdditionals)
		return ErrSectionDone;
	return NULL;
}

/*
 * Builder_resource is the body of Go's eleven Builder.XResource methods;
 * t is the body's type, which the caller's struct need not record.
 */
static runtime_error *
Builder_resource(dnsmessage_Builder *b, dnsmessage_ResourceHeader h,
    const dnsmessage_resourceBodyType *t, const dnsmessage_ResourceBody *r)
{
	size_t	       oldLen = b->msg.len, lenOff, preLen;
	runtime_error *err;

	if ((err = Builder_checkResourceSection(b)) != NULL)
		return err;
	h.Type = t->type;
	if (t == &dnsmessage_UnknownResourceType)
		h.Type =
		    ((const dnsmessage_UnknownResource *)(const void *)r)->Type;
	err = dnsmessage_ResourceHeader_pack(
	    &h, &b->msg, b->compression, b->start, &lenOff);
	if (err != NULL) {
		err = nested("ResourceHeader", err);
		goto out;
	}
	preLen = b->msg.len;
	if ((err = t->pack(r, &b->msg, b->compression, b->start)) != NULL) {
		err = newNestedError(runtime_concatstrings(t->name,
					 "Resource body", (char *)NULL),
		    err);
		goto out;
	}
	if ((err = ResourceHeader_fixLen(&h, &b->msg, lenOff, preLen)) != NULL)
		goto out;
	err = Builder_incrementSectionCount(b);
out:
	if (err != NULL)
		b->msg.len = oldLen;
	return err;
}

runtime_error *
dnsmessage_Builder_CNAMEResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_CNAMEResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_CNAMEResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_MXResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_MXResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_MXResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_NSResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_NSResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_NSResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_PTRResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_PTRResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_PTRResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_SOAResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_SOAResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_SOAResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_TXTResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_TXTResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_TXTResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_SRVResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_SRVResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_SRVResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_AResource(dnsmessage_Builder *b, dnsmessage_ResourceHeader h,
    const dnsmessage_AResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_AResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_AAAAResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_AAAAResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_AAAAResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_OPTResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_OPTResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_OPTResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_UnknownResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_UnknownResource *r)
{
	return Builder_resource(
	    b, h, &dnsmessage_UnknownResourceType, &r->ResourceBody);
}

runtime_error *
dnsmessage_Builder_Finish(
    dnsmessage_Builder *b, const uint8_t **msg, size_t *len)
{
	*msg = NULL;
	*len = 0;
	if (b->section < dnsmessage_sectionHeader)
		return ErrNotStarted;
	b->section = dnsmessage_sectionDone;
	header_pack(&b->header, b->msg.p + b->start);
	*msg = b->msg.p;
	*len = b->msg.len;
	return NULL;
}
