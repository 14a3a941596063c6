#!/bin/sh
# readme.sh LIBA [README]: keeps the C in README.md true.  Every ```c block
# is one of two kinds:
#   - an excerpt: its first line is a comment naming a file and a line
#     range, "/* examples/echoserver.c:20-45 */", and the rest of the block
#     must equal those lines of that file;
#   - a complete program: it is compiled against LIBA with the warnings the
#     project uses and run (bounded in time); when the next block is fenced
#     ```output, the program's standard output must equal it.
set -u
liba=$1
readme=${2:-README.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}

# Split the README into $tmp/N.c and $tmp/N.out (output of block N).
awk -v dir="$tmp" '
	/^```c$/ { n++; f = dir "/" n ".c"; inblock = 1; last = n; next }
	/^```output$/ { f = dir "/" last ".out"; inblock = 1; next }
	/^```/ && inblock { inblock = 0; close(f); next }
	/^```/ { last = 0; next }
	inblock { print > f }
' "$readme"

fail=0
blocks=0
for src in "$tmp"/*.c; do
	[ -e "$src" ] || { echo "readme: no C blocks in $readme" >&2; exit 1; }
	blocks=$((blocks + 1))
	n=$(basename "$src" .c)
	ref=$(sed -n '1s,^/\* \([^ :]*\):\([0-9]*\)-\([0-9]*\) \*/$,\1 \2 \3,p' "$src")
	if [ -n "$ref" ]; then
		set -- $ref
		sed -n "$2,$3p" "$1" >"$tmp/$n.want" 2>/dev/null
		sed 1d "$src" | cmp -s - "$tmp/$n.want" || {
			echo "readme: block $n is not lines $2-$3 of $1 (the file changed?):" >&2
			sed 1d "$src" | diff - "$tmp/$n.want" | head -20 >&2
			fail=1
		}
		continue
	fi
	if ! $cc -std=c11 -Wall -Wextra -Werror -I. -pthread -o "$tmp/$n" \
	    "$src" "$liba" 2>"$tmp/$n.err"; then
		echo "readme: block $n does not compile:" >&2
		cat "$tmp/$n.err" >&2
		fail=1
		continue
	fi
	# A program that resolves gonet.test names runs in the private DNS
	# namespace (tools/dnsns.sh --require), or is skipped: its queries
	# must never reach the machine's nameserver.
	run=
	if grep -q 'gonet\.test' "$src"; then
		run="sh $(dirname "$0")/dnsns.sh --require"
		if ! $run true 2>"$tmp/$n.err"; then
			echo "readme: SKIP block $n: $(cat "$tmp/$n.err")" >&2
			continue
		fi
	fi
	if ! timeout 20 $run "$tmp/$n" >"$tmp/$n.got" 2>"$tmp/$n.err"; then
		echo "readme: block $n failed when run:" >&2
		cat "$tmp/$n.err" >&2
		fail=1
	elif [ -e "$tmp/$n.out" ] && ! cmp -s "$tmp/$n.out" "$tmp/$n.got"; then
		echo "readme: block $n printed something else than its output block:" >&2
		diff "$tmp/$n.out" "$tmp/$n.got" >&2
		fail=1
	fi
done
[ $fail = 0 ] && echo "readme: $blocks C blocks in $readme compile, run or match their files"
exit $fail
