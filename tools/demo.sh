#!/bin/sh
# demo.sh NETPROBE_C NETPROBE_GO_BIN GO_CMD [SOCKOPTS_C]
#
# A short, readable tour.  First the socket-option table (tools/sockopts.sh):
# every kind of socket gonet makes, the options its socket layer set, each
# row checked against Go 1.19's.  It shows the seed commit's rule: stream
# and multicast listeners get SO_REUSEADDR, dialed and unicast UDP sockets
# do not.  Then a dozen differential cases that show where Go's net package
# has opinions (IPv4-mapped addresses, zones, leading zeros, odd masks, its
# error texts, sockets), each answered by gonet and by Go 1.19 and marked
# same or DIFFERENT.  tools/diff.sh and tools/sockopts.sh are the real tests.
set -u
if [ $# -ne 3 ] && [ $# -ne 4 ]; then
	echo "usage: sh tools/demo.sh NETPROBE_C NETPROBE_GO_BIN GO_CMD" \
	    "[SOCKOPTS_C]" >&2
	exit 2
fi
probe_c=$1 probe_go=$2 go=$3 sockopts_c=${4:-tools/sockopts}
dir=build/diff
mkdir -p "$dir" || exit 2

echo "== Socket options: gonet's table, each row checked against Go 1.19"
echo
if [ -x "$sockopts_c" ]; then
	sh tools/sockopts.sh "$sockopts_c" "$go"
else
	echo "($sockopts_c is not built; 'make $sockopts_c' builds it)"
fi
echo
echo "== A sample of the differential cases (make diff runs them all)"
echo

havego=0
if command -v "$go" >/dev/null 2>&1; then
	havego=1
	if [ ! -e "$probe_go" ] ||
	    [ -n "$(find tests/diff/netprobe.go -newer "$probe_go")" ]; then
		sh tools/gobuild.sh "$go" "$probe_go" tests/diff/netprobe.go ||
		    havego=0
	fi
fi

cat >"$dir/demo.txt" <<'EOF'
ParseIP "::ffff:192.0.2.1"
ParseIP "010.0.0.1"
IPNetContains "::ffff:10.0.0.0/104" "10.1.2.3"
SplitHostPort "fe80::1%eth0:80"
ResolveTCPAddr "tcp6" "localhost:https"
LookupPort "tcp" "gopher2"
Listen "tcp" ":0"
ListenPacket "udp4" "224.0.0.251:0"
DialSockopts "tcp"
Dial "tcp" "127.0.0.1:CLOSED"
Listen "tcp" "127.0.0.1:99999"
EOF

"$probe_c" <"$dir/demo.txt" >"$dir/demo.c.out" 2>&1
if [ $havego -eq 1 ]; then
	GODEBUG=netdns=go "$probe_go" <"$dir/demo.txt" >"$dir/demo.go.out"
else
	echo "(Go is not installed: showing gonet's answers only)"
	: >"$dir/demo.go.out"
fi

same=0 total=0
while IFS= read -r c; do
	total=$((total + 1))
	a=$(sed -n "${total}p" "$dir/demo.c.out")
	# printf, not echo: dash's echo would expand backslash escapes.
	printf '%s\n    gonet: %s\n' "$c" "$a"
	if [ $havego -eq 1 ]; then
		b=$(sed -n "${total}p" "$dir/demo.go.out")
		printf '    go:    %s\n' "$b"
		if [ "$a" = "$b" ]; then
			same=$((same + 1))
			echo "    same"
		else
			echo "    DIFFERENT"
		fi
	fi
	echo
done <"$dir/demo.txt"
if [ $havego -eq 1 ]; then
	echo "$same of $total answers identical to Go 1.19;" \
	    "'make diff' checks thousands more."
fi
