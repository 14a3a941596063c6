/*
 * gonet internal/singleflight: one execution of a function per key at a
 * time, its result shared by every caller that asked meanwhile (the
 * resolver's lookupGroup).  Private header, as Go's internal packages are.
 *
 * Memory, where Go has a collector: the value and error fn produces
 * belong to the call and are shared by every Result handed out for it.
 * Each Result holds a reference; release it with
 * singleflight_Result_Release once done with Val and Err (copy what must
 * outlive it), and the last release frees them (freeVal(Val), which may
 * be NULL for a value nobody frees, and runtime_error_Free(Err)).
 */
#ifndef GONET_INTERNAL_SINGLEFLIGHT_H
#define GONET_INTERNAL_SINGLEFLIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/runtime.h"
#include "sync/sync.h"

typedef struct singleflight_call singleflight_call;

/*
 * singleflight_Group is Go's Group; the zero value is ready to use.  Go's
 * map from key to call is a list: it holds only the calls in flight.
 */
typedef struct singleflight_Group {
	sync_Mutex	   mu; /* guards m */
	singleflight_call *m;
} singleflight_Group;

/* singleflight_Result is Go's Result plus the reference it holds. */
typedef struct singleflight_Result {
	void		  *Val;
	runtime_error	  *Err;
	bool		   Shared;
	singleflight_call *c;
} singleflight_Result;

/*
 * singleflight_Func is Go's func() (any, error): it returns the error and
 * writes the value to *val; arg carries what a Go closure would capture.
 */
typedef runtime_error *(*singleflight_Func)(void *arg, void **val);

/*
 * singleflight_Group_Do runs fn(arg) for key[0:keylen] (a Go string: it
 * may hold NUL bytes) unless a call for the key is in flight, in which
 * case it waits for that call's result instead.  *r is Go's (v, err,
 * shared), and holds a reference.
 */
void singleflight_Group_Do(singleflight_Group *g, const char *key,
    size_t keylen, singleflight_Func fn, void *arg, void (*freeVal)(void *),
    singleflight_Result *r);
/*
 * singleflight_Group_DoChan is Do that does not wait: it returns a
 * channel (buffered, one singleflight_Result) on which the result will
 * be sent, and sets *first when this call started fn (in a goroutine).
 * The receiver releases the Result and then frees the channel
 * (runtime_hchan_Free).  A caller that stops waiting must still have the
 * channel received from and both released, say by a goroutine, as Go's
 * lookupIPAddr receives in one when it gives up.
 */
runtime_hchan *singleflight_Group_DoChan(singleflight_Group *g, const char *key,
    size_t keylen, singleflight_Func fn, void *arg, void (*freeVal)(void *),
    bool *first);
/*
 * singleflight_Group_ForgetUnshared forgets key's call if nobody but its
 * starter waits for it, so that the next Do starts afresh; it reports
 * whether the key is now forgotten (true if there was no call).
 */
bool singleflight_Group_ForgetUnshared(
    singleflight_Group *g, const char *key, size_t keylen);
/* singleflight_Result_Release drops r's reference; r is zeroed. */
void singleflight_Result_Release(singleflight_Result *r);

#endif /* GONET_INTERNAL_SINGLEFLIGHT_H */
