/*
 * gonet test helper (C only): Go's testing.AllocsPerRun, over a counting
 * hook on malloc, calloc and realloc (tests/allocs_hook.c).
 *
 * The hook needs the test binary linked with
 *	-Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc
 * which redirects every call from the objects on the link line (the tests
 * and libgonet.a) to the counting __wrap_ functions.  The declarations are
 * weak so that a binary built without tests/allocs_hook.c still links; a
 * test then finds testing_AllocsPerRun NULL and skips.
 */
#ifndef GONET_ALLOCS_HOOK_H
#define GONET_ALLOCS_HOOK_H

#include <stdbool.h>

/*
 * testing_AllocsPerRun calls f(arg) once to warm up, then runs times,
 * and returns the number of allocations (by any thread) per run, rounded
 * down as Go's is.  It returns -1 when the allocation functions are not
 * wrapped, so that nothing can be counted.
 */
double testing_AllocsPerRun(int runs, void (*f)(void *), void *arg)
    __attribute__((weak));

#endif /* GONET_ALLOCS_HOOK_H */
