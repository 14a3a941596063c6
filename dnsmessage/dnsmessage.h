/*
 * gonet dnsmessage: Go's golang.org/x/net/dns/dnsmessage as vendored in
 * go1.19 (x/net d99f623d45a4), the DNS wire format that package net's
 * resolver speaks.  Public header.
 *
 * Memory: a Name, a Header, a Question and the fixed-size resource bodies
 * are plain values.  Everything Go keeps in a slice is here a pointer and a
 * length; what gonet allocates is released as each declaration says.
 */
#ifndef GONET_DNSMESSAGE_H
#define GONET_DNSMESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint16_t dnsmessage_Type;
typedef uint16_t dnsmessage_Class;
typedef uint16_t dnsmessage_OpCode;
typedef uint16_t dnsmessage_RCode;

enum {
	dnsmessage_TypeA = 1,
	dnsmessage_TypeNS = 2,
	dnsmessage_TypeCNAME = 5,
	dnsmessage_TypeSOA = 6,
	dnsmessage_TypePTR = 12,
	dnsmessage_TypeMX = 15,
	dnsmessage_TypeTXT = 16,
	dnsmessage_TypeAAAA = 28,
	dnsmessage_TypeSRV = 33,
	dnsmessage_TypeOPT = 41,
	dnsmessage_TypeWKS = 11,
	dnsmessage_TypeHINFO = 13,
	dnsmessage_TypeMINFO = 14,
	dnsmessage_TypeAXFR = 252,
	dnsmessage_TypeALL = 255,
};

enum {
	dnsmessage_ClassINET = 1,
	dnsmessage_ClassCSNET = 2,
	dnsmessage_ClassCHAOS = 3,
	dnsmessage_ClassHESIOD = 4,
	dnsmessage_ClassANY = 255,
};

enum {
	dnsmessage_RCodeSuccess = 0,
	dnsmessage_RCodeFormatError = 1,
	dnsmessage_RCodeServerFailure = 2,
	dnsmessage_RCodeNameError = 3,
	dnsmessage_RCodeNotImplemented = 4,
	dnsmessage_RCodeRefused = 5,
};

/*
 * The String and GoString methods return malloc'd text the caller frees
 * with free().
 */
char *dnsmessage_Type_String(dnsmessage_Type t);
char *dnsmessage_Type_GoString(dnsmessage_Type t);
char *dnsmessage_Class_String(dnsmessage_Class c);
char *dnsmessage_Class_GoString(dnsmessage_Class c);
char *dnsmessage_OpCode_GoString(dnsmessage_OpCode o);
char *dnsmessage_RCode_String(dnsmessage_RCode r);
char *dnsmessage_RCode_GoString(dnsmessage_RCode r);

/* Static sentinels, compared by identity as Go compares them. */
extern runtime_error *const dnsmessage_ErrNotStarted;
extern runtime_error *const dnsmessage_ErrSectionDone;

/* dnsmessage_Name is Go's Name: the dotted text, not NUL-terminated. */
typedef struct dnsmessage_Name {
	uint8_t Data[255];
	uint8_t Length;
} dnsmessage_Name;

runtime_error *dnsmessage_NewName(const char *name, dnsmessage_Name *n);
/*
 * dnsmessage_MustNewName throws where Go panics.  Name_String's C string
 * ends at the first NUL, a byte a name read off the wire may hold.
 */
dnsmessage_Name dnsmessage_MustNewName(const char *name);
char	       *dnsmessage_Name_String(const dnsmessage_Name *n);
char	       *dnsmessage_Name_GoString(const dnsmessage_Name *n);

typedef struct dnsmessage_Header {
	uint16_t	  ID;
	bool		  Response;
	dnsmessage_OpCode OpCode;
	bool		  Authoritative;
	bool		  Truncated;
	bool		  RecursionDesired;
	bool		  RecursionAvailable;
	dnsmessage_RCode  RCode;
} dnsmessage_Header;

char *dnsmessage_Header_GoString(const dnsmessage_Header *m);

