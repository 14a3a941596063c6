#!/bin/sh
# bench.sh [-q] [-r ROUNDS] NAME=BINARY...: runs every workload of
# docs/PERFORMANCE.md on each named implementation in interleaved rounds
# (gonet, gonet-g, Go, raw C, then gonet-g, Go, raw C, gonet, ...: the
# order turns by one each workload and round), each workload twice: on the
# machine as it is, then again beside a busy loop pinned to CPU 0 (metrics
# suffixed _loaded); micro and tcp_stream, which swing more from run to
# run than the code moves them, run eight times (micro, on eight code
# placements where tools/benchpad.sh built them) and five times an
# implementation each round and keep one figure (reps and keep below).  Every run
# also reports its CPU and wall-clock time (tools/benchrun.c:
# WORKLOAD_cpu_ms, WORKLOAD_wall_ms) and the hypervisor's steal over it
# (WORKLOAD_steal_ms, run below).
# One CSV row per round, implementation and metric goes to
# build/bench/bench.csv; the summary (build/bench/summary.txt) gives min,
# median and max per implementation and the medians of the per-round
# ratios to raw C and Go.
#
#	sh tools/bench.sh gonet=build/bench/bench gonet-g=build/bench/bench-g \
#	    go=build/bench/bench-go raw=build/bench/bench_raw
#
# NAME is free, but "raw" is the floor every other implementation is
# divided by, and "go" the reference of every other one; another
# implementation is one more NAME=BINARY word; NAME-old (make
# bench-compare) is NAME's code on an older library, and the summary
# divides NAME by it.  -q (or BENCH_QUICK=1 in
# the environment, which also means one round) shrinks every workload
# about tenfold; its figures are a smoke test, not the recorded ones.
set -e

rounds=3
quick=
[ "${BENCH_QUICK:-}" = 1 ] && quick=1 rounds=1
while [ $# -gt 0 ]; do
	case $1 in
	-q) quick=1; shift ;;
	-r) rounds=$2; shift 2 ;;
	*) break ;;
	esac
done
impls=
for a; do
	case $a in
	?*=?*) impls="$impls ${a%%=*}" ;;
	*) echo "usage: bench.sh [-q] [-r rounds] name=binary..." >&2; exit 2 ;;
	esac
done
[ -n "$impls" ] || { echo "usage: bench.sh [-q] [-r rounds] name=binary..." >&2; exit 2; }
out=build/bench
benchrun=${BENCHRUN:-$out/benchrun}
mkdir -p $out
csv=$out/bench.csv

# One workload a line: its name and arguments.  The two plain TCP
# ping-pongs run 100k round trips (the issue's 200k would take a full run
# past 20 minutes now that every workload runs twice), the other
# ping-pongs 50k; the figure is per round trip either way.  "micro" prints several
# metrics and has no raw C twin; http_wrk's argument is wrk's duration in
# seconds; conns10k's and conns100k's are connections and round trips
# each.  conns100k holds all its connections in one process; a binary
# that cannot (descriptor or thread limits) says why and exits 77, which
# records nothing for it and goes on.
workloads='tcp_pingpong 100000
tcp_pingpong_2proc 100000
tcp_pingpong_deadline 50000
udp_pingpong 50000
unix_pingpong 50000
tcp_stream 2048
connclose_normal 20000
connclose_abort 20000
conns1000 1000,100
conns10k 10000,20
conns100k 100000,3
http_wrk 10
micro 1000000
lookup_host 2000,1000'

# BENCH_ONLY="w1 w2..." keeps only the named workloads (a smoke run).
if [ -n "${BENCH_ONLY:-}" ]; then
	workloads=$(echo "$workloads" | while read -r w a; do
		case " $BENCH_ONLY " in *" $w "*) echo "$w $a" ;; esac
	done)
fi

# scale shrinks a workload's arguments under -q; the number of concurrent
# connections stays, only their round trips shrink.
scale() {
	if [ -z "$quick" ]; then
		echo "$2"
		return
	fi
	case $1 in
	conns1000) echo 1000,10 ;;
	conns10k) echo 10000,2 ;;
	conns100k) echo 100000,1 ;;
	lookup_host) echo 200,1000 ;;
	http_wrk) echo 2 ;;
	*) echo $(($2 / 10)) ;;
	esac
}

# unit names each metric's unit; bench.csv carries it.
unit() {
	case ${1%_loaded} in
	*_cpu_ms | *_wall_ms | *_steal_ms | http_p99_ms) echo ms ;;
	*_pingpong*) echo us/rt ;;
	tcp_stream) echo GiB/s ;;
	connclose_*) echo conn/s ;;
	conns1000 | conns10k | conns100k) echo rt/s ;;
	lookup_host) echo us/op ;;
	lookup_host_*_ms) echo ms ;;
	*_kib_per_conn) echo KiB ;;
	*_rss) echo MiB ;;
	http_rps) echo req/s ;;
	http_cpu_us) echo us/req ;;
	micro_*) echo ns/op ;;
	esac
}

