#!/bin/sh
# benchpad.sh BINARY CC ARGS...: links BINARY.pad1 to BINARY.pad7, the
# program that "CC ARGS... -o BINARY" builds, each with one more object
# first: a function of 0, 16, ... 96 bytes of no-ops, which shifts all
# the code after it by 16, 32, ... 112 bytes (its return, aligned to 16,
# makes the first 16).
#
# Why: micro's loops take tens of nanoseconds, and on this machine the
# same library code, moved by 16 bytes, ran net_ParseIP's IPv4 case in
# 17.8 to 21.9 ns with the same instruction count (docs/PERFORMANCE.md,
# the 388195b record).  A comparison of two builds of one library, or of
# two libraries, then compares where the linker happened to put them.
# tools/bench.sh runs micro once on each of the eight programs and keeps
# each metric's fastest, so every build is judged at its best placement
# of eight, not at the one its link gave it.
set -e
[ $# -ge 3 ] || { echo "usage: benchpad.sh BINARY CC ARGS..." >&2; exit 2; }
out=$1
cc=$2
shift 2
dir=$(dirname "$out")/pad
mkdir -p "$dir"
k=1
while [ $k -le 7 ]; do
	f=$dir/pad$k.c
	printf '%s\n%s\n' "void benchpad$k(void);" \
	    "void benchpad$k(void) { __asm__ volatile(\".fill $((16 * k - 16)), 1, 0x90\"); }" >"$f"
	"$cc" "$f" "$@" -o "$out.pad$k"
	k=$((k + 1))
done