typedef struct dnsmessage_Question {
	dnsmessage_Name	 Name;
	dnsmessage_Type	 Type;
	dnsmessage_Class Class;
} dnsmessage_Question;

char *dnsmessage_Question_GoString(const dnsmessage_Question *q);

typedef struct dnsmessage_ResourceHeader {
	dnsmessage_Name	 Name;
	dnsmessage_Type	 Type; /* set by packing */
	dnsmessage_Class Class;
	uint32_t	 TTL;
	uint16_t	 Length; /* set by packing */
} dnsmessage_ResourceHeader;

char *dnsmessage_ResourceHeader_GoString(const dnsmessage_ResourceHeader *h);
runtime_error *dnsmessage_ResourceHeader_SetEDNS0(dnsmessage_ResourceHeader *h,
    int udpPayloadLen, dnsmessage_RCode extRCode, bool dnssecOK);
bool	       dnsmessage_ResourceHeader_DNSSECAllowed(
	      const dnsmessage_ResourceHeader *h);
dnsmessage_RCode dnsmessage_ResourceHeader_ExtendedRCode(
    const dnsmessage_ResourceHeader *h, dnsmessage_RCode rcode);

/*
 * dnsmessage_ResourceBody is Go's ResourceBody interface: the header every
 * body type embeds first, pointing at that type's method table.  A body
 * written by hand sets it with the type's descriptor, as in
 * (dnsmessage_AResource){ { &dnsmessage_AResourceType }, { 127, 0, 0, 1 } }.
 */
typedef struct dnsmessage_ResourceBody {
	const struct dnsmessage_resourceBodyType *type;
} dnsmessage_ResourceBody;

typedef struct dnsmessage_resourceBodyType dnsmessage_resourceBodyType;
extern const dnsmessage_resourceBodyType   dnsmessage_CNAMEResourceType,
    dnsmessage_MXResourceType, dnsmessage_NSResourceType,
    dnsmessage_PTRResourceType, dnsmessage_SOAResourceType,
    dnsmessage_TXTResourceType, dnsmessage_SRVResourceType,
    dnsmessage_AResourceType, dnsmessage_AAAAResourceType,
    dnsmessage_OPTResourceType, dnsmessage_UnknownResourceType;

char *dnsmessage_ResourceBody_GoString(const dnsmessage_ResourceBody *r);

typedef struct dnsmessage_CNAMEResource {
	dnsmessage_ResourceBody ResourceBody;
	dnsmessage_Name		CNAME;
} dnsmessage_CNAMEResource;

typedef struct dnsmessage_MXResource {
	dnsmessage_ResourceBody ResourceBody;
	uint16_t		Pref;
	dnsmessage_Name		MX;
} dnsmessage_MXResource;

typedef struct dnsmessage_NSResource {
	dnsmessage_ResourceBody ResourceBody;
	dnsmessage_Name		NS;
} dnsmessage_NSResource;

typedef struct dnsmessage_PTRResource {
	dnsmessage_ResourceBody ResourceBody;
	dnsmessage_Name		PTR;
} dnsmessage_PTRResource;

typedef struct dnsmessage_SOAResource {
	dnsmessage_ResourceBody ResourceBody;
	dnsmessage_Name		NS;
	dnsmessage_Name		MBox;
	uint32_t		Serial;
	uint32_t		Refresh;
	uint32_t		Retry;
	uint32_t		Expire;
	uint32_t		MinTTL;
} dnsmessage_SOAResource;

/* dnsmessage_String is a Go string: bytes and a length, NULs allowed. */
typedef struct dnsmessage_String {
	const char *p;
	size_t	    n;
} dnsmessage_String;

/*
 * In a TXTResource, OPTResource or UnknownResource that gonet unpacked, the
 * array (TXT, Options, Data) and everything it points at are one
 * allocation, released with free(array).
 */
typedef struct dnsmessage_TXTResource {
	dnsmessage_ResourceBody ResourceBody;
	dnsmessage_String      *TXT;
	size_t			nTXT;
} dnsmessage_TXTResource;