# cpuMs prints the CPU time (user + system) process $1 has used, in ms.
# /proc/PID/stat counts every thread, the dead ones too.
tck=$(getconf CLK_TCK)
cpuMs() {
	sed 's/.*) //' /proc/$1/stat | awk -v t="$tck" '{ print ($12 + $13) * 1000 / t }'
}

# httpWrk BIN SECS: starts BIN's HTTP server, drives it with wrk (100
# connections, two threads) and prints wrk's rate and 99th percentile and
# the server's CPU time over wrk's run, in all and per request.
httpWrk() {
	addrf=$out/http.addr
	: >$addrf
	"$1" http_serve >$addrf &
	spid=$!
	echo $spid >$out/http.pid
	i=0
	while [ ! -s $addrf ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if ! kill -0 $spid 2>/dev/null || [ ! -s $addrf ]; then
		echo "bench.sh: $1 http_serve did not start" >&2
		kill $spid 2>/dev/null || :
		rm -f $out/http.pid
		return 1
	fi
	c0=$(cpuMs $spid)
	t0=$(date +%s%N)
	wout=$(timeout $(($2 + 60)) wrk -t2 -c100 -d"$2"s --latency \
	    "http://$(head -n 1 $addrf)/") || wout=
	t1=$(date +%s%N)
	c1=$(cpuMs $spid)
	kill $spid
	wait $spid 2>/dev/null || :
	rm -f $out/http.pid
	if [ -z "$wout" ] || echo "$wout" | grep -q 'Non-2xx'; then
		echo "bench.sh: wrk failed against $1:" >&2
		echo "$wout" >&2
		return 1
	fi
	echo "$wout" | grep 'Socket errors' | sed "s|^|bench.sh: $1: |" >&2 || :
	echo "$wout" | awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" '
	function ms(s) {
		if (s ~ /us$/) return s / 1000
		if (s ~ /ms$/) return s + 0
		if (s ~ /m$/) return s * 60000
		return s * 1000
	}
	/ requests in / { reqs = $1 }
	/^Requests\/sec:/ { rps = $2 }
	$1 == "99%" { p99 = ms($2) }
	END {
		printf "http_rps %.1f\n", rps
		printf "http_cpu_us %.2f\n", (c1 - c0) * 1000 / reqs
		printf "http_p99_ms %.3f\n", p99
		printf "http_wrk_cpu_ms %.1f\n", c1 - c0
		printf "http_wrk_wall_ms %.1f\n", (t1 - t0) / 1e6
	}'
}

# binary NAME prints the binary given for implementation NAME.
binary() {
	for a in $args0; do
		[ "${a%%=*}" = "$1" ] && echo "${a#*=}" && return
	done
}
args0="$*"

# The competing load: a busy loop pinned to CPU 0, bounded by timeout(1)
# in case this script dies, killed after each workload's loaded runs.
pin=
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
# http.pid names a server httpWrk has not stopped yet.
load=
rm -f $out/http.pid
trap '[ -z "$load" ] || kill $load 2>/dev/null
[ ! -s $out/http.pid ] || kill $(cat $out/http.pid) 2>/dev/null
rm -f $out/rep.*' EXIT
trap 'exit 2' HUP INT TERM
startLoad() {
	timeout 3600 $pin sh -c 'while :; do :; done' &
	load=$!
	# The scheduler settles the new busy loop in its first moments; a
	# run started then is slowed more than the runs after it.
	sleep 1
}

# rotate K WORD...: the words, starting from the (K mod n)th, so that no
# implementation always runs first after the load starts (the run that
# follows startLoad was the slowest in hand loops) or last.
rotate() {
	k=$1
	shift
	k=$((k % $#))
	i=0
	for w; do [ $i -lt $k ] || printf '%s ' "$w"; i=$((i + 1)); done
	i=0
	for w; do [ $i -ge $k ] || printf '%s ' "$w"; i=$((i + 1)); done
}
stopLoad() {
	kill $load 2>/dev/null || :
	wait $load 2>/dev/null || :
	load=
}

if echo "$workloads" | grep -q '^http_wrk' && ! command -v wrk >/dev/null; then
	echo "bench.sh: wrk is missing; install it with: sh tools/setup.sh bench" >&2
	exit 1
fi

# Every run but http_wrk's gets a network namespace of its own with only
# loopback up (unshare -n, which needs root).  The kernel's TIME_WAIT
# table is per namespace and fills with each connection closed normally:
# connclose_normal alone leaves 20000 entries, and in one shared namespace
# a run met the table as the runs of the minute before left it (full, at
# tcp_max_tw_buckets, in the end, when closes stop adding entries and get
# cheaper).  In hand loops beside the busy loop, one binary's connect+close
# rate went from 13.7k to 20.2k conn/s with that state; in a fresh
# namespace each idle run gave 15.1k to 16.0k.  http_wrk opens only wrk's
# 100 connections and keeps the machine's namespace; lookup_host has
# tools/dnsns.sh's.  Without root every run shares the machine's.
freshns=
if unshare -n true 2>/dev/null; then
	freshns=1
else
	echo "bench.sh: unshare -n is refused here: every run shares one network namespace" >&2
fi

# inNetns CMD ARGS...: CMD in a fresh network namespace where one can be had.
inNetns() {
	if [ -n "$freshns" ]; then
		unshare -n sh -c 'PATH=$PATH:/usr/sbin:/sbin
ip link set lo up && exec "$@"' inNetns "$@"
	else
		"$@"
	fi
}

# steal prints the time the hypervisor has taken from this machine's CPUs
# so far (/proc/stat's steal column, in USER_HZ ticks), in ms, or 0.
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
steal() {
	awk -v hz="$hz" '$1 == "cpu" { printf "%d\n", $9 * 1000 / hz; f = 1 }
	END { if (!f) print 0 }' /proc/stat 2>/dev/null || echo 0
}

# run IMPL WORKLOAD ARGS...: one bounded run, its "metric value" lines,
# and W_steal_ms: the host's steal over the run.  An idle run that comes
# out far slower than its neighbours (the plain UDP ping-pong at 20 us
# against 10-14 in two rounds of the 83da5a0 record) can then be told
# from a host that took CPU time meanwhile.  A failed or hung run stops
# the benchmark (set -e sees the status).
run() {
	s0=$(steal)
	runOnce "$@" || return $?
	echo "${2}_steal_ms $(($(steal) - s0))"
}

runOnce() {
	bin=$(binary "$1")
	w=$2
	shift 2
	# micro's run k of a round is on placement k where benchpad.sh built
	# one (reps below).
	if [ "$w" = micro ] && [ "$k" -gt 0 ] && [ -x "$bin.pad$k" ]; then
		bin=$bin.pad$k
	fi
	if [ "$w" = http_wrk ]; then
		httpWrk "$bin" "$@"
	elif [ "$w" = lookup_host ]; then
		# Only inside tools/dnsns.sh's namespace, against its nsd;
		# where that cannot be had it exits 77: a skip.
		timeout 300 sh tools/dnsns.sh --require \
		    "$benchrun" "$w" "$bin" "$w" "$@"
	else
		inNetns timeout 300 "$benchrun" "$w" "$bin" "$w" "$@"
	fi
}

# micro's figures are a few tens of nanoseconds, and on this VM a process
# lands, for seconds at a time, on one of two levels about 1.8x apart that
# follow the host, not the code (identical machine code gives both; see
# docs/PERFORMANCE.md).  So micro runs repsMicro times an implementation,
# interleaved with the others, and each metric keeps its fastest run: the
# host only ever adds time to a loop that does no I/O, never takes it away.
# Where the linker puts the code moves those loops too, by up to 23% for
# a 16-byte shift, so each of micro's runs of a C implementation is a
# differently placed program (BINARY.padK, tools/benchpad.sh) where one
# was built: the fastest is then each build's at its best placement.
# tcp_stream swings too, both ways: its rate depends on whether the kernel
# keeps its two threads on one CPU or spreads them over two, which changes
# from run to run (five runs a minute apart gave 1.9 to 3.1 GiB/s for one
# binary, 2.6 to 3.8 for another; beside the busy loop, where both share
# the free CPU, every implementation gives 3.0 to 3.2).  One run a round
# compared placements, not code, so it runs repsMany times too and keeps
# each metric's median: a placement can speed a run as well as slow it.
# Every other workload runs once a round.
repsMany=5
repsMicro=8

# reps W prints how many times a round runs workload W, and keep W the
# filter that makes one figure per metric of those runs.
reps() {
	case $1 in
	micro) echo $repsMicro ;;
	tcp_stream) echo $repsMany ;;
	*) echo 1 ;;
	esac
}
keep() {
	case $1 in
	tcp_stream) middle ;;
	*) fastest ;;
	esac
}

