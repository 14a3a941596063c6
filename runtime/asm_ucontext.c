/*
 * gonet runtime (C only): gogo, mcall and gostartcall over POSIX ucontext,
 * the portable stand-in for asm_<arch>.S where gonet has no assembly (and
 * on amd64 with make GOARCH_ASM=generic, so that both are tested).
 * built on: any (mk/arch-generic.mk)
 *
 * A saved goroutine is a ucontext_t in its own suspended frame (gobuf.ctxt
 * points at it); a fresh frame is a ucstart carved from the top of the
 * target stack.  Each switch costs a signal-mask system call, which is why
 * this is the fallback and not the rule.
 */
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "runtime/runtime.h"
#include "runtime/runtime2.h"
#include "runtime/stack.h"

/* ucstart is what the entry trampoline of a fresh frame needs. */
struct ucstart {
	ucontext_t uc;
	void (*fn)(void *);
	void *arg;
	void (*bad)(void); /* called if fn returns */
};

/*
 * ucentry receives its ucstart split in two ints: makecontext passes only
 * int arguments portably.
 */
static void
ucentry(unsigned int hi, unsigned int lo)
{
	struct ucstart *s;

	s = (struct ucstart *)(((uintptr_t)hi << 16 << 16) | lo);
	s->fn(s->arg);
	s->bad();
}

/*
 * ucprepare builds at the top of stk a context that will call fn(arg) and
 * then bad.
 */
static struct ucstart *
ucprepare(
    const runtime_stack *stk, void (*fn)(void *), void *arg, void (*bad)(void))
{
	struct ucstart *volatile s; /* getcontext returns twice, in theory */
	uintptr_t p;

	p = (stk->hi - sizeof(*s)) & ~(uintptr_t)63;
	s = (struct ucstart *)p;
	memset(s, 0, sizeof(*s));
	if (getcontext(&s->uc) != 0)
		return NULL;
	s->uc.uc_stack.ss_sp = (void *)stk->lo;
	s->uc.uc_stack.ss_size = p - stk->lo;
	s->uc.uc_link = NULL;
	s->fn = fn;
	s->arg = arg;
	s->bad = bad;
	makecontext(&s->uc, (void (*)(void))ucentry, 2,
	    (unsigned int)(p >> 16 >> 16), (unsigned int)p);
	return s;
}

void
runtime_gogo(runtime_gobuf *buf)
{
	setcontext(buf->ctxt);
	runtime_throw("gogo: setcontext failed");
}

void
runtime_mcall(runtime_gobuf *from, const runtime_stack *stk, void (*fn)(void *),
    void *arg)
{
	ucontext_t	self;
	struct ucstart *s;

	memset(&self, 0, sizeof(self));
	s = ucprepare(stk, fn, arg, runtime_badmcall2);
	if (s == NULL)
		runtime_throw("mcall: getcontext failed");
	from->ctxt = &self;
	swapcontext(&self, &s->uc);
}

void
runtime_gostartcall(
    runtime_gobuf *buf, const runtime_stack *stk, void (*fn)(void *), void *arg)
{
	struct ucstart *s;

	*buf = (runtime_gobuf){ 0 };
	s = ucprepare(stk, fn, arg, runtime_badgostart);
	if (s == NULL)
		runtime_throw("gostartcall: getcontext failed");
	buf->ctxt = &s->uc;
	buf->sp = (uintptr_t)s;
}

/*
 * runtime_procyield spins for about cycles iterations.  Without an
 * architecture's pause instruction, a compiler barrier keeps the loop from
 * being optimised away, which is all a spin-wait needs to be correct.
 */
void
runtime_procyield(uint32_t cycles)
{
	while (cycles-- > 0)
		__asm__ __volatile__("" ::: "memory");
}
