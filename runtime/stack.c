/*
 * C port of go1.19 src/runtime/stack.go, in role: where goroutine stacks
 * come from and go back to.  Go starts a stack small and copies it to grow
 * it; C frames cannot be moved, so every gonet stack is one fixed size,
 * reserved whole and committed by the kernel page by page as it is
 * touched.  docs/DESIGN.md ("Goroutine stacks and switches") gives the
 * sizes and why.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "runtime/runtime_impl.h"
#include "runtime/stack.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define GONET_VALGRIND 1
#endif
#endif

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
#define MAP_STACK 0
#endif

_Static_assert(offsetof(runtime_gobuf, sp) == GOBUF_SP, "gobuf.sp");
_Static_assert(offsetof(runtime_gobuf, pc) == GOBUF_PC, "gobuf.pc");
_Static_assert(offsetof(runtime_gobuf, ctxt) == GOBUF_CTXT, "gobuf.ctxt");
_Static_assert(offsetof(runtime_gobuf, bp) == GOBUF_BP, "gobuf.bp");
_Static_assert(offsetof(runtime_gobuf, regs) == GOBUF_REGS, "gobuf.regs");
_Static_assert(offsetof(runtime_gobuf, fpcr) == GOBUF_FPCR, "gobuf.fpcr");
_Static_assert(offsetof(runtime_gobuf, fpcw) == GOBUF_FPCW, "gobuf.fpcw");
_Static_assert(offsetof(runtime_stack, hi) == STACK_HI, "stack.hi");

enum {
	/*
	 * The default size: glibc's formatted output and name-service
	 * code need tens of KiB, and a goroutine may call them from deep
	 * in net/.  ASan's redzones make frames several times larger;
	 * TSan's reports run on the stack that raced.
	 */
	stackDefault = 256 << 10,
	stackAsanFactor = 4,
	stackRaceFactor = 2,
	stackMin = 16 << 10,
	/*
	 * The guard is larger than a page so that a frame bigger than a
	 * page (a local array) still lands in it rather than in the
	 * mapping below, which may be another goroutine's stack.
	 */
	stackGuard = 64 << 10
};

/*
 * A spanBlock records the guards of many stacks for the overflow
 * handler: a heap block per stack would add its malloc overhead to every
 * goroutine's memory.  Blocks are never freed; the handler reads them
 * without a lock, n published after the guard it counts.  Guard i is
 * [guard[i], guard[i] + stackGuard).
 */
enum { spanBlockGuards = 510 };

struct spanBlock {
	struct spanBlock *next;
	_Atomic size_t	  n;
	uintptr_t	  guard[spanBlockGuards];
};

/* stackNode links a free stack; it lives at the top of the stack itself. */
struct stackNode {
	runtime_stack	  stk;
	struct stackNode *next;
};

static pthread_once_t		   stackOnce = PTHREAD_ONCE_INIT;
static size_t			   stackSize;
static size_t			   pageSize;
static _Atomic(struct spanBlock *) allspans;
static pthread_mutex_t		   stackLock = PTHREAD_MUTEX_INITIALIZER;
static struct stackNode		  *stackHot;  /* pages kept */
static struct stackNode		  *stackCold; /* pages returned */
static int			   nhot;

/* stackSizeEnv parses GONET_STACKSIZE: bytes, or with a K or M suffix. */
static size_t
stackSizeEnv(const char *s)
{
	char	     *end;
	unsigned long n;

	n = strtoul(s, &end, 10);
	if (end == s)
		runtime_throw("runtime: bad GONET_STACKSIZE");
	if (*end == 'K' || *end == 'k')
		n <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		n <<= 20, end++;
	if (*end != '\0' || n < stackMin)
		runtime_throw("runtime: bad GONET_STACKSIZE (at least 16K)");
	return n;
}

static void
stackinit(void)
{
	const char *s;
	size_t	    n;

	pageSize = (size_t)sysconf(_SC_PAGESIZE);
	n = stackDefault;
	if (runtime_asanenabled)
		n *= stackAsanFactor;
	else if (runtime_raceenabled)
		n *= stackRaceFactor;
	s = getenv("GONET_STACKSIZE");
	if (s != NULL && *s != '\0')
		n = stackSizeEnv(s);
	stackSize = (n + pageSize - 1) & ~(pageSize - 1);
	runtime_initsig();
}

size_t
runtime_stackSize(void)
{
	pthread_once(&stackOnce, stackinit);
	return stackSize;
}

/*
 * Stacks are carved from spans of stackSpanStacks slots, each a guard and
 * the stack above it, as Go carves small stacks from spans
 * (stackpoolalloc): one mapping serves many goroutines, so the mappings a
 * process may have (vm.max_map_count) do not bound how many it runs.  The
 * span's 64 guards are installed with it, in one system call where the
 * kernel allows (runtime_sysFaultEach): one per new stack cost 2-3 us
 * here, more than the rest of a goroutine's start.  A span is 20 MiB of
 * address space at the default size, committed as its pages are touched.
 */
enum { stackSpanStacks = 64 };

static uintptr_t spanNext, spanEnd; /* the span being carved; stackLock */
static bool	 spanGuarded;	    /* its guards are in; stackLock */

/* stackrecordLocked adds a new stack's guard to allspans. */
static void
stackrecordLocked(uintptr_t guard)
{
	struct spanBlock *b;
	size_t		  n;

	b = atomic_load(&allspans);
	n = b != NULL ? atomic_load_explicit(&b->n, memory_order_relaxed) : 0;
	if (b == NULL || n == spanBlockGuards) {
		b = runtime_malloc(sizeof(*b));
		b->next = atomic_load(&allspans);
		atomic_store(&allspans, b);
		n = 0;
	}
	b->guard[n] = guard;
	atomic_store_explicit(&b->n, n + 1, memory_order_release);
}

