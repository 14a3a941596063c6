#!/bin/sh
# gobuild.sh GO OUT SRC: builds one Go file offline, with a private cache so
# that neither HOME nor the network is needed (CI has neither for Go).
set -e
go=$1 out=$2 src=$3
top=$(pwd)
GOCACHE=${GOCACHE:-$top/build/gocache} GOPATH=${GOPATH:-$top/build/gopath} \
GOFLAGS=-mod=mod GOPROXY=off GO111MODULE=off \
	"$go" build -o "$out" "$src"
