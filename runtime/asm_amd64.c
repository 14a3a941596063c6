/*
 * C port of the procyield of go1.19 src/runtime/asm_amd64.s.
 * built on: amd64
 */
#include <stdint.h>

#include "runtime/runtime2.h"

/*
 * runtime_procyield executes cycles PAUSE instructions, which tell the CPU
 * that this is a spin-wait loop: the sibling hyperthread gets the core and
 * the loop's exit does not pay for a memory-order mis-speculation.
 */
void
runtime_procyield(uint32_t cycles)
{
	while (cycles-- > 0)
		__asm__ __volatile__("pause" ::: "memory");
}
