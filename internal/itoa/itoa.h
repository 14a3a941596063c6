/*
 * gonet internal/itoa: decimal and hex formatting into malloc'd strings.
 * Private header: not installed, and its names are not exported from the
 * libraries, as Go's internal packages are importable only from inside.
 */
#ifndef GONET_INTERNAL_ITOA_H
#define GONET_INTERNAL_ITOA_H

char *itoa_Itoa(long val);
char *itoa_Uitoa(unsigned long val);
char *itoa_Uitox(unsigned long val);

#endif /* GONET_INTERNAL_ITOA_H */
