/*
 * C port of go1.19 src/runtime/sys_x86.go (gostartcall), for asm_amd64.S.
 * built on: amd64
 */
#include "runtime/stack.h"

/* runtime_gostart (asm_amd64.S) calls regs[1](regs[2]): r12(r13). */
void runtime_gostart(void);

/*
 * The MXCSR and x87 control word a new C thread starts with (SysV ABI):
 * all exceptions masked, round to nearest, x87 in extended precision.
 */
enum { mxcsrDefault = 0x1f80, fpcwDefault = 0x037f };

void
runtime_gostartcall(
    runtime_gobuf *buf, const runtime_stack *stk, void (*fn)(void *), void *arg)
{
	*buf = (runtime_gobuf){ 0 };
	buf->sp = stk->hi & ~(uintptr_t)15;
	buf->pc = (uintptr_t)runtime_gostart;
	buf->regs[1] = (uintptr_t)fn;
	buf->regs[2] = (uintptr_t)arg;
	buf->fpcr = mxcsrDefault;
	buf->fpcw = fpcwDefault;
}
