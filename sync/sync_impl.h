/*
 * gonet package sync: what its files share and do not export (Go's
 * sync/runtime.go: the runtime functions sync links to).
 */
#ifndef GONET_SYNC_IMPL_H
#define GONET_SYNC_IMPL_H

#include <stdatomic.h>
#include <stdint.h>

#include "runtime/linkname_sync.h"
#include "sync/sync.h"

/*
 * Go's sync types hold plain integers updated with sync/atomic; C11 wants
 * _Atomic objects, and these views have the same size and alignment.
 */
static inline _Atomic int32_t *
sync_atomic32(int32_t *p)
{
	return (_Atomic int32_t *)p;
}

static inline _Atomic uint32_t *
sync_atomicU32(uint32_t *p)
{
	return (_Atomic uint32_t *)p;
}

#endif /* GONET_SYNC_IMPL_H */
