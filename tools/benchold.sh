#!/bin/sh
# benchold.sh COMMIT: builds build/bench-old/bench, today's tools/bench.c
# linked with the library of an older commit, so that tools/bench.sh can
# run the same workloads on the old library beside the new one
# (make bench-compare OLD=COMMIT names it gonet-old).
#
# The old tree is exported with git archive into build/bench-old/src (no
# worktree, nothing added to the repository) and built there with its own
# Makefile.  Before issue 8 the byte counts of Read, Write and their
# relatives were int, not ptrdiff_t; bench.c declares such counts only as
# ptrdiff_t (and nothing else with that type), so the copy compiled
# against the old headers has them rewritten to int.  The compiler checks
# every call against the old prototypes, so a count the rewrite missed, or
# a call the old library lacks, fails the build rather than the figures.
set -e
[ $# -eq 1 ] || { echo "usage: benchold.sh COMMIT" >&2; exit 2; }
rev=$(git rev-parse --verify "$1^{commit}")
dir=build/bench-old
src=$dir/src
if [ "$(cat $dir/commit 2>/dev/null)" != "$rev" ]; then
	rm -rf "$src" $dir/commit $dir/bench
	mkdir -p "$src"
	git archive "$rev" | tar -x -C "$src"
	echo "$rev" >$dir/commit
fi
${MAKE:-make} -C "$src" libgonet.a
sed 's/\<ptrdiff_t\>/int/g' tools/bench.c >$dir/bench.c
cp tools/benchgate.h $dir/
# The old headers only: -I. would find today's.
${CC:-cc} -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -DBENCH_OLD -I"$src" -pthread \
    -fPIC -O2 -g -o $dir/bench $dir/bench.c "$src"/libgonet.a
# micro's placements, as for the others (tools/benchpad.sh).
sh tools/benchpad.sh $dir/bench ${CC:-cc} -std=c11 -Wall -Wextra -Werror \
    -D_GNU_SOURCE -DBENCH_OLD -I"$src" -pthread -fPIC -O2 -g $dir/bench.c \
    "$src"/libgonet.a
echo "benchold.sh: $dir/bench is tools/bench.c on ${rev%"${rev#???????}"}'s library"
