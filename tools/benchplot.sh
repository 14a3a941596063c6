#!/bin/sh
# benchplot.sh [CSV [PNG]]: turns a tools/bench.sh CSV into the charts of
# docs/PERFORMANCE.md: PNG for the runs on the machine as it was, and
# PNG's name with -loaded before .png for the runs beside the busy loop.
# Each metric (wall-clock times, steal and micro's CPU time left out) becomes the cost of every
# implementation but raw C relative to raw C from the medians (time, CPU
# time or memory over raw C's; for a rate, raw C's rate over theirs), so
# that 1 is raw C and lower is better everywhere.  The micro-benchmarks
# have no raw C twin and are relative to Go.
set -e
csv=${1:-build/bench/bench.csv}
png=${2:-docs/bench.png}
mkdir -p build/bench

# plot COND DAT PNG TITLE: COND is "" or "_loaded".
plot() {
	awk -F, -v cond="$1" "$(cat tools/median.awk)"'
	NR == 1 { next }
	# Wall-clock time repeats the metric; the CPU time of micro covers every
	# slice of all its benchmarks, where each metric keeps one slice, so
	# it compares nothing.
	$3 ~ /_wall_ms/ || $3 ~ /_steal_ms/ || $3 ~ /^micro_cpu_ms/ { next }
	cond == "" && $3 ~ /_loaded$/ { next }
	cond != "" && $3 !~ /_loaded$/ { next }
	{
		key = $3 SUBSEP $2
		vals[key, ++n[key]] = $4
		if (!($3 in seen)) { seen[$3] = 1; order[++nm] = $3; u[$3] = $5 }
		if (!($2 in isimpl) && $2 != "raw") { isimpl[$2] = 1; im[++ni] = $2 }
	}
	END {
		printf "metric"
		for (k = 1; k <= ni; k++) printf " \"%s\"", im[k]
		printf "\n"
		for (i = 1; i <= nm; i++) {
			m = order[i]
			delete med
			for (k = 0; k <= ni; k++) {
				x = k ? im[k] : "raw"
				key = m SUBSEP x
				if (!(key in n)) continue
				delete a
				for (j = 1; j <= n[key]; j++) a[j] = vals[key, j]
				med[x] = median(a, n[key])
			}
			base = ("raw" in med) ? med["raw"] : med["go"]
			if (base == "" || base == 0) continue
			rate = u[m] ~ /\/s$/
			label = m
			sub(/_loaded$/, "", label)
			gsub(/_/, "-", label)
			if (!("raw" in med)) label = label " (vs Go)"
			line = "\"" label "\""
			for (k = 1; k <= ni; k++) {
				x = im[k]
				if (!(x in med) || med[x] == 0) { line = line " NaN"; continue }
				line = line sprintf(" %.3f", rate ? base / med[x] : med[x] / base)
			}
			print line
		}
	}' "$csv" >"$2"
	gnuplot -e "dat='$2'; out='$3'; ttl='$4'" tools/bench.gp
	echo "wrote $3"
}

plot "" build/bench/plot.dat "$png" \
    "relative to raw C (medians; lower is better, 1 = raw C)"
plot _loaded build/bench/plot-loaded.dat "${png%.png}-loaded.png" \
    "beside a busy loop on CPU 0, relative to raw C beside it (medians; lower is better)"
