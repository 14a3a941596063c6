/*
 * gonet runtime (C only): the goroutine switch as a scheduler will call
 * it, the primitives of asm_<arch>.S (or asm_ucontext.c) plus the
 * sanitizer annotations of asan.c and race.c.  Go's proc.go makes the same
 * two moves (mcall from a g to g0, gogo from g0 to a g); Go needs no
 * annotations because its own race and address checkers know its stacks.
 */
#include "runtime/runtime.h"
#include "runtime/stack.h"

/* mcallarg carries an mcall's function across the switch to g0. */
struct mcallarg {
	runtime_gctx *gp;
	runtime_gctx *g0;
	void (*fn)(void *);
	void *arg;
};

void
runtime_badmcall2(void)
{
	runtime_throw("runtime: mcall function returned");
}

void
runtime_badgostart(void)
{
	runtime_throw("runtime: goroutine entry function returned");
}

/*
 * arrive completes a switch on the stack of c, the context now running;
 * from, when not NULL, is the context left, whose bounds ASan reports.
 */
static void
arrive(runtime_gctx *c, runtime_gctx *from)
{
	runtime_stack *bounds;

	bounds = NULL;
	if (from != NULL && from->stack.hi == 0)
		bounds = &from->stack;
	runtime_asanfinishswitch(c->asanfake, bounds);
	c->asanfake = NULL;
}

/*
 * leave announces the switch from c to next.  dying frees c's fake stack
 * and marks how deep c's abandoned frames reach, so that the next user of
 * the stack clears only that much shadow (see runtime_asanframe).
 */
static void
leave(runtime_gctx *c, runtime_gctx *next, bool dying)
{
	if (c->racefiber == NULL)
		c->racefiber = runtime_racefibercurrent();
	if (dying && runtime_asanenabled)
		c->asanlow = runtime_asanframe();
	runtime_asanstartswitch(dying ? NULL : &c->asanfake, next->stack);
	runtime_racefiberswitch(next->racefiber);
}

static void
gostartentry(void *p)
{
	runtime_gctx *c;

	c = p;
	arrive(c, NULL);
	c->fn(c->arg);
	runtime_badgostart();
}

static void
mcallentry(void *p)
{
	struct mcallarg a;

	a = *(struct mcallarg *)p;
	arrive(a.g0, a.gp);
	a.fn(a.arg);
	runtime_badmcall2();
}

void
runtime_gctx_init(
    runtime_gctx *c, runtime_stack stk, void (*fn)(void *), void *arg)
{
	*c = (runtime_gctx){ 0 };
	c->stack = stk;
	c->fn = fn;
	c->arg = arg;
	c->racefiber = runtime_racefibercreate();
	c->own = true;
	runtime_gostartcall(&c->sched, &c->stack, gostartentry, c);
}

void
runtime_gctx_destroy(runtime_gctx *c)
{
	if (c->own && c->racefiber != NULL)
		runtime_racefiberdestroy(c->racefiber);
	c->racefiber = NULL;
	c->own = false;
}

/*
 * TSan keeps a shadow call stack per fiber, pushed and popped by every
 * instrumented function.  An mcall restarts g0 at the top of its stack,
 * abandoning the frames of the previous visit without popping them, so
 * g0's shadow stack would only grow (until TSan crashes).  Every
 * raceFiberRenew visits g0 gets a fresh fiber, which matches the fresh
 * stack it gets each time; the switch still carries happens-before into
 * it.  A g0 that is a thread's own stack thus leaves the thread's own
 * fiber; the M must switch back to it (runtime_racefiberswitch) before
 * the thread exits.
 */
enum { raceFiberRenew = 1024 };

static void
racerenew(runtime_gctx *g0)
{
	if (!runtime_raceenabled || ++g0->raceentries < raceFiberRenew)
		return;
	g0->raceentries = 0;
	if (g0->own)
		runtime_racefiberdestroy(g0->racefiber);
	g0->racefiber = runtime_racefibercreate();
	g0->own = true;
}

/*
 * switchmcall is kept out of line so that no TLS address the caller
 * computed before the switch is reused after it: the goroutine may come
 * back on another thread.
 */
static __attribute__((noinline)) void
switchmcall(runtime_gctx *gp, runtime_gctx *g0, void (*fn)(void *), void *arg,
    bool dying)
{
	struct mcallarg a;

	a.gp = gp;
	a.g0 = g0;
	a.fn = fn;
	a.arg = arg;
	racerenew(g0);
	leave(gp, g0, dying);
	runtime_mcall(&gp->sched, &g0->stack, mcallentry, &a);
	arrive(gp, NULL);
}

void
runtime_gctx_mcall(
    runtime_gctx *gp, runtime_gctx *g0, void (*fn)(void *), void *arg)
{
	switchmcall(gp, g0, fn, arg, false);
}

void
runtime_gctx_goexit(
    runtime_gctx *gp, runtime_gctx *g0, void (*fn)(void *), void *arg)
{
	switchmcall(gp, g0, fn, arg, true);
	runtime_throw("runtime: exited goroutine resumed");
}

void
runtime_gctx_gogo(runtime_gctx *g0, runtime_gctx *gp)
{
	leave(g0, gp, false);
	runtime_gogo(&gp->sched);
}
