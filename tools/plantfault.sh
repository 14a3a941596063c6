#!/bin/sh
# plantfault.sh [MAKE]: proves that the differential harness catches faults.
#
# A harness that passes proves something only if it fails when gonet is
# wrong.  This script copies the built tree into build/plantfault/tree
# (never touching the real one), checks that `make diff` and `make
# sockopts` pass there unchanged, and then plants faults one at a time:
# one-character changes in error texts (a ParseError type, errno texts, an
# AddrError), flipped predicates (Timeout, Temporary, IsLoopback, the seed
# commit's SO_REUSEADDR), a probe that prints nothing, one line too few or
# too many, or exits non-zero, and inputs that leave no case to run.  For
# each it runs the real `make diff` (or `make sockopts`) in the copy, which
# rebuilds only what the plant touched, and requires a verdict of failure
# from the harness itself: a "diff.sh: FAIL:" or "sockopts.sh: FAIL:" line,
# or a summary that counts a difference.  A failed build is no verdict.
# Then it puts the file back and removes what was built from it.
#
# It prints one line per fault, "planted: FILE: what -> caught (...)", and
# exits 0 only if every fault was caught; the logs stay in build/plantfault.
# Each plant replaces one exact string, which must occur once in its file
# (or at the occurrence given), so a plant that misses its target is an
# error, not a pass.  Go 1.19 is required: it is the oracle.
set -u
make=${1:-make}
if [ ! -f tools/plantfault.sh ]; then
	echo "plantfault.sh: run it from the top of the tree" >&2
	exit 2
fi
top=$(pwd)
scratch=$top/build/plantfault
tree=$scratch/tree
go=$(sh tools/findgo.sh)
if ! command -v "$go" >/dev/null 2>&1; then
	echo "plantfault.sh: Go ($go) is not installed; it is the oracle" >&2
	exit 2
fi
for f in tools/netprobe tools/sockopts build/libgonet_test.a; do
	if [ ! -e "$f" ]; then
		echo "plantfault.sh: $f is not built (make $f)" >&2
		exit 2
	fi
done

# The copy builds with its own make and the default variant, whatever
# make ran this; Go reuses the real tree's cache, so rebuilding a Go twin
# compiles one file.
unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE
GOCACHE=$top/build/gocache GOPATH=$top/build/gopath
export GOCACHE GOPATH

rm -rf "$scratch"
mkdir -p "$tree" || exit 2
tar -cf - --exclude=./build --exclude=./.git . | tar -C "$tree" -xf - ||
    exit 2
for f in build/diff/gencases build/sockopts/sockopts-go; do
	if [ -e "$f" ]; then
		mkdir -p "$tree/${f%/*}" && cp -p "$f" "$tree/$f" || exit 2
	fi
done
cd "$tree" || exit 2

# built FILE prints what is built from FILE, so that it can be removed:
# make compares whole seconds under some makes, and a plant and its
# restoration can fall within one second of the last build.
built() {
	case $1 in
	tests/diff/netprobe.go) echo tools/netprobe-go ;;
	tests/diff/gencases.go) echo build/diff/gencases ;;
	tests/diff/sockopts.go) echo build/sockopts/sockopts-go ;;
	*.c) echo "${1%.c}.o build/libgonet_test.a tools/netprobe tools/sockopts" ;;
	esac
}

# plant FILE OLD NEW [K] replaces the K-th occurrence (K a number or
# "last") of the exact string OLD in FILE with NEW; without K, OLD must
# occur exactly once.  Neither string may hold a backslash (awk -v).
plant() {
	n=$(grep -F -o -- "$2" "$1" | wc -l | tr -d ' ')
	k=${4-1}
	[ "$k" = last ] && k=$n
	if [ -z "${4-}" ] && [ "$n" -ne 1 ]; then
		echo "plantfault.sh: $1 holds '$2' $n times, not once" >&2
		return 1
	fi
	LC_ALL=C awk -v old="$2" -v new="$3" -v k="$k" '
	{
		out = ""
		rest = $0
		while (k > 0 && (i = index(rest, old)) > 0) {
			if (--k == 0) {
				out = out substr(rest, 1, i - 1) new
			} else {
				out = out substr(rest, 1, i - 1 + length(old))
			}
			rest = substr(rest, i + length(old))
		}
		print out rest
	}' "$1" >"$scratch/planted" || return 1
	if cmp -s "$1" "$scratch/planted"; then
		echo "plantfault.sh: '$2' not found in $1" >&2
		return 1
	fi
	cp "$scratch/planted" "$1" && echo "$1" >>"$scratch/touched"
}

# blank FILE empties FILE.
blank() {
	: >"$1" && echo "$1" >>"$scratch/touched"
}

# restore puts back every file the last fault touched, and removes what
# was built from them.
restore() {
	[ -e "$scratch/touched" ] || return 0
	sort -u "$scratch/touched" | while read -r f; do
		cp "$top/$f" "$f"
		rm -f $(built "$f")
	done
	rm -f "$scratch/touched"
}

