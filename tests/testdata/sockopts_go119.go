// This program printed the table of socket options that
// tests/sock_linux_test.c (testDefaultSockopts) expects gonet to leave on
// each kind of socket:
//
//	go run tests/testdata/sockopts_go119.go > tests/testdata/sockopts_go119.txt
//
// Run it with Go 1.19 on Linux.  Each line names a socket kind, then what
// getsockopt and fcntl read from its descriptor once Listen, ListenPacket,
// Dial or Accept has returned: SO_REUSEADDR, SO_REUSEPORT, SO_BROADCAST,
// IPV6_V6ONLY ("-" for a socket that is not AF_INET6), SO_TYPE, O_NONBLOCK
// and FD_CLOEXEC (as 0 or 1), and for IP sockets the host of LocalAddr.
// Only loopback addresses and kernel-chosen ports are used; the multicast
// listeners bind the wildcard address, which is what is being shown.
package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// soReusePort is Linux's SO_REUSEPORT, which Go 1.19's syscall lacks.
const soReusePort = 0xf

type sysConner interface {
	SyscallConn() (syscall.RawConn, error)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func getInt(fd, level, opt int) int {
	v, err := syscall.GetsockoptInt(fd, level, opt)
	must(err)
	return v
}

func bit(v, mask int) int {
	if v&mask != 0 {
		return 1
	}
	return 0
}

func report(kind string, c sysConner, laddr net.Addr) {
	rc, err := c.SyscallConn()
	must(err)
	var line string
	must(rc.Control(func(fd uintptr) {
		s := int(fd)
		family := "-"
		sa, err := syscall.Getsockname(s)
		must(err)
		if _, ok := sa.(*syscall.SockaddrInet6); ok {
			family = strconv.Itoa(getInt(s, syscall.IPPROTO_IPV6, syscall.IPV6_V6ONLY))
		}
		fl, _, e := syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
		if e != 0 {
			must(e)
		}
		fdfl, _, e := syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFD, 0)
		if e != 0 {
			must(e)
		}
		line = fmt.Sprintf("%s reuseaddr=%d reuseport=%d broadcast=%d v6only=%s type=%d nonblock=%d cloexec=%d",
			kind,
			getInt(s, syscall.SOL_SOCKET, syscall.SO_REUSEADDR),
			getInt(s, syscall.SOL_SOCKET, soReusePort),
			getInt(s, syscall.SOL_SOCKET, syscall.SO_BROADCAST),
			family,
			getInt(s, syscall.SOL_SOCKET, syscall.SO_TYPE),
			bit(int(fl), syscall.O_NONBLOCK),
			bit(int(fdfl), syscall.FD_CLOEXEC))
	}))
	switch a := laddr.(type) {
	case *net.TCPAddr:
		line += " host=" + a.IP.String()
	case *net.UDPAddr:
		line += " host=" + a.IP.String()
	}
	fmt.Println(line)
}

// freeUDPPort asks the kernel for a UDP port that is free on loopback.
func freeUDPPort(network, host string) int {
	c, err := net.ListenPacket(network, net.JoinHostPort(host, "0"))
	must(err)
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port
}

func main() {
	dir, err := os.MkdirTemp("", "sockopts")
	must(err)
	defer os.RemoveAll(dir)

	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	report("tcp-listener", tcp.(*net.TCPListener), tcp.Addr())
	tcp4, err := net.Listen("tcp4", "127.0.0.1:0")
	must(err)
	report("tcp4-listener", tcp4.(*net.TCPListener), tcp4.Addr())
	tcp6, err := net.Listen("tcp6", "[::1]:0")
	must(err)
	report("tcp6-listener", tcp6.(*net.TCPListener), tcp6.Addr())

	unix, err := net.Listen("unix", filepath.Join(dir, "unix"))
	must(err)
	report("unix-listener", unix.(*net.UnixListener), unix.Addr())
	unixpacket, err := net.Listen("unixpacket", filepath.Join(dir, "unixpacket"))
	must(err)
	report("unixpacket-listener", unixpacket.(*net.UnixListener), unixpacket.Addr())
	unixgram, err := net.ListenPacket("unixgram", filepath.Join(dir, "unixgram"))
	must(err)
	report("unixgram-listener", unixgram.(*net.UnixConn), unixgram.LocalAddr())

	udp4, err := net.ListenPacket("udp4", "127.0.0.1:0")
	must(err)
	report("udp4-listener", udp4.(*net.UDPConn), udp4.LocalAddr())
	udp6, err := net.ListenPacket("udp6", "[::1]:0")
	must(err)
	report("udp6-listener", udp6.(*net.UDPConn), udp6.LocalAddr())

	port := strconv.Itoa(freeUDPPort("udp4", "127.0.0.1"))
	m4a, err := net.ListenPacket("udp4", net.JoinHostPort("224.0.0.251", port))
	must(err)
	m4b, err := net.ListenPacket("udp4", net.JoinHostPort("224.0.0.251", port))
	must(err)
	report("udp4-multicast-listener", m4a.(*net.UDPConn), m4a.LocalAddr())
	report("udp4-multicast-listener", m4b.(*net.UDPConn), m4b.LocalAddr())
	port = strconv.Itoa(freeUDPPort("udp6", "::1"))
	m6a, err := net.ListenPacket("udp6", net.JoinHostPort("ff02::fb%lo", port))
	must(err)
	m6b, err := net.ListenPacket("udp6", net.JoinHostPort("ff02::fb%lo", port))
	must(err)
	report("udp6-multicast-listener", m6a.(*net.UDPConn), m6a.LocalAddr())
	report("udp6-multicast-listener", m6b.(*net.UDPConn), m6b.LocalAddr())

	tc, err := net.Dial("tcp", tcp.Addr().String())
	must(err)
	report("tcp-dial", tc.(*net.TCPConn), tc.LocalAddr())
	ta, err := tcp.Accept()
	must(err)
	report("tcp-accept", ta.(*net.TCPConn), ta.LocalAddr())
	t6c, err := net.Dial("tcp6", tcp6.Addr().String())
	must(err)
	report("tcp6-dial", t6c.(*net.TCPConn), t6c.LocalAddr())
	t6a, err := tcp6.Accept()
	must(err)
	report("tcp6-accept", t6a.(*net.TCPConn), t6a.LocalAddr())
	uc, err := net.Dial("udp", udp4.LocalAddr().String())
	must(err)
	report("udp-dial", uc.(*net.UDPConn), uc.LocalAddr())
	xc, err := net.Dial("unix", unix.Addr().String())
	must(err)
	report("unix-dial", xc.(*net.UnixConn), xc.LocalAddr())
	xa, err := unix.Accept()
	must(err)
	report("unix-accept", xa.(*net.UnixConn), xa.LocalAddr())
	pc, err := net.Dial("unixpacket", unixpacket.Addr().String())
	must(err)
	report("unixpacket-dial", pc.(*net.UnixConn), pc.LocalAddr())
	pa, err := unixpacket.Accept()
	must(err)
	report("unixpacket-accept", pa.(*net.UnixConn), pa.LocalAddr())
}
