// netdns_go119 shows what GODEBUG=netdns=N makes Go 1.19's net print when
// the configuration is first read; tests/conf_test.c's testGoDebugNetDNS
// expects the same.  Built as gonet is, without cgo:
//
//	CGO_ENABLED=0 go build netdns_go119.go
//	GODEBUG=netdns=cgo+2 ./netdns_go119
//
// The "http" service makes LookupPort consult the configuration (a number
// would not) without any DNS query.
package main

import (
	"fmt"
	"net"
)

func main() {
	p, err := net.LookupPort("tcp", "http")
	fmt.Println(p, err)
}
