// Oracle for errorMethodTests in tests/net_test.c (TestErrorMethods):
// prints Go 1.19's Error(), Timeout() and Temporary() for each error value.
// Run: cd tests/testdata && go run net_errors.go
package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
)

func main() {
	tcp := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 80}
	udp := &net.UDPAddr{IP: net.ParseIP("fe80::1"), Port: 53, Zone: "eth0"}
	unix := &net.UnixAddr{Name: "/tmp/s", Net: "unix"}
	errs := []net.Error{
		&net.OpError{Op: "dial", Net: "tcp", Addr: tcp, Err: syscall.ECONNREFUSED},
		&net.OpError{Op: "dial", Net: "tcp", Source: tcp, Addr: tcp, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)},
		&net.OpError{Op: "read", Net: "udp", Source: udp, Err: os.ErrDeadlineExceeded},
		&net.OpError{Op: "read", Net: "udp", Addr: udp, Err: os.NewSyscallError("recvfrom", syscall.EAGAIN)},
		&net.OpError{Op: "accept", Net: "tcp", Addr: tcp, Err: syscall.ECONNRESET},
		&net.OpError{Op: "accept", Net: "tcp", Addr: tcp, Err: syscall.ECONNABORTED},
		&net.OpError{Op: "accept", Net: "tcp", Addr: tcp, Err: os.NewSyscallError("accept4", syscall.ECONNRESET)},
		&net.OpError{Op: "read", Net: "tcp", Addr: tcp, Err: syscall.ECONNRESET},
		&net.OpError{Op: "accept", Net: "unix", Addr: unix, Err: os.NewSyscallError("accept4", syscall.EMFILE)},
		&net.OpError{Op: "write", Err: net.ErrClosed},
		&net.OpError{Op: "listen", Net: "tcp", Err: errors.New("boom")},
		&net.OpError{Op: "dial", Net: "ip:icmp", Addr: &net.IPAddr{IP: net.ParseIP("::1")}, Err: net.UnknownNetworkError("x")},
		&net.ParseError{Type: "IP address", Text: "1.2.3"},
		&net.AddrError{Err: "missing port in address", Addr: "1.2.3.4"},
		&net.AddrError{Err: "no suitable address found"},
		net.UnknownNetworkError("l2tp"),
		net.InvalidAddrError("invalid address"),
		&net.DNSError{Err: "no such host", Name: "x.test", IsNotFound: true},
		&net.DNSError{Err: "i/o timeout", Name: "x.test", Server: "127.0.0.53:53", IsTimeout: true},
		&net.DNSError{Err: "server misbehaving", Name: "x.test", Server: "127.0.0.53:53", IsTemporary: true},
		&net.DNSConfigError{Err: errors.New("open /etc/resolv.conf: no such file")},
		net.ErrClosed.(net.Error),
	}
	for _, e := range errs {
		fmt.Printf("\t{%q, %v, %v},\n", e.Error(), e.Timeout(), e.Temporary())
	}
}
