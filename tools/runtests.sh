#!/bin/sh
# runtests.sh BIN [SUITE...]: runs the Check suite from the repo root: all
# suites, or only the named ones.  Each suite runs in a process of its own
# (CK_RUN_SUITE takes one name), all of them too.  Under ASan one process
# running every suite took 9m39s where this loop takes 4m19s for the same
# 2115 checks (goroutine mode: 11m18s, against 4m33s for the suites run one
# by one): Check forks a child for each test, its parent was at 250 MB
# seven minutes in, and the late suites slowed with it (netip, pure
# parsing, 100 s against 15 s in a process of its own).  With
# GONET_TEST_IN_GOROUTINE=1 in the environment every test body runs inside
# a goroutine (tests/main_test.c); make check runs the suites once each
# way.  The totals over all suites, then the failed suites with Check's
# lines for their failed tests and any fatal runtime or sanitizer line,
# are printed again at the end, where a log's tail (all CI may keep)
# shows them: a suite's own output may be far above it.
bin=$1
shift
[ $# -eq 0 ] && set -- $(sed -n 's/^SUITE(\(.*\))$/\1/p' tests/suites.h)
out=$(mktemp)
sums=$(mktemp)
why=$(mktemp)
trap 'rm -f "$out" "$sums" "$why"' EXIT
failed=
for s in "$@"; do
	if ! CK_RUN_SUITE=$s "$bin" >"$out" 2>&1; then
		failed="$failed $s"
		grep -E ':[0-9]+:[EF]:|^fatal error|Sanitizer|runtime error:' \
		    "$out" | head -n 20 | sed "s/^/$s: /" >>"$why"
	fi
	cat "$out"
	sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' \
	    "$out" >>"$sums"
done
awk -v n=$# '{ c += $1; f += $2; e += $3 }
    END { printf "runtests.sh: %d suites, Checks: %d, Failures: %d, Errors: %d\n", n, c, f, e }' \
    "$sums"
[ -z "$failed" ] && exit 0
cat "$why" >&2
echo "runtests.sh: FAILED suites${GONET_TEST_IN_GOROUTINE:+ (goroutine mode)}:$failed" >&2
exit 1
