#!/bin/sh
# runtests.sh BIN [SUITE...]: runs the Check suite from the repo root: all
# suites, or only the named ones (each in its own run, as CK_RUN_SUITE takes
# one name).  Fails if any run fails.  With GONET_TEST_IN_GOROUTINE=1 in
# the environment every test body runs inside a goroutine (tests/main_test.c);
# make check runs the suites once each way.  The failed suites are named
# again at the end, where a log's tail (all CI may keep) shows them.
bin=$1
shift
[ $# -eq 0 ] && exec "$bin"
failed=
for s in "$@"; do
	CK_RUN_SUITE=$s "$bin" || failed="$failed $s"
done
[ -z "$failed" ] && exit 0
echo "runtests.sh: FAILED suites${GONET_TEST_IN_GOROUTINE:+ (goroutine mode)}:$failed" >&2
exit 1
