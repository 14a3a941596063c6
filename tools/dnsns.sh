#!/bin/sh
# dnsns.sh CMD [ARG...]: runs CMD in a private mount and network namespace
# (unshare -m -n) whose only interface is loopback, with
# tests/testdata/dns/{resolv.conf,hosts,nsswitch.conf} bind-mounted over
# /etc's, and nsd serving tests/testdata/dns/root.zone on 127.0.0.1:53 and
# [::1]:53.  CMD sees GONET_DNSNS=1; the tests that need the server skip
# without it.  No query can reach the machine's nameserver: the namespace
# has no route off the host, and resolv.conf names only loopback.
# Exits with CMD's status; if the namespace or nsd cannot be had, runs CMD
# without GONET_DNSNS (so those tests skip, saying why) and says so, or
# with --require first, does not run CMD and exits 77.
top=$(cd "$(dirname "$0")/.." && pwd)
data=$top/tests/testdata/dns

# cannot REASON: the namespace is not to be had; skip or run CMD bare.
cannot() {
	echo "dnsns: SKIP: $1" >&2
	shift
	[ "$require" = 1 ] && exit 77
	exec "$@"
}

if [ "${1:-}" != --inside ]; then
	require=0
	if [ "${1:-}" = --require ]; then
		require=1
		shift
	fi
	command -v nsd >/dev/null 2>&1 || [ -x /usr/sbin/nsd ] ||
	    cannot "nsd is not installed (tools/setup.sh)" "$@"
	unshare -m -n true 2>/dev/null ||
	    cannot "unshare -m -n is refused here (needs root)" "$@"
	exec unshare -m -n --propagation private sh "$0" --inside "$@"
fi
shift
PATH=$PATH:/usr/sbin:/sbin
ip link set lo up || exit 1
dir=$(mktemp -d /tmp/gonet-dnsns.XXXXXX) || exit 1
for f in resolv.conf hosts nsswitch.conf; do
	# The copy keeps the committed file safe from a test that writes it.
	cp "$data/$f" "$dir/$f" && touch "/etc/$f" &&
	    mount --bind "$dir/$f" "/etc/$f" || exit 1
done
sed -e "s|@DIR@|$dir|g" -e "s|@DATA@|$data|g" \
    "$data/nsd.conf.in" >"$dir/nsd.conf"
nsd -d -c "$dir/nsd.conf" &
nsdpid=$!
# nsd writes its pid file once its sockets are bound; 5 s at most.
i=0
while [ ! -s "$dir/nsd.pid" ] && [ $i -lt 50 ]; do
	kill -0 $nsdpid 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ ! -s "$dir/nsd.pid" ]; then
	echo "dnsns: nsd did not start:" >&2
	cat "$dir/nsd.log" >&2
	kill $nsdpid 2>/dev/null
	exit 1
fi
GONET_DNSNS=1 "$@"
rc=$?
kill $nsdpid
wait $nsdpid 2>/dev/null
rm -rf "$dir"
exit $rc
