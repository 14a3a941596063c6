/* C port of go1.19 src/internal/singleflight/singleflight.go */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal/singleflight/singleflight.h"
#include "runtime/linkname.h"

/*
 * singleflight_call is Go's call.  refs counts the Results handed out
 * (or promised) plus one for doCall while it runs; the last release
 * frees the call, so it outlives both its map entry and doCall for as
 * long as any caller looks at its value.
 */
struct singleflight_call {
	singleflight_call *next; /* the Group's list */
	char		  *key;
	size_t		   keylen;
	sync_WaitGroup	   wg;
	void		  *val;
	runtime_error	  *err;
	void (*freeVal)(void *);
	int		    dups;
	runtime_hchan	  **chans;
	int		    nchans;
	_Atomic int	    refs;
	singleflight_Func   fn;
	void		   *arg;
	singleflight_Group *g;
};

static singleflight_call **
lookupCall(singleflight_Group *g, const char *key, size_t keylen)
{
	singleflight_call **p;

	for (p = &g->m; *p != NULL; p = &(*p)->next)
		if ((*p)->keylen == keylen &&
		    memcmp((*p)->key, key, keylen) == 0)
			return p;
	return p;
}

static void
deleteCall(singleflight_Group *g, const char *key, size_t keylen)
{
	singleflight_call **p;

	p = lookupCall(g, key, keylen);
	if (*p != NULL)
		*p = (*p)->next;
}

/* newCall makes a call with refs for its first Result and doCall. */
static singleflight_call *
newCall(singleflight_Group *g, const char *key, size_t keylen,
    singleflight_Func fn, void *arg, void (*freeVal)(void *))
{
	singleflight_call *c;

	c = runtime_malloc(sizeof(*c));
	c->key = runtime_malloc(keylen + 1);
	memcpy(c->key, key, keylen);
	c->keylen = keylen;
	c->fn = fn;
	c->arg = arg;
	c->freeVal = freeVal;
	c->g = g;
	atomic_init(&c->refs, 2);
	sync_WaitGroup_Add(&c->wg, 1);
	return c;
}

static void
release(singleflight_call *c)
{
	if (atomic_fetch_sub(&c->refs, 1) != 1)
		return;
	if (c->freeVal != NULL)
		c->freeVal(c->val);
	runtime_error_Free(c->err);
	free(c->chans);
	free(c->key);
	free(c);
}

void
singleflight_Result_Release(singleflight_Result *r)
{
	if (r->c != NULL)
		release(r->c);
	*r = (singleflight_Result){ 0 };
}

/* result is what a caller of c gets, with its reference. */
static singleflight_Result
result(singleflight_call *c, bool shared)
{
	return (singleflight_Result){ c->val, c->err, shared, c };
}

/* doCall runs fn, then hands the result to every DoChan waiter. */
static void
doCall(singleflight_call *c)
{
	singleflight_Group *g = c->g;
	singleflight_Result r;
	int		    i;

	c->err = c->fn(c->arg, &c->val);
	sync_WaitGroup_Done(&c->wg);

	sync_Mutex_Lock(&g->mu);
	deleteCall(g, c->key, c->keylen);
	for (i = 0; i < c->nchans; i++) {
		r = result(c, c->dups > 0);
		runtime_chansend1(c->chans[i], &r);
	}
	sync_Mutex_Unlock(&g->mu);
	release(c);
}

void
singleflight_Group_Do(singleflight_Group *g, const char *key, size_t keylen,
    singleflight_Func fn, void *arg, void (*freeVal)(void *),
    singleflight_Result *r)
{
	singleflight_call *c;

	sync_Mutex_Lock(&g->mu);
	c = *lookupCall(g, key, keylen);
	if (c != NULL) {
		c->dups++;
		atomic_fetch_add(&c->refs, 1);
		sync_Mutex_Unlock(&g->mu);
		sync_WaitGroup_Wait(&c->wg);
		*r = result(c, true);
		return;
	}
	c = newCall(g, key, keylen, fn, arg, freeVal);
	c->next = g->m;
	g->m = c;
	sync_Mutex_Unlock(&g->mu);

	/* doCall drops its own reference; ours keeps c alive. */
	doCall(c);
	*r = result(c, c->dups > 0);
}

static void
addChan(singleflight_call *c, runtime_hchan *ch)
{
	c->chans = runtime_realloc(
	    c->chans, (size_t)(c->nchans + 1) * sizeof(c->chans[0]));
	c->chans[c->nchans++] = ch;
}

static void
doCallGoroutine(void *arg)
{
	doCall(arg);
}

runtime_hchan *
singleflight_Group_DoChan(singleflight_Group *g, const char *key, size_t keylen,
    singleflight_Func fn, void *arg, void (*freeVal)(void *), bool *first)
{
	singleflight_call *c;
	runtime_hchan	  *ch;

	ch = runtime_makechan(sizeof(singleflight_Result), 1);
	sync_Mutex_Lock(&g->mu);
	c = *lookupCall(g, key, keylen);
	if (c != NULL) {
		c->dups++;
		atomic_fetch_add(&c->refs, 1);
		addChan(c, ch);
		sync_Mutex_Unlock(&g->mu);
		*first = false;
		return ch;
	}
	c = newCall(g, key, keylen, fn, arg, freeVal);
	addChan(c, ch);
	c->next = g->m;
	g->m = c;
	sync_Mutex_Unlock(&g->mu);

	runtime_Go(doCallGoroutine, c);
	*first = true;
	return ch;
}

bool
singleflight_Group_ForgetUnshared(
    singleflight_Group *g, const char *key, size_t keylen)
{
	singleflight_call *c;
	bool		   forgotten;

	sync_Mutex_Lock(&g->mu);
	c = *lookupCall(g, key, keylen);
	forgotten = c == NULL || c->dups == 0;
	if (c != NULL && c->dups == 0)
		deleteCall(g, key, keylen);
	sync_Mutex_Unlock(&g->mu);
	return forgotten;
}
