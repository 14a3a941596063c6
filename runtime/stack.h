/*
 * gonet runtime (C only): the contract between goroutine stacks, the
 * context switch and the scheduler that will use them.  Go spreads this
 * over runtime2.go (gobuf, stack), stack.go (stackalloc, stackfree) and
 * asm_<arch>.s (gogo, mcall); here the pieces are one header because
 * asm_amd64.S and asm_ucontext.c are two backends of the same calls, as
 * netpoll.h is for the pollers.  Private to runtime/.
 *
 * The switch is Go's: a goroutine leaves the CPU only through mcall, which
 * saves it in its gobuf and runs a function on the M's g0 stack; g0 enters
 * a goroutine only through gogo.  A switch from one goroutine to another is
 * therefore mcall + gogo, exactly the path Go's scheduler takes.
 */
#ifndef GONET_RUNTIME_STACK_H
#define GONET_RUNTIME_STACK_H

/*
 * gobuf offsets, shared with the assembly (which includes this file with
 * __ASSEMBLER__ defined); stack.c checks them against the struct.
 */
#define GOBUF_SP   0
#define GOBUF_PC   8
#define GOBUF_CTXT 16
#define GOBUF_BP   24
#define GOBUF_REGS 32
#define GOBUF_FPCR 72
#define GOBUF_FPCW 76
#define STACK_HI   8

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * runtime_stack is Go's stack: the usable bytes are [lo, hi); the stack
 * grows down from hi.  A zero runtime_stack means "the thread's own stack,
 * bounds not known yet" (see runtime_gctx).
 */
typedef struct runtime_stack {
	uintptr_t lo;
	uintptr_t hi;
} runtime_stack;

/*
 * runtime_gobuf is Go's gobuf plus what the C ABI makes the callee keep:
 * Go's compiler saves every live register across a call, C's does not, so
 * a switch must carry the callee-saved registers and the floating-point
 * control words (SysV: rbx, rbp, r12-r15, MXCSR, x87 control word).  ctxt
 * is the ucontext backend's saved context; the assembly leaves it alone.
 */
typedef struct runtime_gobuf {
	uintptr_t sp;
	uintptr_t pc;
	void	 *ctxt;
	uintptr_t bp;
	uintptr_t regs[5]; /* amd64: rbx, r12, r13, r14, r15 */
	uint32_t  fpcr;	   /* amd64: MXCSR */
	uint32_t  fpcw;	   /* amd64: x87 control word (low 16 bits) */
} runtime_gobuf;

/*
 * Stacks (stack.c).  Every goroutine stack has the same size, chosen once
 * at the first stackalloc: GONET_STACKSIZE (bytes, or with a K or M
 * suffix) when set, else runtime_stackDefault.  Below lo lies a guard
 * that faults on any access; a fault there ends the process with
 * "goroutine stack overflow".
 * Memory is committed by the kernel only as pages are touched.
 */
runtime_stack runtime_stackalloc(void);
/*
 * Freed stacks kept with their pages; a stack freed beyond this many gives
 * its pages back to the kernel (it stays mapped, for reuse).
 */
enum { runtime_stackCacheHot = 32 };
/* runtime_stackfree returns stk to the cache; nothing may run on it. */
void   runtime_stackfree(runtime_stack stk);
size_t runtime_stackSize(void);
/*
 * runtime_stackshrink returns to the kernel the pages of stk below its
 * top keep bytes, if they were touched; nothing may run on stk.
 */
void runtime_stackshrink(runtime_stack stk, size_t keep);
/* runtime_stackguard reports whether addr lies in some stack's guard. */
bool runtime_stackguard(uintptr_t addr);
/* runtime_stacksMade counts the stacks carved so far (never freed). */
size_t runtime_stacksMade(void);

/*
 * Memory (mem_linux.c).  runtime_sysFault makes a range fault on any
 * access without splitting its mapping where the kernel can (guard
 * regions), else with mprotect; runtime_sysFaultKeepsMapping says which
 * it does now, and runtime_sysFaultByMprotect makes it mprotect from then
 * on, as a kernel without guard regions would (for tests of that path).
 * runtime_sysFaultEach faults count ranges stride apart in one call, if
 * it can.  runtime_sysNoHugePage keeps a range in small pages.
 */
void runtime_sysFault(void *v, size_t n);
bool runtime_sysFaultEach(void *v, size_t stride, int count, size_t n);
bool runtime_sysFaultKeepsMapping(void);
void runtime_sysFaultByMprotect(void);
void runtime_sysNoHugePage(void *v, size_t n);

/*
 * Signals (signal_unix.c).  initsig, run once by the first stackalloc,
 * installs the SIGSEGV handler that tells a stack overflow from other
 * faults.  Each M needs an alternate signal stack so that the handler can
 * run when the goroutine stack is exhausted; minit keeps an alternate
 * stack the thread already has (a sanitizer's, a user's).
 */
void runtime_initsig(void);
/*
 * runtime_sigurgReady installs, once, the SIGURG handler that lets a
 * plain thread's blocking read be interrupted, and reports whether
 * SIGURG is the runtime's (netpoll_kwait_linux.c).
 */
