#!/bin/sh
# benchplot.sh [CSV [PNG]]: turns a tools/bench.sh CSV into the chart of
# docs/PERFORMANCE.md.  Each metric becomes the cost of gonet and of Go
# relative to raw C from the medians (time per operation or memory over raw
# C's; for a rate, raw C's rate over theirs), so that 1 is raw C and lower
# is better everywhere.  The micro-benchmarks have no raw C twin and are
# relative to Go.
set -e
csv=${1:-build/bench/bench.csv}
png=${2:-docs/bench.png}
dat=build/bench/plot.dat
mkdir -p build/bench
awk -F, '
function median(a, n,    i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
NR == 1 { next }
{
	key = $3 SUBSEP $2
	vals[key, ++n[key]] = $4
	if (!($3 in seen)) { seen[$3] = 1; order[++nm] = $3; u[$3] = $5 }
}
END {
	split("gonet go raw", impls, " ")
	for (i = 1; i <= nm; i++) {
		m = order[i]
		for (k = 1; k <= 3; k++) {
			key = m SUBSEP impls[k]
			med[impls[k]] = ""
			if (!(key in n)) continue
			delete a
			for (j = 1; j <= n[key]; j++) a[j] = vals[key, j]
			med[impls[k]] = median(a, n[key])
		}
		base = med["raw"] != "" ? med["raw"] : med["go"]
		if (base == "" || base == 0 || med["gonet"] == 0 || med["go"] == 0)
			continue
		rate = u[m] ~ /\/s$/
		g = rate ? base / med["gonet"] : med["gonet"] / base
		o = rate ? base / med["go"] : med["go"] / base
		label = m
		gsub(/_/, "-", label)
		if (med["raw"] == "") label = label " (vs Go)"
		printf "\"%s\" %.3f %.3f\n", label, g, o
	}
}' "$csv" >$dat
gnuplot -e "dat='$dat'; out='$png'" tools/bench.gp
echo "wrote $png"
