# Any machine without an mk/arch-$(uname -m).mk, and make GOARCH_ASM=generic:
# the goroutine switch over POSIX ucontext (runtime/stack.h).
ARCH_SRCS = runtime/asm_ucontext.c
ARCH_ASMS =