# fastest reads "metric value" lines, several runs of one workload, and
# prints each metric's smallest value, in the order metrics first appear.
fastest() {
	awk '!($1 in v) { o[++n] = $1; v[$1] = $2 }
	$2 + 0 < v[$1] + 0 { v[$1] = $2 }
	END { for (i = 1; i <= n; i++) print o[i], v[o[i]] }'
}

# middle reads the same lines and prints each metric's median.
middle() {
	awk "$(cat tools/median.awk)"'
	!($1 in c) { o[++n] = $1; c[$1] = 0 }
	{ x[$1, ++c[$1]] = $2 + 0 }
	END {
		for (i = 1; i <= n; i++) {
			m = o[i]
			delete a
			for (j = 1; j <= c[m]; j++) a[j] = x[m, j]
			print m, median(a, c[m])
		}
	}'
}

echo "round,impl,workload,value,unit" >$csv
r=1
while [ "$r" -le "$rounds" ]; do
	wn=0
	# A here-document, not a pipe, keeps the loop in this shell, so that
	# a failed run ends the script and the EXIT trap stops the load.
	while read -r w a; do
		a=$(scale "$w" "$a" | tr , ' ')
		wn=$((wn + 1))
		nrep=$(reps "$w")
		for cond in "" _loaded; do
			[ -n "$cond" ] && startLoad
			rm -f $out/rep.*
			k=0
			while [ $k -lt $nrep ]; do
				for impl in $(rotate $((r + wn + k)) $impls); do
					[ "$impl.$w" = raw.micro ] && continue
					st=0
					res=$(run "$impl" "$w" $a </dev/null) || st=$?
					if [ "$st" = 77 ]; then
						echo "bench.sh: $impl $w$cond skipped" >&2
						continue
					elif [ "$st" != 0 ]; then
						echo "bench.sh: $impl $w$cond failed" >&2
						exit 1
					fi
					echo "$res" >>$out/rep.$impl
				done
				k=$((k + 1))
			done
			for impl in $impls; do
				[ -s $out/rep.$impl ] || continue
				keep "$w" <$out/rep.$impl | while read -r m v; do
					echo "$r,$impl,$m$cond,$v,$(unit "$m")" >>$csv
					printf '%s %-7s %-36s %12s %s\n' "$r" "$impl" \
					    "$m$cond" "$v" "$(unit "$m")" >&2
				done
			done
			[ -n "$cond" ] && stopLoad
		done
	done <<END
