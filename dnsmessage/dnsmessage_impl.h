/*
 * gonet dnsmessage: declarations shared by message.c and its tests (Go's
 * tests are in package dnsmessage and see these unexported names).  Not
 * exported from the shared library.
 */
#ifndef GONET_DNSMESSAGE_IMPL_H
#define GONET_DNSMESSAGE_IMPL_H

#include "dnsmessage/dnsmessage.h"

extern runtime_error *const dnsmessage_errBaseLen;
extern runtime_error *const dnsmessage_errCalcLen;
extern runtime_error *const dnsmessage_errReserved;
extern runtime_error *const dnsmessage_errTooManyPtr;
extern runtime_error *const dnsmessage_errInvalidPtr;
extern runtime_error *const dnsmessage_errNilResouceBody;
extern runtime_error *const dnsmessage_errResourceLen;
extern runtime_error *const dnsmessage_errSegTooLong;
extern runtime_error *const dnsmessage_errZeroSegLen;
extern runtime_error *const dnsmessage_errResTooLong;
extern runtime_error *const dnsmessage_errTooManyQuestions;
extern runtime_error *const dnsmessage_errTooManyAnswers;
extern runtime_error *const dnsmessage_errTooManyAuthorities;
extern runtime_error *const dnsmessage_errTooManyAdditionals;
extern runtime_error *const dnsmessage_errNonCanonicalName;
extern runtime_error *const dnsmessage_errStringTooLong;
extern runtime_error *const dnsmessage_errCompressedSRV;

/*
 * dnsmessage_nestedError labels the error of a part with the part's name
 * (Go's "s: err").  It owns its label and the error it wraps.
 */
typedef struct dnsmessage_nestedError {
	runtime_error  e;
	char	      *s;
	runtime_error *err;
} dnsmessage_nestedError;
extern const runtime_errorType dnsmessage_nestedErrorType;

/* Go's section, the state of a Parser or Builder. */
enum dnsmessage_section {
	dnsmessage_sectionNotStarted,
	dnsmessage_sectionHeader,
	dnsmessage_sectionQuestions,
	dnsmessage_sectionAnswers,
	dnsmessage_sectionAuthorities,
	dnsmessage_sectionAdditionals,
	dnsmessage_sectionDone,
};

/* dnsmessage_compression is Go's map[string]int from name suffix to offset. */
dnsmessage_compression *dnsmessage_newCompression(void);
void			dnsmessage_compression_free(dnsmessage_compression *c);

/* The method table behind dnsmessage_ResourceBody. */
struct dnsmessage_resourceBodyType {
	const char     *name; /* Go's "A" in "A record" */
	dnsmessage_Type type; /* realType; 0 for UnknownResource */
	size_t		size; /* sizeof the concrete struct */
	runtime_error *(*pack)(const dnsmessage_ResourceBody *r,
	    dnsmessage_bytes *msg, dnsmessage_compression *compression,
	    size_t compressionOff);
	/* unpack fills r (zeroed, typed) from msg at off. */
	runtime_error *(*unpack)(const uint8_t *msg, size_t len, size_t off,
	    const dnsmessage_ResourceHeader *hdr, dnsmessage_ResourceBody *r);
	char *(*GoString)(const dnsmessage_ResourceBody *r);
	void (*release)(dnsmessage_ResourceBody *r); /* NULL: owns nothing */
};

/*
 * The unexported methods Go's tests call.  A pack appends to msg and, on
 * error, leaves msg's length as it was; an unpack stores the offset after
 * what it read in *off, which is unchanged on error.
 */
runtime_error *dnsmessage_Name_pack(const dnsmessage_Name *n,
    dnsmessage_bytes *msg, dnsmessage_compression *compression,
    size_t compressionOff);
runtime_error *dnsmessage_Name_unpack(
    dnsmessage_Name *n, const uint8_t *msg, size_t len, size_t *off);
runtime_error *dnsmessage_Name_unpackCompressed(dnsmessage_Name *n,
    const uint8_t *msg, size_t len, size_t *off, bool allowCompression);
runtime_error *dnsmessage_Question_pack(const dnsmessage_Question *q,
    dnsmessage_bytes *msg, dnsmessage_compression *compression,
    size_t compressionOff);
runtime_error *dnsmessage_Resource_pack(dnsmessage_Resource *r,
    dnsmessage_bytes *msg, dnsmessage_compression *compression,
    size_t compressionOff);
runtime_error *dnsmessage_header_unpack(
    dnsmessage_header *h, const uint8_t *msg, size_t len, size_t *off);
/* *lenOff receives where the Length field was written. */
runtime_error *dnsmessage_ResourceHeader_pack(
    const dnsmessage_ResourceHeader *h, dnsmessage_bytes *msg,
    dnsmessage_compression *compression, size_t compressionOff, size_t *lenOff);
/* The body is malloc'd; release it as dnsmessage_Resource_Free does. */
runtime_error *dnsmessage_unpackResourceBody(const uint8_t *msg, size_t len,
    size_t *off, const dnsmessage_ResourceHeader *hdr,
    dnsmessage_ResourceBody **r);
runtime_error *dnsmessage_ResourceHeader_unpack(
    dnsmessage_ResourceHeader *h, const uint8_t *msg, size_t len, size_t *off);
runtime_error *dnsmessage_skipResource(
    const uint8_t *msg, size_t len, size_t *off);

char *dnsmessage_printPaddedUint8(uint8_t i);
char *dnsmessage_printUint8Bytes(uint8_t i);
char *dnsmessage_printUint16(uint16_t i);
char *dnsmessage_printUint32(uint32_t i);

#endif