typedef struct dnsmessage_SRVResource {
	dnsmessage_ResourceBody ResourceBody;
	uint16_t		Priority;
	uint16_t		Weight;
	uint16_t		Port;
	dnsmessage_Name		Target;
} dnsmessage_SRVResource;

typedef struct dnsmessage_AResource {
	dnsmessage_ResourceBody ResourceBody;
	uint8_t			A[4];
} dnsmessage_AResource;

typedef struct dnsmessage_AAAAResource {
	dnsmessage_ResourceBody ResourceBody;
	uint8_t			AAAA[16];
} dnsmessage_AAAAResource;

typedef struct dnsmessage_Option {
	uint16_t       Code;
	const uint8_t *Data;
	size_t	       nData;
} dnsmessage_Option;

char *dnsmessage_Option_GoString(const dnsmessage_Option *o);

typedef struct dnsmessage_OPTResource {
	dnsmessage_ResourceBody ResourceBody;
	dnsmessage_Option      *Options;
	size_t			nOptions;
} dnsmessage_OPTResource;

typedef struct dnsmessage_UnknownResource {
	dnsmessage_ResourceBody ResourceBody;
	dnsmessage_Type		Type;
	uint8_t		       *Data;
	size_t			nData;
} dnsmessage_UnknownResource;

/* Go's (*XResource).GoString, for each body type. */
char *dnsmessage_CNAMEResource_GoString(const dnsmessage_CNAMEResource *r);
char *dnsmessage_MXResource_GoString(const dnsmessage_MXResource *r);
char *dnsmessage_NSResource_GoString(const dnsmessage_NSResource *r);
char *dnsmessage_PTRResource_GoString(const dnsmessage_PTRResource *r);
char *dnsmessage_SOAResource_GoString(const dnsmessage_SOAResource *r);
char *dnsmessage_TXTResource_GoString(const dnsmessage_TXTResource *r);
char *dnsmessage_SRVResource_GoString(const dnsmessage_SRVResource *r);
char *dnsmessage_AResource_GoString(const dnsmessage_AResource *r);
char *dnsmessage_AAAAResource_GoString(const dnsmessage_AAAAResource *r);
char *dnsmessage_OPTResource_GoString(const dnsmessage_OPTResource *r);
char *dnsmessage_UnknownResource_GoString(const dnsmessage_UnknownResource *r);

/*
 * dnsmessage_Resource is Go's Resource.  A Resource that gonet unpacked
 * owns its Body; dnsmessage_Resource_Free releases it.
 */
typedef struct dnsmessage_Resource {
	dnsmessage_ResourceHeader Header;
	dnsmessage_ResourceBody	 *Body;
} dnsmessage_Resource;

char *dnsmessage_Resource_GoString(const dnsmessage_Resource *r);
void  dnsmessage_Resource_Free(dnsmessage_Resource *r);

/*
 * dnsmessage_Message is Go's Message.  After dnsmessage_Message_Unpack the
 * arrays and bodies are gonet's, released by dnsmessage_Message_Free; a
 * Message built by hand stays the caller's and Pack does not take it.
 */
typedef struct dnsmessage_Message {
	dnsmessage_Header    Header;
	dnsmessage_Question *Questions;
	size_t		     nQuestions;
	dnsmessage_Resource *Answers;
	size_t		     nAnswers;
	dnsmessage_Resource *Authorities;
	size_t		     nAuthorities;
	dnsmessage_Resource *Additionals;
	size_t		     nAdditionals;
} dnsmessage_Message;

runtime_error *dnsmessage_Message_Unpack(
    dnsmessage_Message *m, const uint8_t *msg, size_t len);
/*
 * dnsmessage_Message_AppendPack appends the packed message to the malloc'd
 * buffer *b of length *len (a NULL *b is empty); the result replaces it.
 * On error *b and *len are unchanged.  Pack starts from an empty buffer and
 * the result is freed with free().  Both set each resource header's Type
 * and Length in m, as Go's do.
 */
runtime_error *dnsmessage_Message_Pack(
    dnsmessage_Message *m, uint8_t **b, size_t *len);
