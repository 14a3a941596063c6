#!/bin/sh
# gobuild.sh GO OUT SRC: builds one Go file offline, with a private cache so
# that neither HOME nor the network is needed (CI has neither for Go).
#
# The build's GOPATH also holds golang.org/x/net/dns/dnsmessage, copied
# from the vendor directory of GO's own source tree: the exact dnsmessage
# Go's resolver is built with, which the harness holds gonet's against.
# GOPATH mode finds it there without a module or the network.
set -e
go=$1 out=$2 src=$3
top=$(pwd)
gopath=${GOPATH:-$top/build/gopath}
vendored=$("$go" env GOROOT)/src/vendor/golang.org/x/net/dns/dnsmessage
dst=$gopath/src/golang.org/x/net/dns/dnsmessage
if [ -d "$vendored" ] && ! cmp -s "$vendored/message.go" "$dst/message.go"
then
	mkdir -p "$dst"
	cp "$vendored"/*.go "$dst"/
fi
GOCACHE=${GOCACHE:-$top/build/gocache} GOPATH=$gopath \
GOFLAGS=-mod=mod GOPROXY=off GO111MODULE=off \
	"$go" build -o "$out" "$src"