bool runtime_sigurgReady(void);
/*
 * runtime_sigurgStillOurs says whether SIGURG still has that handler,
 * without SA_RESTART: whether a kick can still interrupt a read.
 */
bool runtime_sigurgStillOurs(void);
void runtime_minitSignalStack(void);
void runtime_unminitSignalStack(void);

/*
 * The switch primitives (asm_<arch>.S or asm_ucontext.c).  They know
 * nothing of sanitizers; runtime_gctx below wraps them.
 *
 * runtime_gogo resumes buf: as if the mcall that saved it returned, or, for
 * a buf from gostartcall, by calling its fn.  It does not return.
 *
 * runtime_mcall saves the caller in from, switches to the top of stk and
 * calls fn(arg) there.  fn must not return (it ends in a gogo); the caller
 * resumes when some gogo(from) runs, on whatever thread.
 *
 * runtime_gostartcall prepares buf so that gogo(buf) calls fn(arg) on a
 * fresh frame at the top of stk; fn must not return.
 */
_Noreturn void runtime_gogo(runtime_gobuf *buf);
void	       runtime_mcall(runtime_gobuf *from, const runtime_stack *stk,
	      void (*fn)(void *), void				      *arg);
void	       runtime_gostartcall(runtime_gobuf *buf, const runtime_stack *stk,
	      void (*fn)(void *), void					   *arg);

/* What the primitives call when fn returns: both throw. */
_Noreturn void runtime_badmcall2(void);
_Noreturn void runtime_badgostart(void);

/*
 * runtime_gctx is what a g will embed: its saved registers, its stack and
 * the sanitizers' view of both.  The operations below are the primitives
 * above plus the annotations ASan, TSan and valgrind need at every switch
 * (asan.c, race.c).  A zeroed gctx stands for the calling thread's own
 * stack, whose bounds the first switch away from it records.
 */
typedef struct runtime_gctx {
	runtime_gobuf sched;
	runtime_stack stack;
	void (*fn)(void *); /* a new context's entry, and its argument */
	void	 *arg;
	void	 *racefiber;   /* TSan fiber; NULL until first needed */
	uint32_t  raceentries; /* mcalls into this g0 since its fiber was new */
	void	 *asanfake;    /* ASan fake stack while switched out */
	uintptr_t asanlow;     /* below every frame a goexit left; 0: unknown */
	bool	  own;	       /* racefiber was created here */
} runtime_gctx;

/* runtime_gctx_init makes c a context that will run fn(arg) on stk. */
void runtime_gctx_init(
    runtime_gctx *c, runtime_stack stk, void (*fn)(void *), void *arg);
/* runtime_gctx_destroy releases c's annotations; c must not be running. */
void runtime_gctx_destroy(runtime_gctx *c);
/*
 * runtime_gctx_mcall saves gp (the running context) and calls fn(arg) at
 * the top of g0's stack.  runtime_gctx_goexit is the same for a gp that
 * will never run again.  runtime_gctx_gogo leaves g0 (which will be
 * entered again only by an mcall) and resumes gp.
 */
void runtime_gctx_mcall(
    runtime_gctx *gp, runtime_gctx *g0, void (*fn)(void *), void *arg);
_Noreturn void runtime_gctx_goexit(
    runtime_gctx *gp, runtime_gctx *g0, void (*fn)(void *), void *arg);
_Noreturn void runtime_gctx_gogo(runtime_gctx *g0, runtime_gctx *gp);

/*
 * The sanitizer hooks (asan.c, race.c, named after Go's asan.go and
 * race.go); each is empty unless the build enables its sanitizer.  Which
 * sanitizers a build has is a constant here, as Go's build tags make
 * asanenabled and raceenabled, so that the hooks every switch calls cost
 * nothing in a build without them.
 */
#if defined(__SANITIZE_ADDRESS__)
#define GONET_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GONET_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define GONET_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GONET_TSAN 1
#endif
#endif
#ifndef GONET_ASAN
#define GONET_ASAN 0
#endif
#ifndef GONET_TSAN
#define GONET_TSAN 0
#endif

enum { runtime_asanenabled = GONET_ASAN, runtime_raceenabled = GONET_TSAN };

void	  runtime_asanunpoison(uintptr_t addr, size_t n);
uintptr_t runtime_asanframe(void);
void	  runtime_asanregisterroot(uintptr_t lo, size_t n, bool on);
void	 *runtime_racefibercreate(void);
void	 *runtime_racefibercurrent(void);
void	  runtime_racefiberdestroy(void *fiber);

#if GONET_ASAN
void runtime_asanstartswitch(void **fakesave, runtime_stack to);
void runtime_asanfinishswitch(void *fakesave, runtime_stack *from);
#else
static inline void
runtime_asanstartswitch(void **fakesave, runtime_stack to)
{
	(void)fakesave;
	(void)to;
}

static inline void
runtime_asanfinishswitch(void *fakesave, runtime_stack *from)
{
	(void)fakesave;
	(void)from;
}
#endif

#if GONET_TSAN
void runtime_racefiberswitch(void *fiber);
#else
static inline void
runtime_racefiberswitch(void *fiber)
{
	(void)fiber;
}
#endif

#endif /* __ASSEMBLER__ */
#endif /* GONET_RUNTIME_STACK_H */
