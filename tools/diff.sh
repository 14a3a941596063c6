#!/bin/sh
# diff.sh [--if-go] NETPROBE_C NETPROBE_GO_BIN GO_CMD
#
# The differential harness: feeds the same cases to gonet's tools/netprobe
# and to Go 1.19's tests/diff/netprobe.go (the oracle) and requires
# byte-identical output, line for line.  The cases are the committed corpus
# (tests/diff/corpus/*.txt) followed by 20000 random ones, 2000 random
# Conv scripts, 3000 random net/netip cases and 3000 random DNS messages
# (DNSMessage) from tests/diff/gencases.go
# with seed 1, so every run and every machine checks
# the same inputs.  Prints the first differences, then exactly one summary
# line "N cases, M identical", and fails if N != M.
#
# It cannot pass vacuously: it also fails, with a line starting
# "diff.sh: FAIL:", when no case ran (the corpus and gencases gave
# nothing), when gencases gave no case, when either probe exited non-zero,
# or when either probe printed other than exactly one line per case (the
# protocol promises one line for each; a line count that differs is a
# crash, a lost flush or a case split in two, whatever the lines say).
# Exit status: 0 pass, 1 a check failed, 2 the harness could not run.
#
# No case of tests/diff/corpus names a host outside /etc/hosts, but as a
# second guard both sides run in one fresh network namespace when unshare
# allows it, where only the loopback interface is brought up (socket cases
# need it), so not even a stray DNS query can leave the machine.  Where
# tools/dnsns.sh can run, that namespace is its own (nsd on loopback, the
# test resolv.conf and hosts) and the resolver cases of
# tests/diff/corpus_dns run too.  Go
# runs with its own resolver (GODEBUG=netdns=go), which is the one gonet
# mirrors.  With --if-go, a machine without Go skips the comparison.
set -u

ifgo=0
if [ "${1-}" = --skip ]; then
	# The TSan variant runs the suites only: the diff would take long
	# under TSan and checks nothing thread-related.
	echo "diff.sh: skipped for this build variant"
	exit 0
fi
if [ "${1-}" = --if-go ]; then
	ifgo=1
	shift
