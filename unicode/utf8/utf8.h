/*
 * gonet package unicode/utf8, the part bufio uses: FullRune, DecodeRune,
 * EncodeRune.  Private: not installed.  A rune is Go's int32.
 */
#ifndef GONET_UNICODE_UTF8_H
#define GONET_UNICODE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	utf8_RuneError = 0xFFFD,
	utf8_RuneSelf = 0x80,
	utf8_MaxRune = 0x10FFFF,
	utf8_UTFMax = 4,
};

bool utf8_FullRune(const uint8_t *p, size_t n);
/*
 * utf8_DecodeRune writes the byte count through size: (RuneError, 1) on a bad
 * encoding.
 */
int32_t utf8_DecodeRune(const uint8_t *p, size_t n, int *size);
/* utf8_EncodeRune writes r's encoding (at most UTFMax bytes) to p. */
int utf8_EncodeRune(uint8_t *p, int32_t r);

#endif /* GONET_UNICODE_UTF8_H */