$workloads
END
	r=$((r + 1))
done

# The summary: per metric, min/median/max of each implementation, then the
# medians of the per-round ratios: every implementation but raw C over raw
# C, every one but raw C and Go over Go, and NAME over NAME-old.
awk -F, -v impls="$impls" "$(cat tools/median.awk)"'
# ratio prints the median over rounds of metric m of x over y.
function ratio(m, x, y,    a, c, r) {
	c = 0
	for (r = 1; r <= nr; r++)
		if ((r, x, m) in v && (r, y, m) in v && v[r, y, m] != 0)
			a[++c] = v[r, x, m] / v[r, y, m]
	return c ? sprintf("%.3f", median(a, c)) : "-"
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
	ni = split(impls, im, " ")
	for (k = 1; k <= ni; k++) has[im[k]] = 1
	nq = 0
	for (k = 1; k <= ni; k++) {
		if (im[k] != "raw" && has["raw"]) { qx[++nq] = im[k]; qy[nq] = "raw" }
	}
	for (k = 1; k <= ni; k++) {
		if (im[k] != "raw" && im[k] != "go" && has["go"]) {
			qx[++nq] = im[k]; qy[nq] = "go"
		}
	}
	# NAME over NAME-old, the same code on an older library.
	for (k = 1; k <= ni; k++) {
		if ((im[k] "-old") in has) { qx[++nq] = im[k]; qy[nq] = im[k] "-old" }
	}
	printf "%-36s %-7s", "metric", "unit"
	for (k = 1; k <= ni; k++) printf " %26s", im[k] " min/med/max"
	for (q = 1; q <= nq; q++) printf " %9s", qx[q] "/" qy[q]
	printf "\n"
	for (i = 1; i <= nm; i++) {
		m = order[i]
		printf "%-36s %-7s", m, u[m]
		for (k = 1; k <= ni; k++) {
			key = m SUBSEP im[k]
			if (!(key in n)) { printf " %26s", "-"; continue }
			delete a
			for (j = 1; j <= n[key]; j++) a[j] = vals[key, j]
			printf " %26s", sprintf("%.4g/%.4g/%.4g", mn[key], \
			    median(a, n[key]), mx[key])
		}
		for (q = 1; q <= nq; q++) printf " %9s", ratio(m, qx[q], qy[q])
		printf "\n"
	}
	# Deadline-per-Read against the plain ping-pong, per implementation.
	for (k = 1; k <= ni; k++) {
		delete a; c = 0
		for (r = 1; r <= nr; r++)
			if ((r, im[k], "tcp_pingpong_deadline") in v && \
			    (r, im[k], "tcp_pingpong") in v)
				a[++c] = v[r, im[k], "tcp_pingpong_deadline"] / \
				    v[r, im[k], "tcp_pingpong"]
		if (c)
			printf "deadline/plain ping-pong, %s: %.3f\n", im[k], \
			    median(a, c)
	}
}' $csv | tee $out/summary.txt
