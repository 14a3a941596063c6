/* C port of go1.19 src/net/netip/uint128_test.go */
#include "tests/netip/netip_test.h"

#define ones (~(uint64_t)0)

static const struct {
	netip_uint128 in;
	int	      op;
	netip_uint128 want;
} uint128AddSubTests[] = {
	{ { 0, 0 }, 1, { 0, 1 } },
	{ { 0, 1 }, 1, { 0, 2 } },
	{ { 1, 0 }, 1, { 1, 1 } },
	{ { 0, ones }, 1, { 1, 0 } },
	{ { ones, ones }, 1, { 0, 0 } },

	{ { 0, 0 }, -1, { ones, ones } },
	{ { 0, 1 }, -1, { 0, 0 } },
	{ { 0, 2 }, -1, { 0, 1 } },
	{ { 1, 0 }, -1, { 0, ones } },
	{ { 1, 1 }, -1, { 1, 0 } },
};

START_TEST(TestUint128AddSub)
{
	netip_uint128 got, in = uint128AddSubTests[_i].in;
	netip_uint128 want = uint128AddSubTests[_i].want;

	if (uint128AddSubTests[_i].op == 1)
		got = netip_uint128_addOne(in);
	else
		got = netip_uint128_subOne(in);
	ck_assert_msg(got.hi == want.hi && got.lo == want.lo,
	    "{%#jx %#jx} add %d = {%#jx %#jx}; want {%#jx %#jx}",
	    (uintmax_t)in.hi, (uintmax_t)in.lo, uint128AddSubTests[_i].op,
	    (uintmax_t)got.hi, (uintmax_t)got.lo, (uintmax_t)want.hi,
	    (uintmax_t)want.lo);
}
END_TEST

static const struct {
	uint8_t	      bit;
	netip_uint128 want;
} bitsSetFromTests[] = {
	{ 0, { ones, ones } },
	{ 1, { ones >> 1, ones } },
	{ 63, { 1, ones } },
	{ 64, { 0, ones } },
	{ 65, { 0, ones >> 1 } },
	{ 127, { 0, 1 } },
	{ 128, { 0, 0 } },
};

START_TEST(TestBitsSetFrom)
{
	netip_uint128 zero = { 0, 0 }, got;

	got = netip_uint128_bitsSetFrom(zero, bitsSetFromTests[_i].bit);
	ck_assert_msg(got.hi == bitsSetFromTests[_i].want.hi &&
		got.lo == bitsSetFromTests[_i].want.lo,
	    "0.bitsSetFrom(%d) = {%#jx %#jx}", bitsSetFromTests[_i].bit,
	    (uintmax_t)got.hi, (uintmax_t)got.lo);
}
END_TEST

static const struct {
	uint8_t	      bit;
	netip_uint128 want;
} bitsClearedFromTests[] = {
	{ 0, { 0, 0 } },
	{ 1, { (uint64_t)1 << 63, 0 } },
	{ 63, { ones & ~(uint64_t)1, 0 } },
	{ 64, { ones, 0 } },
	{ 65, { ones, (uint64_t)1 << 63 } },
	{ 127, { ones, ones & ~(uint64_t)1 } },
	{ 128, { ones, ones } },
};

START_TEST(TestBitsClearedFrom)
{
	netip_uint128 all = { ones, ones }, got;

	got = netip_uint128_bitsClearedFrom(all, bitsClearedFromTests[_i].bit);
	ck_assert_msg(got.hi == bitsClearedFromTests[_i].want.hi &&
		got.lo == bitsClearedFromTests[_i].want.lo,
	    "ones.bitsClearedFrom(%d) = {%#jx %#jx}",
	    bitsClearedFromTests[_i].bit, (uintmax_t)got.hi, (uintmax_t)got.lo);
}
END_TEST

Suite *
uint128_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("uint128");
	tc = newTCase("uint128");
	tcase_add_loop_test(
	    tc, TestUint128AddSub, 0, nelem(uint128AddSubTests));
	tcase_add_loop_test(tc, TestBitsSetFrom, 0, nelem(bitsSetFromTests));
	tcase_add_loop_test(
	    tc, TestBitsClearedFrom, 0, nelem(bitsClearedFromTests));
	suite_add_tcase(s, tc);
	return s;
}
