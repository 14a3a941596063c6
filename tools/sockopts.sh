#!/bin/sh
# sockopts.sh SOCKOPTS_C GO_CMD
#
# The socket-option table: tools/sockopts (gonet) and tests/diff/sockopts.go
# (Go 1.19) each make every kind of socket Go's net package makes and print
# one row per socket: SO_REUSEADDR, SO_REUSEPORT, SO_BROADCAST, IPV6_V6ONLY,
# the socket type, O_NONBLOCK, FD_CLOEXEC and the bound address.  This
# prints gonet's table with "same as Go" or "DIFFERENT: go says ..." after
# each row, and fails when any row differs.  Without Go it prints gonet's
# table alone and says so.
#
# Both run in a private network namespace when unshare allows it, with
# loopback up and the multicast ranges routed to it, so that joining a
# group tells no other machine; otherwise both get -nojoin and skip the
# joins (the rest only binds loopback and wildcard addresses).
#
# It cannot pass vacuously.  A case is one socket the twins set out to
# make, and the twins' tables fix them: 5 Listen, 6 ListenPacket (4
# unicast, 2 multicast groups), 2 ListenMulticastUDP, 7 Dial.  Each case
# prints exactly one row, its socket's, its error's or "skipped"; some
# print follow-up rows after it (the second multicast listener, whether
# the two coexist, the accepted TCP connection), which are not cases, as
# they come only when the case succeeds.  This script states the 20 cases
# itself, below, so neither twin vouches for its own length: each twin must
# exit 0 and print the header line first and exactly those case rows, and
# the two must print the same number of rows.  Every failure prints a line
# starting "sockopts.sh: FAIL:".  Exit status: 0 pass, 1 a check failed,
# 2 the script could not run.  A socket added to the twins is added here.
set -u
cases="header=1 Listen=5 ListenPacket=6 ListenMulticastUDP=2 Dial=7"
if [ $# -ne 2 ]; then
	echo "usage: sh tools/sockopts.sh SOCKOPTS_C GO_CMD" >&2
	exit 2
fi
sockopts_c=$1 go=$2
dir=build/sockopts
sockopts_go=$dir/sockopts-go
mkdir -p "$dir" || exit 2
if [ ! -x "$sockopts_c" ]; then
	echo "sockopts.sh: $sockopts_c is not built" >&2
	exit 2
fi

havego=0
if command -v "$go" >/dev/null 2>&1; then
	havego=1
	if [ ! -e "$sockopts_go" ] ||
	    [ -n "$(find tests/diff/sockopts.go -newer "$sockopts_go")" ]; then
		sh tools/gobuild.sh "$go" "$sockopts_go" tests/diff/sockopts.go ||
		    exit 2
	fi
fi

# The namespace's setup: loopback up, every multicast group routed to it.
setup='ip link set lo up &&
	ip route add 224.0.0.0/4 dev lo &&
	ip -6 route add ff00::/8 dev lo table local'
ns= flag=
if unshare -n sh -c "$setup" 2>/dev/null; then
	ns="unshare -n"
elif unshare -rn sh -c "$setup" 2>/dev/null; then
	ns="unshare -rn"
else
	flag=-nojoin
	echo "(no private network namespace: the multicast joins are skipped)"
fi

# run PROG runs one twin, in the namespace when there is one.
run() {
	if [ -n "$ns" ]; then
		$ns sh -c "$setup && exec \"\$0\"" "$1"
	else
		"$1" $flag
	fi
}

# failed records a failure; verdict prints them all, after the table.
fail=0
rm -f "$dir/fails"
failed() {
	echo "sockopts.sh: FAIL: $*" >>"$dir/fails"
	fail=1
}
verdict() {
	[ $fail -eq 0 ] || cat "$dir/fails"
	[ $fail -eq 0 ]
}

# census FILE prints the shape of a table in the form of $cases: 1 if the
# first line is the header, then the case rows of each call.
census() {
	LC_ALL=C awk '
	NR == 1 {
		h = $1 == "KIND"
		next
	}
	$1 == "Listen" || $1 == "ListenPacket" || $1 == "Dial" ||
	    ($1 == "ListenMulticastUDP" && $5 != "(2nd)") {
		n[$1]++
	}
	END {
		printf "header=%d Listen=%d ListenPacket=%d", h, n["Listen"],
		    n["ListenPacket"]
		printf " ListenMulticastUDP=%d Dial=%d\n",
		    n["ListenMulticastUDP"], n["Dial"]
	}' "$1"
}

# shape FILE WHO fails unless WHO's table has every case, each once.
shape() {
	got=$(census "$1")
	[ "$got" = "$cases" ] ||
	    failed "$2 printed a table of $got; it must be $cases"
}

run "$sockopts_c" >"$dir/c.out" 2>"$dir/c.err"
rc_c=$?
if [ $rc_c -ne 0 ]; then
	failed "$sockopts_c exited with status $rc_c; its stderr begins:"
	head -20 "$dir/c.err" >>"$dir/fails"
fi
shape "$dir/c.out" "gonet's twin ($sockopts_c)"
if [ $havego -eq 0 ]; then
	echo "(Go ($go) is not installed: gonet's table alone, unchecked)"
	cat "$dir/c.out"
	verdict
	exit
fi
if ! run "$sockopts_go" >"$dir/go.out" 2>"$dir/go.err"; then
	echo "sockopts.sh: the Go twin failed:" >&2
	head -5 "$dir/go.err" >&2
	exit 2
fi
shape "$dir/go.out" "Go's twin ($sockopts_go)"
nc=$(wc -l <"$dir/c.out" | tr -d ' ')
ng=$(wc -l <"$dir/go.out" | tr -d ' ')
[ "$nc" -eq "$ng" ] ||
    failed "gonet's twin printed $nc rows and Go's $ng; they must match"

# awk walks both tables in step; a row missing on one side differs.
LC_ALL=C awk -v C="$dir/c.out" -v G="$dir/go.out" '
BEGIN {
	n = same = 0
	for (;;) {
		ra = (getline a < C) > 0
		rb = (getline b < G) > 0
		if (!ra && !rb)
			break
		if (!ra)
			a = "<no output>"
		if (!rb)
			b = "<no output>"
		if (++n == 1 && a == b) {
			same++
			print a "  (Go 1.19)"
			continue
		}
		if (a == b) {
			same++
			print a "  same as Go"
		} else
			print a "  DIFFERENT\n    go says: " b
	}
	printf "%d of %d rows identical to Go 1.19\n", same, n
	exit same == n ? 0 : 1
}'
rc=$?
verdict && [ $rc -eq 0 ]
