/*
 * C port of go1.19 src/runtime/stubs.go: fastrand and fastrandn only.
 *
 * Go keeps the generator's state in the M, so that it needs no lock; a
 * thread-local is the M here.  Go seeds each M from the startup random
 * data and the M's id; gonet mixes the clock with the state's own address
 * (one per thread) and a process-wide counter, so that threads started in
 * the same nanosecond still draw different sequences.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "runtime/runtime2.h"

static _Thread_local uint64_t m_fastrand;
static _Atomic uint64_t	      fastrandseq;

/* mix64 is the splitmix64 finaliser: every input bit moves every output bit. */
static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
fastrandinit(void)
{
	uint64_t seed;

	seed = (uint64_t)runtime_nanotime() ^ (uint64_t)(uintptr_t)&m_fastrand;
	seed ^= atomic_fetch_add(&fastrandseq, 1) * 0x9e3779b97f4a7c15ULL;
	m_fastrand = mix64(seed);
	if (m_fastrand == 0)
		m_fastrand = 1;
}

/* runtime_fastrand is wyrand, the 64-bit platforms' choice in Go 1.19. */
uint32_t
runtime_fastrand(void)
{
	unsigned __int128 m;
	uint64_t	  hi, lo;

	if (m_fastrand == 0)
		fastrandinit();
	m_fastrand += 0xa0761d6478bd642fULL;
	m = (unsigned __int128)m_fastrand *
	    (m_fastrand ^ 0xe7037ed1a0b428dbULL);
	hi = (uint64_t)(m >> 64);
	lo = (uint64_t)m;
	return (uint32_t)(hi ^ lo);
}

/*
 * runtime_fastrandn maps fastrand onto [0, n) by multiplication (Lemire's
 * reduction) rather than a modulo, as Go does.
 */
uint32_t
runtime_fastrandn(uint32_t n)
{
	return (uint32_t)(((uint64_t)runtime_fastrand() * n) >> 32);
}
