#!/bin/sh
# fuzz2diff.sh GO TARGET.fuzz...: prints, as differential cases, the inputs
# that fuzzing found (build/fuzz/corpus/NAME/) which reach code the
# committed seeds (tests/fuzz/corpus/NAME/) do not.  libFuzzer's merge
# picks them: it adds to a copy of the seeds only inputs with new
# coverage.  tests/diff/gencases.go -fuzz writes the case lines; run them
# against Go by adding them to tests/diff/corpus/ and running make diff.
set -u
if [ $# -lt 2 ]; then
	echo "usage: sh tools/fuzz2diff.sh GO TARGET.fuzz..." >&2
	exit 2
fi
go=$1
shift
conv=build/fuzz/gencases
sh tools/gobuild.sh "$go" "$conv" tests/diff/gencases.go || exit 2
for bin in "$@"; do
	name=$(basename "$bin" .fuzz)
	merged=build/fuzz/merge/$name
	rm -rf "$merged"
	mkdir -p "$merged" "build/fuzz/corpus/$name"
	cp "tests/fuzz/corpus/$name"/* "$merged"/
	"$bin" -merge=1 "$merged" "build/fuzz/corpus/$name" \
	    >"build/fuzz/$name.merge.log" 2>&1 || exit 1
	echo "# $name: inputs fuzzing found beyond the seeds' coverage"
	ls "$merged" | while read -r f; do
		[ -e "tests/fuzz/corpus/$name/$f" ] || echo "$merged/$f"
	done | LC_ALL=C sort | xargs -r "$conv" -fuzz "$name"
done
