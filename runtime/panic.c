/*
 * C port of go1.19 src/runtime/panic.go: only throw, the path a broken
 * invariant takes.  Go prints its message and a traceback, then exits;
 * abort gives C the core dump that stands in for the traceback.
 */
#include <stdio.h>
#include <stdlib.h>

#include "runtime/runtime.h"

void
runtime_throw(const char *reason)
{
	fprintf(stderr, "fatal error: %s\n", reason);
	fflush(stderr);
	abort();
}
