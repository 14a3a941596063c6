#!/bin/sh
# fuzz.sh SECONDS TARGET.fuzz...: runs each libFuzzer target for SECONDS
# from its committed seeds (tests/fuzz/corpus/NAME/) plus what earlier runs
# on this machine found (build/fuzz/corpus/NAME/, where new inputs go).
# A target fails on a crash, a broken property, a leak, a UBSan report or
# a hang (10 s on one input); its log and the input are left in
# build/fuzz/.  Prints a line per target (runs, seconds), then
# "fuzz: N passed, M failed".
set -u
if [ $# -lt 2 ]; then
	echo "usage: sh tools/fuzz.sh SECONDS TARGET.fuzz..." >&2
	exit 2
fi
secs=$1
shift
pass=0 fail=0
for bin in "$@"; do
	name=$(basename "$bin" .fuzz)
	work=build/fuzz/corpus/$name
	log=build/fuzz/$name.log
	mkdir -p "$work" build/fuzz/crashes
	start=$(date +%s)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    "$bin" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
	    -artifact_prefix="build/fuzz/crashes/$name-" \
	    "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc -eq 0 ]; then
		echo "fuzz $name: ${runs:-?} runs in $((end - start)) s, clean"
		pass=$((pass + 1))
	else
		echo "fuzz $name: FAILED (exit $rc) after ${runs:-?} runs; $log:"
		grep -E -e 'property failed|ERROR|SUMMARY|Test unit written' \
		    "$log" | head -8
		fail=$((fail + 1))
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
