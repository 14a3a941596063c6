/*
 * C port of go1.19 src/runtime/signal_unix.go, the part goroutine stacks
 * need: the SIGSEGV handler that turns a fault in a stack guard into a
 * clear fatal error, and the per-M alternate signal stack it runs on
 * (minitSignalStack).  Every other fault goes to the handler that was
 * installed before (a sanitizer's, say) or to the default action.  And,
 * gonet's own, the SIGURG that ends a plain thread's blocking read
 * (runtime_sigurgReady).
 * built on: unix
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "runtime/stack.h"

enum {
	/* The handler and a sanitizer's own reporting both run here. */
	sigStackSize = 64 << 10
};

static struct sigaction oldsegv;
/* The alternate stack minit allocated for this thread, if it did. */
static _Thread_local void *minitStack;

/* writeHex writes v in hex with only async-signal-safe calls. */
static void
writeHex(uintptr_t v)
{
	char   buf[2 + 2 * sizeof(v)];
	size_t i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = sizeof(buf) - 1; i >= 2; i--) {
		buf[i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
	(void)!write(2, buf, sizeof(buf));
}

static void
writeStr(const char *s)
{
	(void)!write(2, s, strlen(s));
}

/*
 * sigforward hands a fault that is not ours to the handler installed
 * before initsig, or re-raises it with the default action.
 */
static void
sigforward(int sig, siginfo_t *info, void *ctx)
{
	if ((oldsegv.sa_flags & SA_SIGINFO) != 0 &&
	    oldsegv.sa_sigaction != NULL) {
		oldsegv.sa_sigaction(sig, info, ctx);
		return;
	}
	if ((oldsegv.sa_flags & SA_SIGINFO) == 0 &&
	    oldsegv.sa_handler != SIG_DFL && oldsegv.sa_handler != SIG_IGN) {
		oldsegv.sa_handler(sig);
		return;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
sighandler(int sig, siginfo_t *info, void *ctx)
{
	uintptr_t addr;

	addr = (uintptr_t)info->si_addr;
	if (!runtime_stackguard(addr)) {
		sigforward(sig, info, ctx);
		return;
	}
	writeStr("fatal error: goroutine stack overflow\n\nruntime: fault at ");
	writeHex(addr);
	writeStr(", in the guard below a goroutine stack (GONET_STACKSIZE "
		 "sets the size)\n");
	signal(SIGABRT, SIG_DFL);
	abort();
}

void
runtime_initsig(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sighandler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &oldsegv) != 0)
		runtime_throw("runtime: cannot install the SIGSEGV handler");
}

void
runtime_minitSignalStack(void)
{
	stack_t st;
	void   *p;

	if (sigaltstack(NULL, &st) == 0 && (st.ss_flags & SS_DISABLE) == 0)
		return;
	p = mmap(NULL, sigStackSize, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		runtime_throw("runtime: cannot allocate a signal stack");
	memset(&st, 0, sizeof(st));
	st.ss_sp = p;
	st.ss_size = sigStackSize;
	if (sigaltstack(&st, NULL) != 0)
		runtime_throw("runtime: sigaltstack failed");
	minitStack = p;
}

/* runtime_unminitSignalStack undoes minit before its thread exits. */
void
runtime_unminitSignalStack(void)
{
	stack_t st;

	if (minitStack == NULL)
		return;
	memset(&st, 0, sizeof(st));
	st.ss_flags = SS_DISABLE;
	sigaltstack(&st, NULL);
	munmap(minitStack, sigStackSize);
	minitStack = NULL;
}

static pthread_once_t sigurgOnce = PTHREAD_ONCE_INIT;
static bool	      sigurgOurs;

/*
 * sigurgnop is SIGURG's handler: it does nothing, and is there only so
 * that the signal interrupts a blocking read (installed without
 * SA_RESTART) where the default action would leave the thread asleep.
 */
static void
sigurgnop(int sig)
{
	(void)sig;
}

/*
 * sigurginit takes SIGURG when nobody has: the signal Go's runtime takes
 * for the same kind of job (its preemption), since programs rarely use it
 * and its default action is to ignore it.  A handler the program
 * installed, or SIG_IGN, is left alone, and plain threads' reads then do
 * not wait in the kernel.  SA_ONSTACK: a SIGURG sent from outside may land
 * on a goroutine, whose stack is small; its M has an alternate one.
 */
static void
sigurginit(void)
{
	struct sigaction old, sa;

	if (sigaction(SIGURG, NULL, &old) != 0 ||
	    (old.sa_flags & SA_SIGINFO) != 0 || old.sa_handler != SIG_DFL)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sigurgnop;
	sa.sa_flags = SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigurgOurs = sigaction(SIGURG, &sa, NULL) == 0;
}

bool
runtime_sigurgReady(void)
{
	pthread_once(&sigurgOnce, sigurginit);
	return sigurgOurs;
}

bool
runtime_sigurgStillOurs(void)
{
	struct sigaction cur;

	return runtime_sigurgReady() && sigaction(SIGURG, NULL, &cur) == 0 &&
	    (cur.sa_flags & (SA_SIGINFO | SA_RESTART)) == 0 &&
	    cur.sa_handler == sigurgnop;
}
