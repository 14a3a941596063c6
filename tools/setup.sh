#!/bin/sh
# setup.sh [fuzz|bench|plot]: installs what building and testing gonet
# needs, and nothing when it is all there already.  Debian package names;
# apt-get when root, otherwise a message naming the packages.  An argument
# names the extra a target needs, on top of the base set: "fuzz" clang and
# its libFuzzer runtime (the clang package only recommends it, so a link
# test decides) for make fuzz, "bench" wrk for make bench, "plot" gnuplot
# for make bench-plot.  nsd is the DNS server tools/dnsns.sh runs for the
# resolver tests, inside a private network namespace.
need=""
have() { command -v "$1" >/dev/null 2>&1; }
links_fuzzer() {
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)%s\n' \
	    '{ return d[0] + (int)n; }' |
	    clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1
}
pkg-config --exists check 2>/dev/null || need="$need check"
have pkg-config || need="$need pkg-config"
have g++ || need="$need g++"
have socat || need="$need socat"
have mandoc || need="$need mandoc"
nc -h 2>&1 | grep -q OpenBSD || need="$need netcat-openbsd"
have bmake || need="$need bmake"
[ -x /usr/lib/go-1.19/bin/go ] || need="$need golang-go"
[ -d /usr/share/go-1.19/src/net ] || need="$need golang-1.19-src"
[ -f /etc/services ] || need="$need netbase"
[ -x /usr/sbin/nsd ] || need="$need nsd"
have ip || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || need="$need iproute2"
case ${1:-} in
fuzz)
	have clang || need="$need clang"
	have clang && links_fuzzer || need="$need libclang-rt-dev"
	;;
bench) have wrk || need="$need wrk" ;;
plot) have gnuplot || need="$need gnuplot-nox" ;;
esac
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "gonet needs these Debian packages:$need" >&2
	echo "install them with: sudo apt-get install -y$need" >&2
	exit 1
fi
echo "setup: installing$need" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || exit 1
apt-get install -y -qq $need >&2 || exit 1