runtime_error *dnsmessage_Message_AppendPack(
    dnsmessage_Message *m, uint8_t **b, size_t *len);
char *dnsmessage_Message_GoString(const dnsmessage_Message *m);
void  dnsmessage_Message_Free(dnsmessage_Message *m);

/* dnsmessage_header is Go's header, the wire form of a Header. */
typedef struct dnsmessage_header {
	uint16_t id, bits, questions, answers, authorities, additionals;
} dnsmessage_header;

/*
 * dnsmessage_Parser is Go's Parser.  It borrows msg, which must outlive it,
 * and owns nothing: the zero value is ready and nothing needs freeing.
 */
typedef struct dnsmessage_Parser {
	const uint8_t		 *msg;
	size_t			  len;
	dnsmessage_header	  header;
	uint8_t			  section;
	size_t			  off;
	int			  index;
	bool			  resHeaderValid;
	dnsmessage_ResourceHeader resHeader;
} dnsmessage_Parser;

runtime_error *dnsmessage_Parser_Start(
    dnsmessage_Parser *p, const uint8_t *msg, size_t len, dnsmessage_Header *h);
runtime_error *dnsmessage_Parser_Question(
    dnsmessage_Parser *p, dnsmessage_Question *q);
/* The All* results are malloc'd arrays; free each body, then the array. */
runtime_error *dnsmessage_Parser_AllQuestions(
    dnsmessage_Parser *p, dnsmessage_Question **qs, size_t *n);
runtime_error *dnsmessage_Parser_SkipQuestion(dnsmessage_Parser *p);
runtime_error *dnsmessage_Parser_SkipAllQuestions(dnsmessage_Parser *p);
runtime_error *dnsmessage_Parser_AnswerHeader(
    dnsmessage_Parser *p, dnsmessage_ResourceHeader *h);
runtime_error *dnsmessage_Parser_Answer(
    dnsmessage_Parser *p, dnsmessage_Resource *r);
runtime_error *dnsmessage_Parser_AllAnswers(
    dnsmessage_Parser *p, dnsmessage_Resource **rs, size_t *n);
runtime_error *dnsmessage_Parser_SkipAnswer(dnsmessage_Parser *p);
runtime_error *dnsmessage_Parser_SkipAllAnswers(dnsmessage_Parser *p);
runtime_error *dnsmessage_Parser_AuthorityHeader(
    dnsmessage_Parser *p, dnsmessage_ResourceHeader *h);
runtime_error *dnsmessage_Parser_Authority(
    dnsmessage_Parser *p, dnsmessage_Resource *r);
runtime_error *dnsmessage_Parser_AllAuthorities(
    dnsmessage_Parser *p, dnsmessage_Resource **rs, size_t *n);
runtime_error *dnsmessage_Parser_SkipAuthority(dnsmessage_Parser *p);
runtime_error *dnsmessage_Parser_SkipAllAuthorities(dnsmessage_Parser *p);
runtime_error *dnsmessage_Parser_AdditionalHeader(
    dnsmessage_Parser *p, dnsmessage_ResourceHeader *h);
runtime_error *dnsmessage_Parser_Additional(
    dnsmessage_Parser *p, dnsmessage_Resource *r);
runtime_error *dnsmessage_Parser_AllAdditionals(
    dnsmessage_Parser *p, dnsmessage_Resource **rs, size_t *n);
runtime_error *dnsmessage_Parser_SkipAdditional(dnsmessage_Parser *p);
runtime_error *dnsmessage_Parser_SkipAllAdditionals(dnsmessage_Parser *p);
/* Each needs a *Header call first; the result's arrays are free()d. */
runtime_error *dnsmessage_Parser_CNAMEResource(
    dnsmessage_Parser *p, dnsmessage_CNAMEResource *r);
runtime_error *dnsmessage_Parser_MXResource(
    dnsmessage_Parser *p, dnsmessage_MXResource *r);
runtime_error *dnsmessage_Parser_NSResource(
    dnsmessage_Parser *p, dnsmessage_NSResource *r);
runtime_error *dnsmessage_Parser_PTRResource(
    dnsmessage_Parser *p, dnsmessage_PTRResource *r);