# verdict TARGET LOG prints the harness's summary when LOG holds a verdict
# of failure from TARGET's script, and fails otherwise.
verdict() {
	LC_ALL=C awk -v t="$1" '
	t == "diff" && /^[0-9]+ cases, [0-9]+ identical$/ {
		sum = $0
		bad += $1 != $3
	}
	t == "sockopts" && /^[0-9]+ of [0-9]+ rows identical/ {
		sum = $0
		bad += $1 != $3
	}
	index($0, t ".sh: FAIL:") == 1 {
		nfail++
	}
	END {
		if (!bad && !nfail)
			exit 1
		if (sum == "")
			sum = "no summary"
		if (nfail)
			sum = sum "; " nfail " strict check(s) failed"
		print sum
	}' "$2"
}

# No fault below touches the resolver, so make diff runs without the
# resolver cases (DIFF_NODNS=1): they are most of its time (sixteen
# nsswitch.conf files, baddns's silences), and make test runs them in full.
# The control run below uses the same setting, so a fault is judged against
# the harness exactly as it ran unplanted.
DIFF_NODNS=1
export DIFF_NODNS

# run TARGET N runs `make TARGET` in the copy into log N, and prints the
# verdict when the harness failed it.
run() {
	$make -s "$1" >"$scratch/$2.log" 2>&1
	rc=$?
	[ $rc -ne 0 ] && verdict "$1" "$scratch/$2.log"
}

# The unplanted copy must pass, or every fault would look caught.
for t in diff sockopts; do
	if ! $make -s "$t" >"$scratch/control-$t.log" 2>&1; then
		echo "plantfault.sh: make $t fails with no fault planted;" \
		    "see $scratch/control-$t.log" >&2
		exit 1
	fi
done
echo "control: make diff and make sockopts pass in the unplanted copy"

nfault=0 nmissed=0
# fault TARGETS FILE WHAT CMD...: CMD plants the fault; every make target
# in TARGETS must then fail with a verdict.
fault() {
	targets=$1 file=$2 what=$3
	shift 3
	nfault=$((nfault + 1))
	if ! "$@"; then
		echo "planted: $file: $what -> ERROR: the plant failed"
		nmissed=$((nmissed + 1))
		restore
		return
	fi
	res=
	for t in $targets; do
		if v=$(run "$t" "$nfault-$t"); then
			res="$res${res:+; }make $t: $v"
		else
			res="MISSED by make $t, see $scratch/$nfault-$t.log"
			nmissed=$((nmissed + 1))
			break
		fi
	done
	case $res in
	MISSED*) echo "planted: $file: $what -> $res" ;;
	*) echo "planted: $file: $what -> caught ($res)" ;;
	esac
	restore
}

# Error texts, one character each, among them all three of net/ip.c's
# ParseErrors (the third is IP.UnmarshalText's, which the IPUnmarshalText
# op and tests/diff/corpus/unmarshal.txt reach).
fault diff net/ip.c \
    'ParseCIDR without "/": ParseError type "CIDR address" -> "CIDR addresz"' \
    plant net/ip.c '"CIDR address"' '"CIDR addresz"' 1
fault diff net/ip.c \
    'ParseCIDR bad IP or mask: ParseError type "CIDR address" -> "CIDR Address"' \
    plant net/ip.c '"CIDR address"' '"CIDR Address"' 2
fault diff net/ip.c \
    'IP.UnmarshalText: ParseError type "IP address" -> "IP addresS"' \
    plant net/ip.c '"IP address"' '"IP addresS"'
fault diff syscall/zerrors_linux_amd64.c \
    'errno 111 "connection refused" -> "connection refusee"' \
    plant syscall/zerrors_linux_amd64.c '"connection refused"' \
    '"connection refusee"'
fault diff syscall/zerrors_linux_amd64.c \
    'errno 132 "...due to RF-kill" -> "...due to RF-kilt"' \
    plant syscall/zerrors_linux_amd64.c 'due to RF-kill"' 'due to RF-kilt"'
fault diff net/ipsock.c \
    'AddrError "missing port in address" -> "missing port in addresz"' \
    plant net/ipsock.c '"missing port in address"' \
    '"missing port in addresz"'
fault diff net/net.c 'AddrError.Error "address " -> "Address "' \
    plant net/net.c '"address ", e->Addr' '"Address ", e->Addr'
fault diff net/netip/netip.c \
    'netip Addr.Prefix "negative Prefix bits" -> "negative prefix bits"' \
    plant net/netip/netip.c '"negative Prefix bits"' '"negative prefix bits"'
fault diff dnsmessage/message.c \
    'dnsmessage errReserved "...reserved" -> "...reservd"' \
    plant dnsmessage/message.c '"segment prefix is reserved"' \
    '"segment prefix is reservd"'
