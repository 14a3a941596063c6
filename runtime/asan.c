/*
 * C port of go1.19 src/runtime/asan.go and asan0.go, the part a context
 * switch needs: AddressSanitizer tracks one stack per thread, so every
 * switch tells it which stack comes next (start) and, once there, which
 * one was left (finish).  Without ASan in the build the hooks do nothing.
 */
#include "runtime/stack.h"

#if GONET_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>

/*
 * runtime_asanstartswitch is called just before switching to the stack
 * to.  fakesave receives the leaving context's fake stack (used for
 * detect_stack_use_after_return); NULL means the leaving context is dead
 * and ASan frees it.
 */
void
runtime_asanstartswitch(void **fakesave, runtime_stack to)
{
	__sanitizer_start_switch_fiber(
	    fakesave, (const void *)to.lo, to.hi - to.lo);
}

/*
 * runtime_asanfinishswitch is called first thing on the new stack, with
 * the fake stack this context saved when it left (NULL if it never ran).
 * It stores the bounds of the stack just left in *from, which is how a
 * thread's own stack gets known bounds.
 */
void
runtime_asanfinishswitch(void *fakesave, runtime_stack *from)
{
	const void *bottom;
	size_t	    size;

	__sanitizer_finish_switch_fiber(fakesave, &bottom, &size);
	if (from != NULL) {
		from->lo = (uintptr_t)bottom;
		from->hi = (uintptr_t)bottom + size;
	}
}

/*
 * runtime_asanunpoison clears the shadow of a stack about to be reused:
 * frames abandoned by a switch never ran their epilogues, and their
 * redzones would otherwise poison the next goroutine's locals.  Only the
 * part from the lowest poisoned byte up is written, so that shadow pages
 * of stack never used stay uncommitted.
 */
void
runtime_asanunpoison(uintptr_t addr, size_t n)
{
	void *p;

	p = __asan_region_is_poisoned((void *)addr, n);
	if (p != NULL)
		__asan_unpoison_memory_region(p, addr + n - (uintptr_t)p);
}

/*
 * asanFrameSlack reaches below the mark to the frames the switch itself
 * calls after taking it: runtime_mcall is C in the ucontext build, with a
 * ucontext_t (about 1 KiB) between redzones, and sits at the depth of
 * runtime_asanframe's own frame.  Clearing 8 KiB more costs 1 KiB of
 * shadow writes.
 */
enum { asanFrameSlack = 8 << 10 };

/*
 * runtime_asanframe returns the frame address of a call made from the
 * switch of a dying goroutine, less asanFrameSlack.  Every frame that
 * goroutine abandoned, with the redzones ASan put in them, lies above
 * it.  Unpoisoning from here up instead of scanning the
 * whole stack matters: __asan_region_is_poisoned falls back to a byte at a
 * time once it meets poison, and on a 1 MiB stack that made every go
 * statement cost about a millisecond.
 */
__attribute__((noinline)) uintptr_t
runtime_asanframe(void)
{
	return (uintptr_t)__builtin_frame_address(0) - asanFrameSlack;
}

/*
 * runtime_asanregisterroot makes LeakSanitizer scan a goroutine stack for
 * pointers from the time a g takes it (on) until it goes back to the stack
 * cache.  LSan knows thread stacks and globals, not our mmap'd stacks, so
 * memory a parked goroutine still holds at exit (a sudog its sender has
 * not yet released, a buffer a server goroutine owns) would read as leaked;
 * Go's collector scans those stacks too.  proc.c takes a dead g's stack
 * off the list until a go statement reuses it.
 */
void
runtime_asanregisterroot(uintptr_t lo, size_t n, bool on)
{
	if (on)
		__lsan_register_root_region((const void *)lo, n);
	else
		__lsan_unregister_root_region((const void *)lo, n);
}

#else

uintptr_t
runtime_asanframe(void)
{
	return 0;
}

void
runtime_asanunpoison(uintptr_t addr, size_t n)
{
	(void)addr;
	(void)n;
}

void
runtime_asanregisterroot(uintptr_t lo, size_t n, bool on)
{
	(void)lo;
	(void)n;
	(void)on;
}

#endif