runtime_error *dnsmessage_Parser_SOAResource(
    dnsmessage_Parser *p, dnsmessage_SOAResource *r);
runtime_error *dnsmessage_Parser_TXTResource(
    dnsmessage_Parser *p, dnsmessage_TXTResource *r);
runtime_error *dnsmessage_Parser_SRVResource(
    dnsmessage_Parser *p, dnsmessage_SRVResource *r);
runtime_error *dnsmessage_Parser_AResource(
    dnsmessage_Parser *p, dnsmessage_AResource *r);
runtime_error *dnsmessage_Parser_AAAAResource(
    dnsmessage_Parser *p, dnsmessage_AAAAResource *r);
runtime_error *dnsmessage_Parser_OPTResource(
    dnsmessage_Parser *p, dnsmessage_OPTResource *r);
runtime_error *dnsmessage_Parser_UnknownResource(
    dnsmessage_Parser *p, dnsmessage_UnknownResource *r);

/*
 * dnsmessage_Builder is Go's Builder.  Like Go's append it writes into the
 * caller's buffer while that has room and moves to a malloc'd copy when it
 * outgrows it; with compression enabled it also holds a table.
 * dnsmessage_Builder_Free releases what the Builder allocated (never the
 * caller's buffer).  Finish hands out the buffer in use, the caller's or
 * the Builder's, valid until Builder_Free.
 */
typedef struct dnsmessage_compression dnsmessage_compression;
/* A Go []byte; owned says whether p is gonet's (malloc'd) or the caller's. */
typedef struct dnsmessage_bytes {
	uint8_t *p;
	size_t	 len, cap;
	bool	 owned;
} dnsmessage_bytes;
typedef struct dnsmessage_Builder {
	dnsmessage_bytes	msg;
	uint8_t			section;
	dnsmessage_header	header;
	size_t			start;
	dnsmessage_compression *compression;
} dnsmessage_Builder;

/*
 * The message is appended to buf[:len], buf having room for cap bytes; buf
 * may be NULL.
 */
dnsmessage_Builder dnsmessage_NewBuilder(
    uint8_t *buf, size_t len, size_t cap, dnsmessage_Header h);
void	       dnsmessage_Builder_EnableCompression(dnsmessage_Builder *b);
runtime_error *dnsmessage_Builder_StartQuestions(dnsmessage_Builder *b);
runtime_error *dnsmessage_Builder_StartAnswers(dnsmessage_Builder *b);
runtime_error *dnsmessage_Builder_StartAuthorities(dnsmessage_Builder *b);
runtime_error *dnsmessage_Builder_StartAdditionals(dnsmessage_Builder *b);
runtime_error *dnsmessage_Builder_Question(
    dnsmessage_Builder *b, dnsmessage_Question q);
runtime_error *dnsmessage_Builder_CNAMEResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_CNAMEResource *r);
runtime_error *dnsmessage_Builder_MXResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_MXResource *r);
runtime_error *dnsmessage_Builder_NSResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_NSResource *r);
runtime_error *dnsmessage_Builder_PTRResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_PTRResource *r);
runtime_error *dnsmessage_Builder_SOAResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_SOAResource *r);
runtime_error *dnsmessage_Builder_TXTResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_TXTResource *r);
runtime_error *dnsmessage_Builder_SRVResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_SRVResource *r);
runtime_error *dnsmessage_Builder_AResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_AResource *r);
runtime_error *dnsmessage_Builder_AAAAResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_AAAAResource *r);
runtime_error *dnsmessage_Builder_OPTResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_OPTResource *r);
runtime_error *dnsmessage_Builder_UnknownResource(dnsmessage_Builder *b,
    dnsmessage_ResourceHeader h, const dnsmessage_UnknownResource *r);
runtime_error *dnsmessage_Builder_Finish(
    dnsmessage_Builder *b, const uint8_t **msg, size_t *len);
void dnsmessage_Builder_Free(dnsmessage_Builder *b);

#ifdef __cplusplus
}
#endif

#endif
