/*
 * C port of the gogo and mcall of go1.19 src/runtime/asm_amd64.s.
 * built on: amd64
 *
 * Go's versions move only sp, pc, bp and the g register, because Go code
 * keeps nothing in registers across a call.  C code does (SysV ABI), so
 * these also carry rbx, r12-r15 and the MXCSR and x87 control words.  The
 * gobuf layout is in runtime/stack.h.
 *
 * CFI: the goroutine side of each switch is an ordinary frame, so gdb can
 * unwind a parked goroutine from the sp, pc and bp of its gobuf; the g0
 * side of mcall and the first frame of a new goroutine mark the return
 * address undefined, which ends a backtrace there instead of walking into
 * garbage.
 */
#include "runtime/stack.h"

#define SAVEREGS(buf) \
	movq	%rbp, GOBUF_BP(buf); \
	movq	%rbx, GOBUF_REGS+0(buf); \
	movq	%r12, GOBUF_REGS+8(buf); \
	movq	%r13, GOBUF_REGS+16(buf); \
	movq	%r14, GOBUF_REGS+24(buf); \
	movq	%r15, GOBUF_REGS+32(buf); \
	stmxcsr	GOBUF_FPCR(buf); \
	fnstcw	GOBUF_FPCW(buf)

	.text

/* void runtime_gogo(runtime_gobuf *buf): restore buf and jump to its pc. */
	.globl	runtime_gogo
	.type	runtime_gogo, @function
	.p2align 4
runtime_gogo:
	.cfi_startproc
	movq	GOBUF_BP(%rdi), %rbp
	movq	GOBUF_REGS+0(%rdi), %rbx
	movq	GOBUF_REGS+8(%rdi), %r12
	movq	GOBUF_REGS+16(%rdi), %r13
	movq	GOBUF_REGS+24(%rdi), %r14
	movq	GOBUF_REGS+32(%rdi), %r15
	ldmxcsr	GOBUF_FPCR(%rdi)
	fldcw	GOBUF_FPCW(%rdi)
	movq	GOBUF_SP(%rdi), %rsp
	jmp	*GOBUF_PC(%rdi)
	.cfi_endproc
	.size	runtime_gogo, .-runtime_gogo

/*
 * void runtime_mcall(runtime_gobuf *from, const runtime_stack *stk,
 *     void (*fn)(void *), void *arg)
 *
 * The saved pc is mcall's return address and the saved sp the caller's sp
 * after that return, so gogo(from) looks to the caller like mcall
 * returning.
 */
	.globl	runtime_mcall
	.type	runtime_mcall, @function
	.p2align 4
runtime_mcall:
	.cfi_startproc
	movq	0(%rsp), %rax
	movq	%rax, GOBUF_PC(%rdi)
	leaq	8(%rsp), %rax
	movq	%rax, GOBUF_SP(%rdi)
	SAVEREGS(%rdi)
	movq	STACK_HI(%rsi), %rsp
	andq	$-16, %rsp
	.cfi_undefined rip
	xorl	%ebp, %ebp
	movq	%rcx, %rdi
	call	*%rdx
	call	runtime_badmcall2
	ud2
	.cfi_endproc
	.size	runtime_mcall, .-runtime_mcall

/*
 * runtime_gostart is where gostartcall (sys_x86.c) points a new gobuf: it
 * calls r12(r13) on the fresh stack gogo has just loaded.
 */
	.globl	runtime_gostart
	.type	runtime_gostart, @function
	.p2align 4
runtime_gostart:
	.cfi_startproc
	.cfi_undefined rip
	xorl	%ebp, %ebp
	movq	%r13, %rdi
	call	*%r12
	call	runtime_badgostart
	ud2
	.cfi_endproc
	.size	runtime_gostart, .-runtime_gostart

/*
 * void runtime_procyield(uint32_t cycles): cycles PAUSE instructions.
 * PAUSE tells the CPU this is a spin-wait: a sibling hyperthread gets the
 * core, and leaving the loop costs no memory-order mis-speculation.
 */
	.globl	runtime_procyield
	.type	runtime_procyield, @function
	.p2align 4
runtime_procyield:
	.cfi_startproc
	testl	%edi, %edi
	jz	2f
1:	pause
	subl	$1, %edi
	jnz	1b
2:	ret
	.cfi_endproc
	.size	runtime_procyield, .-runtime_procyield

	.section .note.GNU-stack, "", @progbits