/*
 * stackcarve takes the next slot of the span, mapping a span if none, and
 * says in *guarded whether the slot's guard is already in.
 */
static uintptr_t
stackcarve(bool *guarded)
{
	size_t	  slot, span;
	uintptr_t p;
	void	 *v;

	slot = stackGuard + stackSize;
	span = slot * stackSpanStacks;
	pthread_mutex_lock(&stackLock);
	if (spanNext == spanEnd) {
		v = mmap(NULL, span, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1,
		    0);
		if (v == MAP_FAILED)
			runtime_throw(
			    "runtime: cannot reserve goroutine stacks");
		runtime_sysNoHugePage(v, span);
		spanNext = (uintptr_t)v;
		spanEnd = spanNext + span;
		spanGuarded =
		    runtime_sysFaultEach(v, slot, stackSpanStacks, stackGuard);
	}
	p = spanNext;
	spanNext += slot;
	*guarded = spanGuarded;
	stackrecordLocked(p);
	pthread_mutex_unlock(&stackLock);
	return p;
}

/*
 * stackmap makes a new stack, its guard faulting below it; a guard the
 * span brought is faulted again only where guards are now mprotect'd.
 */
static runtime_stack
stackmap(void)
{
	runtime_stack stk;
	uintptr_t     p;
	bool	      guarded;

	p = stackcarve(&guarded);
	if (!guarded || !runtime_sysFaultKeepsMapping())
		runtime_sysFault((void *)p, stackGuard);
	stk.lo = p + stackGuard;
	stk.hi = stk.lo + stackSize;
#ifdef GONET_VALGRIND
	(void)VALGRIND_STACK_REGISTER(stk.lo, stk.hi);
#endif
	return stk;
}

/* stackpop takes a free stack, one with its pages first. */
static struct stackNode *
stackpop(void)
{
	struct stackNode *n;

	pthread_mutex_lock(&stackLock);
	n = stackHot;
	if (n != NULL) {
		stackHot = n->next;
		nhot--;
	} else if ((n = stackCold) != NULL)
		stackCold = n->next;
	pthread_mutex_unlock(&stackLock);
	return n;
}

runtime_stack
runtime_stackalloc(void)
{
	struct stackNode *n;

	runtime_stack stk;

	pthread_once(&stackOnce, stackinit);
	n = stackpop();
	stk = n != NULL ? n->stk : stackmap();
	runtime_asanregisterroot(stk.lo, stackSize, true);
	return stk;
}

/*
 * stackpush puts n on the hot list if there is room and reports whether
 * it did; otherwise, with cold set, on the cold list.
 */
static bool
stackpush(struct stackNode *n, bool cold)
{
	bool ok;

	ok = true;
	pthread_mutex_lock(&stackLock);
	if (cold) {
		n->next = stackCold;
		stackCold = n;
	} else if (nhot < runtime_stackCacheHot) {
		n->next = stackHot;
		stackHot = n;
		nhot++;
	} else
		ok = false;
	pthread_mutex_unlock(&stackLock);
	return ok;
}

void
runtime_stackfree(runtime_stack stk)
{
	struct stackNode *n;

	if (stk.hi - stk.lo != stackSize)
		runtime_throw(
		    "runtime: stackfree of a stack of the wrong size");
	runtime_asanunpoison(stk.lo, stackSize);
	runtime_asanregisterroot(stk.lo, stackSize, false);
	/* The top page holds the node and is the first a new user touches. */
	n = (struct stackNode *)(stk.hi - sizeof(*n));
	n->stk = stk;
	if (stackpush(n, false))
		return;
	madvise((void *)stk.lo, stackSize - pageSize, MADV_DONTNEED);
	stackpush(n, true);
}

bool
runtime_stackguard(uintptr_t addr)
{
	struct spanBlock *b;
	size_t		  i, n;

	for (b = atomic_load(&allspans); b != NULL; b = b->next) {
		n = atomic_load_explicit(&b->n, memory_order_acquire);
		for (i = 0; i < n; i++)
			if (addr >= b->guard[i] &&
			    addr < b->guard[i] + stackGuard)
				return true;
	}
	return false;
}

size_t
runtime_stacksMade(void)
{
	struct spanBlock *b;
	size_t		  n;

	n = 0;
	for (b = atomic_load(&allspans); b != NULL; b = b->next)
		n += atomic_load_explicit(&b->n, memory_order_acquire);
	return n;
}

/*
 * runtime_stackshrink gives back the pages of stk below its top keep
 * bytes if the goroutine that used it reached below them, so that a dead
 * goroutine's deep frames do not stay resident while its g waits for
 * reuse (Go frees a grown stack when its goroutine exits).  One mincore
 * of the first page below keep tells whether it went that deep; a
 * goroutine that stayed above pays that one system call.
 */
void
runtime_stackshrink(runtime_stack stk, size_t keep)
{
	unsigned char vec;
	uintptr_t     probe;

	if (stk.hi - stk.lo <= keep + pageSize)
		return;
	probe = (stk.hi - keep - pageSize) & ~(uintptr_t)(pageSize - 1);
	if (mincore((void *)probe, pageSize, &vec) != 0 || (vec & 1) == 0)
		return;
	madvise((void *)stk.lo, probe + pageSize - stk.lo, MADV_DONTNEED);
}
