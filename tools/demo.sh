#!/bin/sh
# demo.sh NETPROBE_C NETPROBE_GO_BIN GO_CMD
#
# A short, readable tour of the differential harness: a dozen cases that
# show where Go's net package has opinions (IPv4-mapped addresses, zones,
# leading zeros, odd masks, its error texts), each answered by gonet and by
# Go 1.19 and marked same or DIFFERENT.  tools/diff.sh is the real test.
set -u
if [ $# -ne 3 ]; then
	echo "usage: sh tools/demo.sh NETPROBE_C NETPROBE_GO_BIN GO_CMD" >&2
	exit 2
fi
probe_c=$1 probe_go=$2 go=$3
dir=build/diff
mkdir -p "$dir" || exit 2

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
ParseIP "fe80::1%eth0"
ParseIP "010.0.0.1"
ParseCIDR "2001:db8::1/33"
IPNetContains "::ffff:10.0.0.0/104" "10.1.2.3"
IPMask "192.168.1.127" "26" "32"
CIDRMask "33" "32"
SplitHostPort "[fe80::1%eth0]:http"
SplitHostPort "fe80::1%eth0:80"
ParseMAC "0000.5e00.5301"
ResolveTCPAddr "tcp6" "localhost:https"
ResolveUDPAddr "udp" "[::1]:65536"
LookupPort "tcp" "gopher2"
Errno "111"
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
