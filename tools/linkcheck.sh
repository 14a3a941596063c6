#!/bin/sh
# linkcheck.sh SYMS LIBA SO LIBT: proves the link surface is the public API
# alone.  Neither libgonet.a nor the shared library may define a global
# name outside SYMS (tools/mkmap.sh), and both must define every name in
# it.  Then a program that defines generic names gonet uses inside
# (itoa_Itoa, net_lowerASCII, ...) must link statically against LIBA; the
# same link against LIBT, the tests' archive with every name global, must
# fail, or the program would prove nothing.
set -eu
syms=$1 liba=$2 so=$3 libt=$4
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail=0
nm -g --defined-only "$liba" | awk 'NF == 3 { print $3 }' | sort -u >"$d/a"
nm -D --defined-only "$so" | awk '{ print $3 }' | sort -u >"$d/so"
for f in a so; do
	extra=$(comm -23 "$d/$f" "$syms")
	lost=$(comm -13 "$d/$f" "$syms")
	if [ -n "$extra" ]; then
		echo "linkcheck: $f defines names outside $syms:" $extra
		fail=1
	fi
	if [ -n "$lost" ]; then
		echo "linkcheck: $f lacks public names:" $lost
		fail=1
	fi
done
cat >"$d/clash.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <net/net.h>
/* Names a program may well pick; gonet has its own of each inside. */
char *itoa_Itoa(int v) { (void)v; return NULL; }
int net_lowerASCII(int c) { return c; }
char *strconv_Quote(const char *s) { (void)s; return NULL; }
long time_when(long d) { return d; }
int main(void) {
	char *s = net_IP_String(net_ParseIP("192.0.2.1"));
	puts(s);
	free(s);
	return itoa_Itoa(0) != NULL;
}
C
cc -std=c11 -I. -o "$d/clash" "$d/clash.c" "$liba" -pthread
out=$("$d/clash")
if [ "$out" != 192.0.2.1 ]; then
	echo "linkcheck: the program linked with $liba printed '$out'"
	fail=1
fi
if cc -std=c11 -I. -o "$d/clash-t" "$d/clash.c" "$libt" -pthread \
    2>/dev/null; then
	echo "linkcheck: $libt links the program too: it clashes with nothing"
	fail=1
fi
[ $fail = 0 ] || exit 1
echo "linkcheck: $(wc -l <"$syms") public names in $liba and $so, nothing" \
    "else; a program defining itoa_Itoa, net_lowerASCII, ... links"
