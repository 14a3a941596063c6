# gobt.gdb: gdb commands for gonet goroutine contexts (runtime/stack.h).
# Load with "source tools/gobt.gdb" in a stopped process, then
#	gobt CTX	backtrace of the parked runtime_gctx *CTX
# It loads the registers the gobuf saved (asm_amd64.S), prints the
# backtrace that the CFI of the goroutine's frames gives, and puts the
# thread's registers back.  amd64 only: the ucontext fallback keeps its
# registers in the ucontext_t that gobuf.ctxt points to.
define gobt
	set $gobt_sp = $sp
	set $gobt_pc = $pc
	set $gobt_bp = $rbp
	set $gobt_bx = $rbx
	set $gobt_12 = $r12
	set $gobt_13 = $r13
	set $gobt_14 = $r14
	set $gobt_15 = $r15
	set $gobt_b = &((runtime_gctx *)($arg0))->sched
	set $sp = $gobt_b->sp
	set $pc = $gobt_b->pc
	set $rbp = $gobt_b->bp
	set $rbx = $gobt_b->regs[0]
	set $r12 = $gobt_b->regs[1]
	set $r13 = $gobt_b->regs[2]
	set $r14 = $gobt_b->regs[3]
	set $r15 = $gobt_b->regs[4]
	bt
	set $sp = $gobt_sp
	set $pc = $gobt_pc
	set $rbp = $gobt_bp
	set $rbx = $gobt_bx
	set $r12 = $gobt_12
	set $r13 = $gobt_13
	set $r14 = $gobt_14
	set $r15 = $gobt_15
end
document gobt
Backtrace of a parked goroutine: gobt CTX, CTX a runtime_gctx pointer.
end
