// This program printed what Go 1.19's lookupStaticHost and
// lookupStaticAddr answer for tests/testdata/nul-hosts, a hosts file with
// NUL bytes inside its fields; testHostsNUL in tests/hosts_test.c expects
// the same (tests/testdata/nulhosts_go119.txt is its output).  It reaches
// the unexported functions and testHookHostsPath with go:linkname (the
// empty .s file lets a function be declared without a body).  From the top
// of the repository:
//
//	cd tests/testdata/nulhosts_go119 && go build -o /tmp/nulhosts . && cd - && /tmp/nulhosts
package main

import (
	"fmt"
	_ "net"
	_ "unsafe"
)

//go:linkname testHookHostsPath net.testHookHostsPath
var testHookHostsPath string

//go:linkname lookupStaticHost net.lookupStaticHost
func lookupStaticHost(host string) []string

//go:linkname lookupStaticAddr net.lookupStaticAddr
func lookupStaticAddr(addr string) []string

func main() {
	testHookHostsPath = "tests/testdata/nul-hosts"
	for _, h := range []string{"foo", "foo\x00bar", "FOO\x00BAR", "plain",
		"nul", "nul\x00", "a.b\x00c", "a.b\x00c.", "a.b", "\x00", "x",
		"x\x00", "up\x00per", "UP\x00PER", "bad", "glued", "zoned"} {
		fmt.Printf("lookupStaticHost(%q) = %q\n", h, lookupStaticHost(h))
	}
	for _, a := range []string{"127.0.0.1", "127.0.0.2", "fe80::1%lo",
		"fe80::1%lo\x00x", "fe80::1", "127.0.0.3", "127.0.0.4",
		"127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8"} {
		fmt.Printf("lookupStaticAddr(%q) = %q\n", a, lookupStaticAddr(a))
	}
}
