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
set -u
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

run "$sockopts_c" >"$dir/c.out" 2>"$dir/c.err"
rc_c=$?
if [ $rc_c -ne 0 ]; then
	echo "sockopts.sh: $sockopts_c exited with status $rc_c:"
	head -20 "$dir/c.err"
fi
if [ $havego -eq 0 ]; then
	echo "(Go ($go) is not installed: gonet's table alone, unchecked)"
	cat "$dir/c.out"
	exit $rc_c
fi
if ! run "$sockopts_go" >"$dir/go.out" 2>"$dir/go.err"; then
	echo "sockopts.sh: the Go twin failed:" >&2
	head -5 "$dir/go.err" >&2
	exit 2
fi

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
[ $rc -eq 0 ] && [ $rc_c -eq 0 ]
