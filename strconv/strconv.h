/*
 * gonet strconv: the slice of Go 1.19's strconv that gonet's packages use
 * (Quote, for error texts).  Private to gonet: not a public header.
 */
#ifndef GONET_STRCONV_H
#define GONET_STRCONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* strconv_Quote returns Go's strconv.Quote(s[0:n]), malloc'd. */
char *strconv_Quote(const char *s, size_t n);
bool  strconv_IsPrint(int32_t r);

/* isprint.c, generated from Go's tables. */
extern const uint16_t strconv_isPrint16[], strconv_isNotPrint16[];
extern const uint32_t strconv_isPrint32[];
extern const uint16_t strconv_isNotPrint32[], strconv_isGraphic[];
extern const size_t   strconv_isPrint16_len, strconv_isNotPrint16_len;
extern const size_t   strconv_isPrint32_len, strconv_isNotPrint32_len;
extern const size_t   strconv_isGraphic_len;

#endif /* GONET_STRCONV_H */
