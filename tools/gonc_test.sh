#!/bin/sh
# gonc_test.sh GONC: runs gonc against Debian's netcat-openbsd and socat on
# loopback: an 8 MiB random file each way over tcp and unix, a refused dial
# (exit status, and Go's error text with -v), the idle timeout, udp and
# unixgram datagrams, unixpacket.  Every command runs under timeout(1).
set -u
gonc=$1
tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; wait; rm -rf "$tmp"' EXIT
fail() {
	echo "gonc_test: FAIL: $*" >&2
	for f in "$tmp"/*.err; do [ -s "$f" ] && sed "s|^|  $f: |" "$f" >&2; done
	exit 1
}
if ! nc -h 2>&1 | grep -q OpenBSD || ! command -v socat >/dev/null; then
	echo "gonc_test: SKIP: needs netcat-openbsd and socat (tools/setup.sh)"
	exit 0
fi
T="timeout 30"

# bg NAME CMD...: starts CMD in the background, output in $tmp/NAME.*.
bg() {
	name=$1
	shift
	$T "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
	pids="$pids $!"
	last=$!
}

# port NAME: waits until NAME's stderr names its port; sets $port.
port() {
	i=0
	port=""
	while [ -z "$port" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "$1 did not say where it listens"
		sleep 0.1
		port=$(sed -n -e 's/^Listening on .* \([0-9]*\)$/\1/p' \
		    -e 's/^Bound on .* \([0-9]*\)$/\1/p' \
		    -e 's/^gonc: listening on .*:\([0-9]*\) (.*)$/\1/p' "$tmp/$1.err")
	done
}

# waitfor WHAT TEST...: waits up to 10 s until TEST succeeds.
waitfor() {
	what=$1
	shift
	i=0
	until "$@"; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "timed out waiting for $what"
		sleep 0.1
	done
}

# waitsock PATH: waits until a server has made its socket file.
waitsock() {
	waitfor "a socket at $1" test -S "$1"
}

head -c 8388608 /dev/urandom >"$tmp/big"

# TCP, gonc dialing nc: gonc's CloseWrite at the end of input ends nc -l.
bg ncl nc -lv 127.0.0.1 0
port ncl
$T "$gonc" 127.0.0.1 "$port" <"$tmp/big" 2>"$tmp/gonc1.err" || fail "gonc -> nc: exit $?"
wait $last
cmp -s "$tmp/big" "$tmp/ncl.out" || fail "gonc -> nc: bytes differ"
# TCP, nc dialing gonc -l.
bg goncl "$gonc" -v -l 127.0.0.1 0
port goncl
$T nc -N 127.0.0.1 "$port" <"$tmp/big" >/dev/null 2>"$tmp/nc2.err" || fail "nc -> gonc: nc exit $?"
wait $last || fail "gonc -l: exit $?"
cmp -s "$tmp/big" "$tmp/goncl.out" || fail "nc -> gonc -l: bytes differ"
echo "gonc_test: tcp: 8 MiB each way with nc, byte-exact"

# Unix stream sockets, both ways.
bg uncl nc -lU "$tmp/a.sock"
waitsock "$tmp/a.sock"
$T "$gonc" -U "$tmp/a.sock" <"$tmp/big" 2>"$tmp/gonc3.err" || fail "gonc -U -> nc: exit $?"
wait $last
cmp -s "$tmp/big" "$tmp/uncl.out" || fail "gonc -U -> nc: bytes differ"
bg ugoncl "$gonc" -l -n unix "$tmp/b.sock"
waitsock "$tmp/b.sock"
$T nc -N -U "$tmp/b.sock" <"$tmp/big" >/dev/null 2>"$tmp/nc4.err" || fail "nc -U -> gonc: nc exit $?"
wait $last || fail "gonc -l -n unix: exit $?"
cmp -s "$tmp/big" "$tmp/ugoncl.out" || fail "nc -U -> gonc -l: bytes differ"
[ ! -e "$tmp/b.sock" ] || fail "gonc -l -n unix left its socket file behind"
echo "gonc_test: unix: 8 MiB each way with nc, byte-exact"

# unixpacket, gonc to gonc (nc has no seqpacket mode).
bg pgoncl "$gonc" -l -n unixpacket "$tmp/p.sock"
waitsock "$tmp/p.sock"
echo seqpacket | $T "$gonc" -n unixpacket "$tmp/p.sock" 2>"$tmp/gonc5.err" || fail "gonc -n unixpacket: exit $?"
wait $last || fail "gonc -l -n unixpacket: exit $?"
[ "$(cat "$tmp/pgoncl.out")" = seqpacket ] || fail "unixpacket: got $(cat "$tmp/pgoncl.out")"
echo "gonc_test: unixpacket: a message gonc to gonc"

# A refused dial: exit 1 and silence, or Go's text with -v.
$T "$gonc" 127.0.0.1 1 </dev/null >/dev/null 2>"$tmp/refused.err"
rc=$?
[ $rc = 1 ] && [ ! -s "$tmp/refused.err" ] || fail "refused: exit $rc, want 1 and no text"
$T "$gonc" -v 127.0.0.1 1 </dev/null >/dev/null 2>"$tmp/refusedv.err"
rc=$?
want="gonc: dial tcp 127.0.0.1:1: connect: connection refused"
[ $rc = 1 ] && [ "$(cat "$tmp/refusedv.err")" = "$want" ] ||
    fail "refused -v: exit $rc, text '$(cat "$tmp/refusedv.err")'"
$T "$gonc" -v -U "$tmp/none.sock" </dev/null 2>"$tmp/nounix.err"
want="gonc: dial unix $tmp/none.sock: connect: no such file or directory"
[ "$(cat "$tmp/nounix.err")" = "$want" ] || fail "unix -v: '$(cat "$tmp/nounix.err")'"
rm -f "$tmp"/refused*.err "$tmp/nounix.err"
echo "gonc_test: refused dials exit 1, with Go's text under -v"

# The idle timeout: a silent peer and open input end the connection, exit 0
# as nc's -w does, after about a second.
bg silent nc -l 127.0.0.1 0 -v
port silent
mkfifo "$tmp/fifo"
sleep 5 >"$tmp/fifo" &
pids="$pids $!"
start=$(date +%s)
$T "$gonc" -w 1 127.0.0.1 "$port" <"$tmp/fifo" >/dev/null 2>"$tmp/idle.err"
rc=$?
took=$(($(date +%s) - start))
[ $rc = 0 ] && [ $took -le 3 ] || fail "idle timeout: exit $rc after ${took}s"
kill $last 2>/dev/null
echo "gonc_test: -w 1 ended an idle connection after ${took}s, exit 0"

# UDP: socat sends to gonc -u -l; gonc -u sends to nc -u -l.
bg ugl "$gonc" -v -u -l -d -w 2 127.0.0.1 0
port ugl
echo datagram | $T socat - "UDP:127.0.0.1:$port" >/dev/null 2>"$tmp/socat6.err" || fail "socat udp: exit $?"
wait $last || fail "gonc -u -l: exit $?"
[ "$(cat "$tmp/ugl.out")" = datagram ] || fail "udp to gonc: got '$(cat "$tmp/ugl.out")'"
bg unl nc -u -lv 127.0.0.1 0
port unl
echo gram | $T "$gonc" -u -w 1 127.0.0.1 "$port" >/dev/null 2>"$tmp/gonc7.err" || fail "gonc -u: exit $?"
waitfor "nc to receive gonc's datagram" test -s "$tmp/unl.out"
[ "$(cat "$tmp/unl.out")" = gram ] || fail "udp from gonc: got '$(cat "$tmp/unl.out")'"
kill $last 2>/dev/null
echo "gonc_test: udp: datagrams both ways with socat and nc"

# unixgram: socat sends to gonc; gonc's reply path lets a server answer.
bg ggl "$gonc" -l -n unixgram -d -w 2 "$tmp/g.sock"
waitsock "$tmp/g.sock"
echo unixgram | $T socat - "UNIX-SENDTO:$tmp/g.sock,bind=$tmp/g-client.sock" \
    >/dev/null 2>"$tmp/socat8.err" || fail "socat unixgram: exit $?"
wait $last || fail "gonc -l -n unixgram: exit $?"
[ "$(cat "$tmp/ggl.out")" = unixgram ] || fail "unixgram to gonc: got '$(cat "$tmp/ggl.out")'"
bg gecho socat "UNIX-RECVFROM:$tmp/e.sock" PIPE
waitsock "$tmp/e.sock"
got=$(echo reply | $T "$gonc" -Uu -w 1 "$tmp/e.sock" 2>"$tmp/gonc9.err")
[ "$got" = reply ] || fail "unixgram from gonc: got '$got'"
echo "gonc_test: unixgram: datagrams both ways with socat"
echo "gonc_test: all passed"
