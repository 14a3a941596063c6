/*
 * C port of go1.19 src/runtime/race.go and race0.go, the part a context
 * switch needs: ThreadSanitizer keeps its clocks and shadow call stack per
 * thread, so each goroutine stack is a TSan fiber and every switch names
 * the fiber that runs next.  A switch synchronizes the two fibers (TSan's
 * default), as running on one thread in turn does.  Without TSan in the
 * build the hooks do nothing.
 */
#include <stddef.h>

#include "runtime/stack.h"

#if GONET_TSAN
#include <sanitizer/tsan_interface.h>

void *
runtime_racefibercreate(void)
{
	return __tsan_create_fiber(0);
}

/* runtime_racefibercurrent is the running fiber (a thread's own, at first). */
void *
runtime_racefibercurrent(void)
{
	return __tsan_get_current_fiber();
}

/* runtime_racefiberswitch is called just before the switch to fiber. */
void
runtime_racefiberswitch(void *fiber)
{
	__tsan_switch_to_fiber(fiber, 0);
}

void
runtime_racefiberdestroy(void *fiber)
{
	__tsan_destroy_fiber(fiber);
}

#else

void *
runtime_racefibercreate(void)
{
	return NULL;
}

void *
runtime_racefibercurrent(void)
{
	return NULL;
}

void
runtime_racefiberdestroy(void *fiber)
{
	(void)fiber;
}

#endif
