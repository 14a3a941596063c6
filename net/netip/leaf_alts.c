/* C port of go1.19 src/net/netip/leaf_alts.go */
#include "net/netip/netip_impl.h"

ptrdiff_t
netip_stringsLastIndexByte(const char *s, size_t n, char b)
{
	ptrdiff_t i;

	for (i = (ptrdiff_t)n - 1; i >= 0; i--)
		if (s[i] == b)
			return i;
	return -1;
}

uint64_t
netip_beUint64(const uint8_t *b)
{
	return (uint64_t)b[7] | (uint64_t)b[6] << 8 | (uint64_t)b[5] << 16 |
	    (uint64_t)b[4] << 24 | (uint64_t)b[3] << 32 | (uint64_t)b[2] << 40 |
	    (uint64_t)b[1] << 48 | (uint64_t)b[0] << 56;
}

void
netip_bePutUint64(uint8_t *b, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (56 - 8 * i));
}

void
netip_bePutUint32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

uint16_t
netip_leUint16(const uint8_t *b)
{
	return (uint16_t)(b[0] | b[1] << 8);
}

void
netip_lePutUint16(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}
