#!/bin/sh
# dnsconf_go119.sh [GO]: regenerates tests/testdata/dnsconf_go119.txt, Go
# 1.19's own dnsReadConfig and parseNSSConfFile results for the inputs of
# tests/testdata/dnsconf_go119.in, conf_go119.txt, its
# conf.hostLookupOrder for the cases of conf_go119.in, and hosts_go119.txt,
# its lookupStaticHost and lookupStaticAddr on the hosts files of
# hosts_go119.in, by compiling
# tests/testdata/dnsconf_go119_test.go into Go's package net with go
# test's -overlay (GOROOT is not written) and running it offline.
# Run from the repo root.
set -eu
go=${1:-$(sh tools/findgo.sh)}
goroot=$("$go" env GOROOT)
work=${TMPDIR:-/tmp}/dnsconf_go119.$$
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
printf '{"Replace":{"%s/src/net/zz_gonet_dnsconf_test.go":"%s/tests/testdata/dnsconf_go119_test.go"}}\n' \
    "$goroot" "$(pwd)" >"$work/overlay.json"
# run TEST ENV IN OUT: one Go test of the file over one input file.
run() {
	env "$2=$(pwd)/$3" GOPROXY=off GO111MODULE=off \
	    GOCACHE="$work/gocache" GOFLAGS= CGO_ENABLED=0 \
	    "$go" test -vet=off -overlay="$work/overlay.json" -run "^$1\$" \
	    -count=1 -v net >"$work/out"
	grep -v -e '^=== RUN' -e '^--- PASS' -e '^PASS$' -e '^ok ' \
	    "$work/out" >"$4"
	n=$(wc -l <"$3")
	m=$(wc -l <"$4")
	if [ "$n" -ne "$m" ]; then
		echo "dnsconf_go119: $3: $n inputs but $m results" >&2
		exit 1
	fi
	echo "dnsconf_go119: $4: $m results"
}
run TestGonetDNSConfGo119 GONET_DNSCONF_IN tests/testdata/dnsconf_go119.in \
    tests/testdata/dnsconf_go119.txt
run TestGonetConfGo119 GONET_CONF_IN tests/testdata/conf_go119.in \
    tests/testdata/conf_go119.txt
run TestGonetHostsGo119 GONET_HOSTS_IN tests/testdata/hosts_go119.in \
    tests/testdata/hosts_go119.txt
