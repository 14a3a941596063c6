#!/bin/sh
# loaded.sh BIN SUITE...: runs the named suites of the Check binary BIN (one
# run each, as tools/runtests.sh does) while a busy loop holds one CPU, so
# that the timing tests meet a machine whose scheduler is late, as Go's
# builders often are.  The loop is pinned to CPU 0 when taskset exists,
# bounded by timeout(1) in case this script dies, and killed at the end.
# Fails if any suite fails.
set -u
[ $# -ge 2 ] || { echo "usage: sh tools/loaded.sh BIN SUITE..." >&2; exit 2; }
bin=$1
shift
pin=
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
timeout 1800 $pin sh -c 'while :; do :; done' &
load=$!
trap 'kill $load 2>/dev/null' EXIT
trap 'exit 2' HUP INT TERM
echo "loaded.sh: busy loop $load${pin:+ on CPU 0}; suites: $*"
sh tools/runtests.sh "$bin" "$@"
rc=$?
kill $load 2>/dev/null
wait $load 2>/dev/null
exit $rc
