/*
 * gonet netip tests (C only): what the files of tests/netip share, the twin of
 * the helpers Go's netip tests get from export_test.go and slow_test.go.
 */
#ifndef GONET_NETIP_TEST_H
#define GONET_NETIP_TEST_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "net/netip/netip_impl.h"
#include "tests/main_test.h"

/* ip and mustPrefix: "" is the zero value, anything else MustParse's. */
netip_Addr   mustIP(const char *s);
netip_Prefix mustPrefix(const char *s);
#define mustIPPort netip_MustParseAddrPort

/* addrEq, addrPortEq and prefixEq are Go's ==. */
bool addrEq(netip_Addr a, netip_Addr b);
bool addrPortEq(netip_AddrPort a, netip_AddrPort b);
bool prefixEq(netip_Prefix a, netip_Prefix b);

/* MkAddr and Mk128 are export_test.go's; Z4 and Z6noz its sentinels. */
netip_Addr    MkAddr(netip_uint128 u, const intern_Value *z);
netip_uint128 Mk128(uint64_t hi, uint64_t lo);
#define Z4	     netip_z4
#define Z6noz	     netip_z6noz
#define internGet(s) intern_GetByString((s), strlen(s))

/* S returns a String in a buffer that lives until the test ends. */
const char *S(char *s);

/*
 * testAppendToMarshal: AppendTo, into a buffer of MarshalText's length, equals
 * it.
 */
#define testAppendToMarshal(T, x)                                              \
	do {                                                                   \
		char  *m_, *a_;                                                \
		size_t n_, got_;                                               \
                                                                               \
		ck_assert_ptr_null(netip_##T##_MarshalText((x), &m_));         \
		n_ = strlen(m_);                                               \
		a_ = malloc(n_ + 1);                                           \
		got_ = netip_##T##_AppendTo((x), a_, 0, n_);                   \
		ck_assert_msg(got_ == n_ && memcmp(a_, m_, n_) == 0,           \
		    "MarshalText = \"%s\", AppendTo = \"%.*s\"", m_,           \
		    (int)(got_ < n_ ? got_ : n_), a_);                         \
		free(a_);                                                      \
		free(m_);                                                      \
	} while (0)

/* slow_test.c */
runtime_error *parseIPSlow(const char *s, netip_Addr *ip);

#endif /* GONET_NETIP_TEST_H */