fi
if [ $# -ne 3 ]; then
	echo "usage: sh tools/diff.sh [--if-go] NETPROBE_C NETPROBE_GO_BIN GO_CMD" >&2
	exit 2
fi
probe_c=$1 probe_go=$2 go=$3
maxshow=10
dir=build/diff

if ! command -v "$go" >/dev/null 2>&1; then
	if [ $ifgo -eq 1 ]; then
		echo "diff.sh: Go ($go) is not installed; skipping the differential test"
		exit 0
	fi
	echo "diff.sh: Go ($go) is not installed; it is the oracle" >&2
	exit 2
fi
if [ ! -x "$probe_c" ]; then
	echo "diff.sh: $probe_c is not built" >&2
	exit 2
fi

mkdir -p "$dir" || exit 2

# stale OUT SRC succeeds when OUT is missing or older than SRC.
stale() {
	[ ! -e "$1" ] || [ -n "$(find "$2" -newer "$1" 2>/dev/null)" ]
}

if stale "$probe_go" tests/diff/netprobe.go; then
	sh tools/gobuild.sh "$go" "$probe_go" tests/diff/netprobe.go || exit 2
fi
if stale "$dir/gencases" tests/diff/gencases.go; then
	sh tools/gobuild.sh "$go" "$dir/gencases" tests/diff/gencases.go ||
	    exit 2
fi
"$dir/gencases" -n 20000 -conv 2000 -netip 3000 -dns 3000 -seed 1 \
    >"$dir/random.txt" ||
    exit 2

# The resolver cases (tests/diff/corpus_dns) run only where
# tools/dnsns.sh can give both probes a namespace of their own with nsd
# serving tests/testdata/dns: their names must never reach the machine's
# nameserver.
# The cases of tests/diff/corpus_dns/baddns run last, in the same
# namespace, with tests/testdata/dns/resolv.conf.bad mounted over
# /etc/resolv.conf: its only server is tools/baddns.c on 127.0.0.2, which
# answers with faults (wrong ID or question, garbage, truncation, silence).
# The cases of tests/diff/corpus_dns/nss run once for every nsswitch.conf
# in tests/testdata/dns/nss, between the two, with that folder's hosts.
# DIFF_NODNS=1 leaves them out on purpose (tools/plantfault.sh, whose
# faults are all outside the resolver, reruns the harness two dozen times).
dnscorpus= badcorpus= nsscorpus= nssconfs=
if [ "${DIFF_NODNS:-0}" = 1 ]; then
	echo "diff.sh: the resolver cases are left out (DIFF_NODNS=1)"
elif sh tools/dnsns.sh --require true 2>/dev/null; then
	dnscorpus=tests/diff/corpus_dns/*.txt
	badcorpus=tests/diff/corpus_dns/baddns/*.txt
	nsscorpus=tests/diff/corpus_dns/nss/*.txt
	nssconfs=tests/testdata/dns/nss/*.conf
	if stale "$dir/baddns" tools/baddns.c; then
		${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror \
		    -o "$dir/baddns" tools/baddns.c || exit 2
	fi
else
	echo "diff.sh: SKIP the resolver cases: tools/dnsns.sh cannot run here"
fi

# The probes skip blank and comment lines; dropping them here too keeps
# case k on output line k.  The C locale lets grep pass any byte through.
cat tests/diff/corpus/*.txt $dnscorpus "$dir/random.txt" |
    LC_ALL=C grep -a -v -e '^$' -e '^#' >"$dir/cases1.txt"
cat /dev/null $badcorpus | LC_ALL=C grep -a -v -e '^$' -e '^#' \
    >"$dir/cases2.txt"
cat /dev/null $nsscorpus | LC_ALL=C grep -a -v -e '^$' -e '^#' \
    >"$dir/cases3.txt"
: >"$dir/cases3all.txt"
for conf in $nssconfs; do
	cat "$dir/cases3.txt" >>"$dir/cases3all.txt"
done
cat "$dir/cases1.txt" "$dir/cases3all.txt" "$dir/cases2.txt" \
    >"$dir/cases.txt"

# run_both runs the two probes one after the other, inside whatever
# namespace the caller set up, and leaves their exit codes in files.
run_both='
	ip link set lo up 2>/dev/null
	"$0" <"$1/cases1.txt" >"$1/c.out" 2>"$1/c.err"; echo $? >"$1/c.rc"
	GODEBUG=netdns=go "$2" <"$1/cases1.txt" >"$1/go.out" 2>"$1/go.err"
	echo $? >"$1/go.rc"'
# run_bad appends the baddns cases' outputs; a failing probe's status
# replaces the 0 run_both recorded.  /etc/resolv.conf is tools/dnsns.sh's
# copy, so overwriting it leaves the committed file alone.  A timeout's
# text names the client's ephemeral port, which no two runs share: sed
# writes PORT for it, in both outputs alike.
run_bad='
	bad=$("$1/baddns" 127.0.0.2) || exit 1
	cp "$3" /etc/resolv.conf || { kill $bad; exit 1; }
	port="s/ \(udp\|tcp\) \([^ ]*\):[0-9]*->/ \1 \2:PORT->/g"
	"$0" <"$1/cases2.txt" >"$1/c2.out" 2>>"$1/c.err" || echo $? >"$1/c.rc"
	GODEBUG=netdns=go "$2" <"$1/cases2.txt" >"$1/go2.out" \
	    2>>"$1/go.err" || echo $? >"$1/go.rc"
	kill $bad
	sed "$port" "$1/c2.out" >>"$1/c.out"
	sed "$port" "$1/go2.out" >>"$1/go.out"'
# run_nss runs the nss cases once per nsswitch.conf of $4 (in name order,
# the order cases3all.txt repeats them in) and appends their outputs; it
# then puts tools/dnsns.sh's hosts and nsswitch.conf back (from $5) for
# the baddns cases.  Each file gets a fresh pair of processes, since both
# resolvers read nsswitch.conf once.
run_nss='
	cp "$4/hosts" /etc/hosts || exit 1
	for conf in "$4"/*.conf; do
		cp "$conf" /etc/nsswitch.conf || exit 1
		"$0" <"$1/cases3.txt" >>"$1/c3.out" 2>>"$1/c.err" ||
		    echo $? >"$1/c.rc"
		GODEBUG=netdns=go "$2" <"$1/cases3.txt" >>"$1/go3.out" \
		    2>>"$1/go.err" || echo $? >"$1/go.rc"
	done
	cat /dev/null "$1/c3.out" >>"$1/c.out"
	cat /dev/null "$1/go3.out" >>"$1/go.out"
	cp "$5/hosts" /etc/hosts && cp "$5/nsswitch.conf" /etc/nsswitch.conf ||
	    exit 1'
# In a private namespace only, a known link beside lo for the interface
# ops (tests/diff/netprobe.go): fixed addresses (one point-to-point), MTU
# and MAC where the link type lets them be set (an ifb keeps its random
# MAC, the same for both probes), no automatic link-local address.  A
# kernel without dummy links gets an ifb link; one that allows neither has
# lo alone.
ns_links='
	if ip link add gonet0 type dummy 2>/dev/null ||
	    ip link add gonet0 type ifb 2>/dev/null; then
		ip link set gonet0 address 02:00:5e:00:53:01 2>/dev/null
		ip link set gonet0 mtu 1400 2>/dev/null
		ip link set gonet0 addrgenmode none 2>/dev/null
		ip address add 198.18.0.1/24 dev gonet0
		ip address add 203.0.113.1 peer 203.0.113.2 dev gonet0
		ip address add 2001:db8:53::1/64 dev gonet0 nodad
		ip link set gonet0 up
	fi'
# No output of an earlier run may stand in for this one's.
rm -f "$dir/c.out" "$dir/c.rc" "$dir/go.out" "$dir/go.rc" "$dir/c2.out" \
    "$dir/go2.out" "$dir/c3.out" "$dir/go3.out"
if [ -n "$dnscorpus" ]; then
	sh tools/dnsns.sh --require sh -c "$ns_links$run_both$run_nss$run_bad" \
	    "$probe_c" "$dir" "$probe_go" tests/testdata/dns/resolv.conf.bad \
	    tests/testdata/dns/nss tests/testdata/dns
elif unshare -n sh -c 'ip link set lo up' 2>/dev/null; then
	unshare -n sh -c "$ns_links$run_both" "$probe_c" "$dir" "$probe_go"
elif unshare -rn sh -c 'ip link set lo up' 2>/dev/null; then
	unshare -rn sh -c "$ns_links$run_both" "$probe_c" "$dir" "$probe_go"
else
	sh -c "$run_both" "$probe_c" "$dir" "$probe_go"
fi
if [ ! -s "$dir/c.rc" ] || [ ! -s "$dir/go.rc" ]; then
	echo "diff.sh: the probes did not run (no exit status recorded)" >&2
	exit 2
fi
rc_c=$(cat "$dir/c.rc")
rc_go=$(cat "$dir/go.rc")
if [ $rc_go -ne 0 ]; then
	echo "diff.sh: the Go probe failed (exit $rc_go):" >&2
	head -5 "$dir/go.err" >&2
	exit 2
fi

# awk walks both outputs in step and prints the numbers of the lines that
# differ (a missing line, after a crash, differs too); sed then fetches the
# inputs for the first few of them.
LC_ALL=C awk -v C="$dir/c.out" -v G="$dir/go.out" -v N="$(wc -l <"$dir/cases.txt")" '
BEGIN {
	for (i = 1; i <= N; i++) {
		if ((getline a < C) <= 0)
			a = "<no output>"
		if ((getline b < G) <= 0)
			b = "<no output>"
		if (a != b)
			print i
	}
}' >"$dir/differing"

ncases=$(wc -l <"$dir/cases.txt" | tr -d ' ')
ndiff=$(wc -l <"$dir/differing" | tr -d ' ')
if [ "$ndiff" -gt 0 ]; then
	echo "first differences (of $ndiff); all in $dir/{cases.txt,c.out,go.out}:"
	head -n $maxshow "$dir/differing" | while read -r k; do
		# printf, not echo: dash's echo would expand the cases'
		# backslash escapes.
		printf 'case %s: %s\n' "$k" "$(sed -n "${k}p" "$dir/cases.txt")"
		printf '  gonet: %s\n' "$(sed -n "${k}p" "$dir/c.out")"
		printf '  go:    %s\n' "$(sed -n "${k}p" "$dir/go.out")"
	done
fi
echo "$ncases cases, $((ncases - ndiff)) identical"

# The strict checks: each failure prints one line, and any one fails the run.
fail=0
failed() {
	echo "diff.sh: FAIL: $*"
	fail=1
}
[ "$ncases" -gt 0 ] || failed "no cases ran: $dir/cases.txt is empty"
[ -s "$dir/random.txt" ] || failed "gencases printed no cases"
if [ "$rc_c" -ne 0 ]; then
	failed "gonet's probe ($probe_c) exited with status $rc_c;" \
	    "its stderr begins:"
	head -20 "$dir/c.err"
fi
# lines FILE WHO: WHO's output must hold exactly one line per case.
lines() {
	n=$(wc -l <"$1" | tr -d ' ')
	[ "$n" -eq "$ncases" ] || failed "$2 printed $n lines for $ncases" \
	    "cases; exactly one line per case is required"
}
lines "$dir/c.out" "gonet's probe ($probe_c)"
lines "$dir/go.out" "Go's probe ($probe_go)"
[ "$ndiff" -eq 0 ] && [ $fail -eq 0 ]
