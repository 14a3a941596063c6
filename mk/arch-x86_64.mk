# x86_64 (Go's amd64): the goroutine switch in assembly (runtime/stack.h).
ARCH_SRCS = runtime/sys_x86.c
ARCH_ASMS = runtime/asm_amd64.S