fault diff dnsmessage/message.c 'dnsmessage ResourceHeader.GoString drops the TTL' \
    plant dnsmessage/message.c 'sb_add(b, ", TTL: ");' 'sb_add(b, ", TL: ");'
fault diff net/interface.c \
    'errInvalidInterfaceIndex "...index" -> "...indez"' \
    plant net/interface.c '"invalid network interface index"' \
    '"invalid network interface indez"'

# Predicates.
fault diff syscall/syscall_unix.c 'Errno.Timeout answers the opposite' \
    plant syscall/syscall_unix.c \
    'return e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT;' \
    'return !(e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT);'
fault diff syscall/syscall_unix.c 'Errno.Temporary false for EINTR' \
    plant syscall/syscall_unix.c 'e == EINTR || ' ''
fault diff net/ip.c 'IP.IsLoopback negated for IPv4' \
    plant net/ip.c 'return ip4.b[0] == 127;' 'return ip4.b[0] != 127;'
fault diff net/ip.c 'IP.IsLoopback negated for IPv6' \
    plant net/ip.c 'return net_IP_Equal(ip, net_IPv6loopback);' \
    'return !net_IP_Equal(ip, net_IPv6loopback);'
fault diff net/netip/netip.c 'netip Addr.IsLoopback negated for IPv6' \
    plant net/netip/netip.c 'return ip.addr.hi == 0 && ip.addr.lo == 1;' \
    'return !(ip.addr.hi == 0 && ip.addr.lo == 1);'
fault diff net/interface_linux.c 'Interfaces: the loopback flag reads multicast' \
    plant net/interface_linux.c 'f |= net_FlagLoopback;' \
    'f |= net_FlagMulticast;'
fault "sockopts diff" net/sockopt_linux.c \
    'listeners get SO_REUSEADDR 0, not 1 (the seed commit undone)' \
    plant net/sockopt_linux.c 'SO_REUSEADDR, 1)' 'SO_REUSEADDR, 0)' 1

# The probes' output.
c_silent() {
	plant tools/netprobe.c 'getline(&line, &cap, stdin)) >= 0' \
	    'getline(&line, &cap, stdin)) >= 0 && 0'
}
# go_silent FILE makes the Go program FILE return at once.
go_silent() {
	plant "$1" 'func main() {' 'func main() { return;'
}
fault diff tools/netprobe.c 'the C probe prints nothing' c_silent
fault diff tools/netprobe.c 'the C probe prints one line too few' \
    plant tools/netprobe.c 'runCase(line, (size_t)n);' \
    'static int seen; if (seen++ == 0) continue; runCase(line, (size_t)n);'
fault diff tools/netprobe.c 'the C probe prints one (empty) line too many' \
    plant tools/netprobe.c '	removeTmpdir();' \
    '	removeTmpdir(); putchar(10);'
fault diff tools/netprobe.c 'the C probe exits 1 after every line' \
    plant tools/netprobe.c 'return 0;' 'return 1;' last

# Vacuous runs: what the old harness passed as "N cases, N identical".
both_silent() {
	c_silent && go_silent tests/diff/netprobe.go
}
fault diff 'tools/netprobe.c+tests/diff/netprobe.go' \
    'both probes print nothing' both_silent
no_random() {
	plant tests/diff/gencases.go 'for i := 0; i < *n; i++ {' \
	    'for i := 0; i < *n && false; i++ {' &&
	    plant tests/diff/gencases.go 'for i := 0; i < *conv; i++ {' \
	    'for i := 0; i < *conv && false; i++ {' &&
	    plant tests/diff/gencases.go 'for i := 0; i < *nnetip; i++ {' \
	    'for i := 0; i < *nnetip && false; i++ {' &&
	    plant tests/diff/gencases.go 'for i := 0; i < *ndns; i++ {' \
	    'for i := 0; i < *ndns && false; i++ {'
}
fault diff tests/diff/gencases.go 'gencases prints no case' no_random
no_cases() {
	no_random || return 1
	for f in tests/diff/corpus/*.txt tests/diff/corpus_dns/*.txt \
	    tests/diff/corpus_dns/*/*.txt; do
		blank "$f" || return 1
	done
}
fault diff 'tests/diff/gencases.go+corpus+corpus_dns' 'no case at all' \
    no_cases
sockopts_silent() {
	plant tools/sockopts.c '	nojoin = argc == 2 &&' \
	    '	if (argc > 0) { return 0; } nojoin = argc == 2 &&' &&
	    go_silent tests/diff/sockopts.go
}
fault sockopts 'tools/sockopts.c+tests/diff/sockopts.go' \
    'both twins print nothing' sockopts_silent

if [ $nmissed -ne 0 ]; then
	echo "plantfault.sh: $nmissed of $nfault planted faults were not caught"
	exit 1
fi
echo "plantfault.sh: all $nfault planted faults were caught"
