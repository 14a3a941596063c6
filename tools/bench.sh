#!/bin/sh
# bench.sh [-q] [-r ROUNDS] GONET GO RAW: runs every workload of
# docs/PERFORMANCE.md on the three implementations in interleaved rounds
# (gonet, Go, raw C, gonet, Go, raw C, ...), writes one CSV row per round,
# implementation and metric to build/bench/bench.csv, and prints min,
# median and max per implementation with the medians of the per-round
# ratios gonet/raw C and gonet/Go (also kept in build/bench/summary.txt).
#
# -q shrinks every workload tenfold for a quick look; its figures are not
# the ones docs/PERFORMANCE.md records.  An empty GO skips the Go twin.
set -e

rounds=5
quick=
while [ $# -gt 3 ]; do
	case $1 in
	-q) quick=1; shift ;;
	-r) rounds=$2; shift 2 ;;
	*) break ;;
	esac
done
if [ $# -ne 3 ]; then
	echo "usage: bench.sh [-q] [-r rounds] gonet go raw" >&2
	exit 2
fi
gonet=$1 gobin=$2 raw=$3
out=build/bench
mkdir -p $out
csv=$out/bench.csv

# One workload a line: its name and arguments.  The TCP ping-pongs run
# the issue's 200k round trips; the other ping-pongs 50k, which keeps a
# full run under 10 minutes (raw C needs about 80 us a round trip here).
# "micro" prints several metrics and has no raw C twin.
workloads='tcp_pingpong 200000
tcp_pingpong_2proc 200000
tcp_pingpong_deadline 50000
udp_pingpong 50000
unix_pingpong 50000
tcp_stream 2048
connclose_normal 20000
connclose_abort 20000
conns1000 1000,100
micro 1000000'

# scale shrinks a workload's arguments tenfold under -q; the number of
# concurrent connections stays 1000, only their round trips shrink.
scale() {
	if [ -z "$quick" ]; then
		echo "$2"
	elif [ "$1" = conns1000 ]; then
		echo 1000,10
	else
		echo $(($2 / 10))
	fi
}

# unit names each metric's unit; bench.csv carries it.
unit() {
	case $1 in
	*_pingpong*) echo us/rt ;;
	tcp_stream) echo GiB/s ;;
	connclose_*) echo conn/s ;;
	conns1000) echo rt/s ;;
	conns1000_rss) echo MiB ;;
	micro_*) echo ns/op ;;
	esac
}

echo "round,impl,workload,value,unit" >$csv
r=1
while [ $r -le "$rounds" ]; do
	echo "$workloads" | while read -r w args; do
		args=$(scale "$w" "$args" | tr , ' ')
		for impl in gonet go raw; do
			case $impl in
			gonet) bin=$gonet ;;
			go) bin=$gobin ;;
			raw) bin=$raw ;;
			esac
			[ -n "$bin" ] || continue
			[ "$impl.$w" = raw.micro ] && continue
			# Every run is bounded; a failed or hung run stops the
			# benchmark (set -e sees the substitution's status).
			out=$(timeout 300 "$bin" "$w" $args)
			echo "$out" | while read -r m v; do
				echo "$r,$impl,$m,$v,$(unit "$m")" >>$csv
				printf '%s %-6s %-22s %12s %s\n' "$r" "$impl" "$m" "$v" \
				    "$(unit "$m")" >&2
			done
		done
	done
	r=$((r + 1))
done

# The summary: per metric, min/median/max of each implementation, then the
# medians of the per-round ratios.
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
	if (!(key in n)) { n[key] = 0; mn[key] = $4; mx[key] = $4 }
	vals[key, ++n[key]] = $4
	if ($4 < mn[key]) mn[key] = $4
	if ($4 > mx[key]) mx[key] = $4
	v[$1, $2, $3] = $4
	if (!($3 in seen)) { seen[$3] = 1; order[++nm] = $3; u[$3] = $5 }
	if ($1 > nr) nr = $1
}
END {
	printf "%-22s %-7s %26s %26s %26s %8s %8s\n", "workload", "unit", \
	    "gonet min/med/max", "Go min/med/max", "raw C min/med/max", \
	    "gonet/C", "gonet/Go"
	for (i = 1; i <= nm; i++) {
		m = order[i]
		printf "%-22s %-7s", m, u[m]
		split("gonet go raw", impls, " ")
		for (k = 1; k <= 3; k++) {
			key = m SUBSEP impls[k]
			if (!(key in n)) { printf " %26s", "-"; continue }
			delete a
			for (j = 1; j <= n[key]; j++) a[j] = vals[key, j]
			printf " %26s", sprintf("%.4g/%.4g/%.4g", mn[key], \
			    median(a, n[key]), mx[key])
		}
		split("raw go", dens, " ")
		for (k = 1; k <= 2; k++) {
			delete a; c = 0
			for (r = 1; r <= nr; r++)
				if ((r, "gonet", m) in v && (r, dens[k], m) in v && \
				    v[r, dens[k], m] != 0)
					a[++c] = v[r, "gonet", m] / v[r, dens[k], m]
			printf " %8s", c ? sprintf("%.3f", median(a, c)) : "-"
		}
		printf "\n"
	}
	# Deadline-per-Read against the plain ping-pong, per implementation.
	split("gonet go raw", impls, " ")
	for (k = 1; k <= 3; k++) {
		delete a; c = 0
		for (r = 1; r <= nr; r++)
			if ((r, impls[k], "tcp_pingpong_deadline") in v && \
			    (r, impls[k], "tcp_pingpong") in v)
				a[++c] = v[r, impls[k], "tcp_pingpong_deadline"] / \
				    v[r, impls[k], "tcp_pingpong"]
		if (c)
			printf "deadline/plain ping-pong, %s: %.3f\n", impls[k], \
			    median(a, c)
	}
}' $csv | tee $out/summary.txt
