#!/bin/sh
# examples.sh DIR: runs the programs of examples/ (built in DIR) on
# loopback.  Each server starts on port 0 or a temporary socket and prints
# its address; a client (the example client, or socat for datagrams) drives
# it and the bytes that come back are compared; then the server is stopped.
# Every client runs under timeout(1), every wait is counted.  KEEP=DIR
# keeps a copy of the run's files (outputs, stderr) in DIR.
set -u
dir=$1
tmp=$(mktemp -d)
pids=""
trap '[ -n "${KEEP:-}" ] && cp -r "$tmp" "$KEEP"; for p in $pids; do kill "$p" 2>/dev/null; done; wait; rm -rf "$tmp"' EXIT
fail() {
	echo "examples: FAIL: $*" >&2
	for f in "$tmp"/*.err; do [ -s "$f" ] && sed "s|^|  $f: |" "$f" >&2; done
	exit 1
}

# serve NAME PROG ARGS...: starts a server, sets $addr to the first line
# it prints (its address).
serve() {
	name=$1
	shift
	"$dir/$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
	pids="$pids $!"
	i=0
	while [ ! -s "$tmp/$name.out" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "$name did not start"
		sleep 0.1
	done
	addr=$(head -n 1 "$tmp/$name.out")
}

# client NAME ARGS...: runs the example client with stdin and stdout
# redirected by the caller, bounded in time.
client() {
	name=$1
	shift
	timeout 30 "$dir/echoclient" "$@" 2>"$tmp/$name.err" || fail "$name: echoclient $*: exit $?"
}

head -c 1048576 /dev/urandom >"$tmp/random"

# An echo server over TCP: a 1 MiB random file comes back byte for byte.
serve echo echoserver tcp 127.0.0.1:0
echoaddr=$addr
client echo tcp "$echoaddr" <"$tmp/random" >"$tmp/echo.got"
cmp -s "$tmp/random" "$tmp/echo.got" || fail "echo over tcp: bytes differ"
echo "examples: echoserver/echoclient tcp: 1 MiB echoed"

# The same programs over a Unix socket.
serve uecho echoserver unix "$tmp/echo.sock"
client uecho unix "$tmp/echo.sock" <"$tmp/random" >"$tmp/uecho.got"
cmp -s "$tmp/random" "$tmp/uecho.got" || fail "echo over unix: bytes differ"
echo "examples: echoserver/echoclient unix: 1 MiB echoed"

# The forwarder between them: tcp in front of the tcp and the unix server.
serve fwd forward tcp 127.0.0.1:0 tcp "$echoaddr"
client fwd tcp "$addr" <"$tmp/random" >"$tmp/fwd.got"
cmp -s "$tmp/random" "$tmp/fwd.got" || fail "forward tcp->tcp: bytes differ"
serve ufwd forward tcp 127.0.0.1:0 unix "$tmp/echo.sock"
client ufwd tcp "$addr" <"$tmp/random" >"$tmp/ufwd.got"
cmp -s "$tmp/random" "$tmp/ufwd.got" || fail "forward tcp->unix: bytes differ"
echo "examples: forward tcp->tcp and tcp->unix: 1 MiB each way, half-closed"

# UDP and unixgram echo, driven by socat when it is there.
if command -v socat >/dev/null 2>&1; then
	serve udp udpecho udp 127.0.0.1:0
	got=$(echo ping | timeout 10 socat -t 2 - "UDP:$addr")
	[ "$got" = ping ] || fail "udpecho udp: got '$got'"
	serve ugram udpecho unixgram "$tmp/gram.sock"
	got=$(echo pong | timeout 10 socat -t 2 - \
	    "UNIX-SENDTO:$tmp/gram.sock,bind=$tmp/gram-client.sock")
	[ "$got" = pong ] || fail "udpecho unixgram: got '$got'"
	echo "examples: udpecho udp and unixgram: datagrams echoed (socat)"
else
	echo "examples: SKIP udpecho: socat is not installed (tools/setup.sh)"
fi

# The chat server: bob stays connected and must see alice arrive and talk.
serve chat chat tcp 127.0.0.1:0
chataddr=$addr
(sleep 3) | client bob tcp "$chataddr" >"$tmp/bob.got" &
bob=$!
i=0
until grep -q 'You are' "$tmp/bob.got" 2>/dev/null; do
	i=$((i + 1))
	[ $i -le 100 ] || fail "chat: bob was not welcomed"
	sleep 0.1
done
printf 'hello, bob\n' | client alice tcp "$chataddr" >"$tmp/alice.got"
wait $bob || fail "chat: bob's client failed"
alice=$(sed -n 's/^You are \(.*\)$/\1/p' "$tmp/alice.got")
for want in "$alice has arrived" "$alice: hello, bob" "$alice has left"; do
	grep -qxF "$want" "$tmp/bob.got" || fail "chat: bob did not see '$want'"
done
echo "examples: chat: bob saw alice arrive, talk and leave"
# The HTTP/1.1 client on bufio and io.Copy, against its own server.
timeout 30 "$dir/httpget" >"$tmp/httpget.got" 2>"$tmp/httpget.err" ||
    fail "httpget: exit $?"
printf 'HTTP/1.1 200 OK\r\nhello, gonet\n' >"$tmp/httpget.want"
cmp -s "$tmp/httpget.want" "$tmp/httpget.got" || fail "httpget: wrong response"
echo "examples: httpget: GET /hello over bufio and io.Copy"
# As a client of another HTTP/1.1 server, Python's, serving the random file.
if command -v python3 >/dev/null 2>&1; then
	mkdir "$tmp/www" && cp "$tmp/random" "$tmp/www/random"
	python3 -u -m http.server --bind 127.0.0.1 --directory "$tmp/www" 0 \
	    >"$tmp/pyhttp.out" 2>&1 &
	pids="$pids $!"
	i=0
	until port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$tmp/pyhttp.out" 2>/dev/null) &&
	    [ -n "$port" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "python3 http.server did not start"
		sleep 0.1
	done
	timeout 30 "$dir/httpget" "127.0.0.1:$port" /random >"$tmp/get.got" \
	    2>"$tmp/get.err" || fail "httpget 127.0.0.1:$port /random: exit $?"
	{ printf 'HTTP/1.0 200 OK\r\n'; cat "$tmp/random"; } >"$tmp/get.want"
	cmp -s "$tmp/get.want" "$tmp/get.got" || fail "httpget from python3: bytes differ"
	echo "examples: httpget: 1 MiB from python3's http.server"
else
	echo "examples: SKIP httpget against another server: python3 is not installed"
fi
echo "examples: all passed"
