/*
 * gonet netprobe (C only): the DNSMessage op of the differential harness,
 * which holds gonet's dnsmessage against the copy of x/net's dnsmessage
 * that Go 1.19 vendors for its own resolver.  The output format is
 * documented at the top of the Go twin, tests/diff/netprobe.go, whose
 * opDNSMessage this follows.  Public API only (dnsmessage/dnsmessage.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dnsmessage/dnsmessage.h"
#include "tools/netprobe.h"

/* The largest message TCP's two-byte length prefix can carry. */
enum { maxDNSMessage = 65535 };

/* writeUnpack prints what Message.Unpack makes of b, and its Pack. */
static void
writeUnpack(const uint8_t *b, size_t n)
{
	dnsmessage_Message m;
	runtime_error	  *err;
	uint8_t		  *out;
	size_t		   outn;

	err = dnsmessage_Message_Unpack(&m, b, n);
	if (err != NULL) {
		fputs("unpack-", stdout);
		writeErr(err);
		dnsmessage_Message_Free(&m);
		return;
	}
	fputs("unpack=", stdout);
	putqf(dnsmessage_Message_GoString(&m));
	err = dnsmessage_Message_Pack(&m, &out, &outn);
	if (err != NULL) {
		fputs(" pack-", stdout);
		writeErr(err);
	} else {
		fputs(" pack=", stdout);
		putHex(out, outn);
		free(out);
	}
	dnsmessage_Message_Free(&m);
}

/*
 * skipAll walks b as the resolver does when it wants one section only:
 * Start, then every section skipped, which reads resource headers and
 * steps over their bodies unparsed.
 */
static runtime_error *
skipAll(const uint8_t *b, size_t n)
{
	dnsmessage_Parser p = { 0 };
	dnsmessage_Header h;
	runtime_error	 *err;

	if ((err = dnsmessage_Parser_Start(&p, b, n, &h)) != NULL)
		return err;
	if ((err = dnsmessage_Parser_SkipAllQuestions(&p)) != NULL)
		return err;
	if ((err = dnsmessage_Parser_SkipAllAnswers(&p)) != NULL)
		return err;
	if ((err = dnsmessage_Parser_SkipAllAuthorities(&p)) != NULL)
		return err;
	return dnsmessage_Parser_SkipAllAdditionals(&p);
}

const char *
opDNSMessage(arg *a)
{
	static uint8_t b[maxDNSMessage];
	runtime_error *err;
	const char    *bad;
	size_t	       n;

	if ((bad = hexArg(&a[0], b, maxDNSMessage, &n)) != NULL)
		return bad;
	writeUnpack(b, n);
	if ((err = skipAll(b, n)) != NULL) {
		fputs(" skip-", stdout);
		writeErr(err);
	} else
		fputs(" skip=ok", stdout);
	return NULL;
}
