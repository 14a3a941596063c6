// sockopts is the Go half of gonet's socket-option table, the oracle:
// tools/sockopts.c is its C twin, and tools/sockopts.sh runs both and
// requires the same table from each, row for row.  Build it with Go 1.19.
//
// It makes one socket of every kind Go's net package makes (listeners,
// packet listeners, multicast listeners, dialed and accepted connections)
// and prints one row per socket: the options the socket layer sets or
// leaves alone, read back from the descriptor, and the bound address.
// This is what Go commit 0e3514e ("net: enable SO_REUSEADDR, SO_REUSEPORT
// options on stream, multicast listeners only") is about: TCP and Unix
// listeners and multicast UDP listeners get SO_REUSEADDR, multicast
// listeners bind the wildcard address with the group's port, and dialed
// sockets and unicast UDP get neither.
//
// Output: a header line, then one line per socket:
//
//	KIND  REUSEADDR REUSEPORT BROADCAST V6ONLY TYPE NONBLOCK CLOEXEC LOCAL
//
// KIND names the call and its arguments (padded to 50 columns); the
// option columns are getsockopt's integer, "-" for IPV6_V6ONLY on a
// socket that is not AF_INET6; TYPE is stream, dgram or seqpacket;
// NONBLOCK and CLOEXEC are 1 or 0 from fcntl; LOCAL is the bound address
// quoted with %+q, its port shown as PORT and the private temporary
// directory as TMP.  A call that fails prints "error=%T msg=%+q" (ports
// and the directory hidden the same way) instead of the columns.  The
// "coexists" rows say whether a second multicast listener on the same
// group and port could be made, which is what SO_REUSEADDR on multicast
// listeners is for.
//
// Everything stays on this machine: loopback addresses, port 0 (a free
// port is found first where a fixed one is needed), and the link-local
// multicast groups 224.0.0.251 and ff02::114, never sent to.  Joining a
// group with the system's choice of interface would announce the
// membership on the default route's link, so tools/sockopts.sh runs both
// twins in a private network namespace whose only interface is loopback;
// where it cannot, it passes -nojoin and the ListenMulticastUDP rows say
// "skipped" instead.
package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// soReusePort is Linux's SO_REUSEPORT, which Go's syscall package for
// linux/amd64 does not name.
const soReusePort = 0xf

var (
	tmpdir string
	ports  []int // ports found free, hidden in error texts
	nojoin bool  // -nojoin: make no ListenMulticastUDP calls
)

func main() {
	nojoin = len(os.Args) > 1 && os.Args[1] == "-nojoin"
	d, err := os.MkdirTemp("/tmp", "gonet-sockopts-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sockopts:", err)
		os.Exit(1)
	}
	tmpdir = d
	fmt.Printf("%-50s %-9s %-9s %-9s %-6s %-9s %-8s %-7s %s\n", "KIND",
		"REUSEADDR", "REUSEPORT", "BROADCAST", "V6ONLY", "TYPE",
		"NONBLOCK", "CLOEXEC", "LOCAL")
	listeners()
	packetListeners()
	multicast("udp4", "224.0.0.251")
	multicast("udp6", "ff02::114")
	dialed()
	os.RemoveAll(tmpdir)
}

// hide replaces the temporary directory and the ports found free with
// placeholders, so that both twins print the same text.
func hide(s string) string {
	s = strings.ReplaceAll(s, tmpdir, "TMP")
	for _, p := range ports {
		s = replacePort(s, strconv.Itoa(p))
	}
	return s
}

// replacePort replaces ":port" with ":PORT" where no digit follows.
func replacePort(s, port string) string {
	var b strings.Builder
	pat := ":" + port
	for {
		i := strings.Index(s, pat)
		if i < 0 {
			break
		}
		j := i + len(pat)
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			b.WriteString(s[:j])
		} else {
			b.WriteString(s[:i] + ":PORT")
		}
		s = s[j:]
	}
	b.WriteString(s)
	return b.String()
}

// showAddr prints a bound address: an IP address's port is always PORT
// (port 0 asks the kernel for any), a Unix name loses the directory.
func showAddr(a net.Addr) string {
	switch a := a.(type) {
	case nil:
		return "<nil>"
	case *net.TCPAddr:
		if a == nil {
			return "<nil>"
		}
		b := *a
		b.Port = 0
		return strings.TrimSuffix(b.String(), ":0") + ":PORT"
	case *net.UDPAddr:
		if a == nil {
			return "<nil>"
		}
		b := *a
		b.Port = 0
		return strings.TrimSuffix(b.String(), ":0") + ":PORT"
	}
	return hide(a.String())
}

type syscaller interface {
	SyscallConn() (syscall.RawConn, error)
}

// fdOpts reads the columns from a descriptor.
func fdOpts(fd int) string {
	get := func(level, opt int) string {
		v, err := syscall.GetsockoptInt(fd, level, opt)
		if err != nil {
			return "err"
		}
		return strconv.Itoa(v)
	}
	v6only := "-"
	if dom, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET,
		syscall.SO_DOMAIN); err == nil && dom == syscall.AF_INET6 {
		v6only = get(syscall.IPPROTO_IPV6, syscall.IPV6_V6ONLY)
	}
	typ := "err"
	if t, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET,
		syscall.SO_TYPE); err == nil {
		switch t {
		case syscall.SOCK_STREAM:
			typ = "stream"
		case syscall.SOCK_DGRAM:
			typ = "dgram"
		case syscall.SOCK_SEQPACKET:
			typ = "seqpacket"
		default:
			typ = strconv.Itoa(t)
		}
	}
	nonblock, cloexec := "err", "err"
	if fl, _, e := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd),
		syscall.F_GETFL, 0); e == 0 {
		nonblock = b01(fl&syscall.O_NONBLOCK != 0)
	}
	if fl, _, e := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd),
		syscall.F_GETFD, 0); e == 0 {
		cloexec = b01(fl&syscall.FD_CLOEXEC != 0)
	}
	return fmt.Sprintf("%-9s %-9s %-9s %-6s %-9s %-8s %-7s",
		get(syscall.SOL_SOCKET, syscall.SO_REUSEADDR),
		get(syscall.SOL_SOCKET, soReusePort),
		get(syscall.SOL_SOCKET, syscall.SO_BROADCAST), v6only, typ,
		nonblock, cloexec)
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// row prints one socket's line, or the error that kept it from being made.
func row(kind string, c syscaller, laddr net.Addr, err error) {
	fmt.Printf("%-50s ", kind)
	if err != nil {
		fmt.Printf("error=%T msg=%+q\n", err, hide(err.Error()))
		return
	}
	opts := "error reading options"
	if rc, err := c.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) { opts = fdOpts(int(fd)) })
	}
	fmt.Printf("%s %+q\n", opts, showAddr(laddr))
}

func listeners() {
	for _, c := range [][2]string{
		{"tcp", ":0"},
		{"tcp4", "127.0.0.1:0"},
		{"tcp6", "[::1]:0"},
		{"unix", tmpdir + "/unix.sock"},
		{"unixpacket", tmpdir + "/unixpacket.sock"},
	} {
		kind := hide(fmt.Sprintf("Listen %s %s", c[0], c[1]))
		l, err := net.Listen(c[0], c[1])
		if err != nil {
			row(kind, nil, nil, err)
			continue
		}
		row(kind, l.(syscaller), l.Addr(), nil)
		l.Close()
	}
}

func packetListeners() {
	for _, c := range [][2]string{
		{"udp", ":0"},
		{"udp4", "127.0.0.1:0"},
		{"udp6", "[::1]:0"},
		{"unixgram", tmpdir + "/unixgram.sock"},
	} {
		kind := hide(fmt.Sprintf("ListenPacket %s %s", c[0], c[1]))
		p, err := net.ListenPacket(c[0], c[1])
		if err != nil {
			row(kind, nil, nil, err)
			continue
		}
		row(kind, p.(syscaller), p.LocalAddr(), nil)
		p.Close()
	}
}

// freePort returns a UDP port that was free a moment ago on the
// wildcard address of network, which is where a multicast listener
// binds; 0 if none could be had.
func freePort(network string) int {
	p, err := net.ListenPacket(network, ":0")
	if err != nil {
		return 0
	}
	port := p.LocalAddr().(*net.UDPAddr).Port
	p.Close()
	ports = append(ports, port)
	return port
}

// multicast makes the multicast listeners of one family: through
// ListenPacket with a group address (zone "lo" for IPv6), then through
// ListenMulticastUDP twice on the same group and port.  The interface is
// nil, the system's choice, because gonet has no Interface values yet.
func multicast(network, group string) {
	port := freePort(network)
	hp := net.JoinHostPort(group, strconv.Itoa(port))
	if strings.Contains(group, ":") {
		hp = net.JoinHostPort(group+"%lo", strconv.Itoa(port))
	}
	kind := hide(fmt.Sprintf("ListenPacket %s %s", network, hp))
	p, err := net.ListenPacket(network, hp)
	if err != nil {
		row(kind, nil, nil, err)
	} else {
		row(kind, p.(syscaller), p.LocalAddr(), nil)
		p.Close()
	}

	gaddr := &net.UDPAddr{IP: net.ParseIP(group), Port: port}
	kind = hide(fmt.Sprintf("ListenMulticastUDP %s nil %s", network,
		gaddr))
	if nojoin {
		fmt.Printf("%-50s skipped: no private network namespace\n", kind)
		return
	}
	c1, err := net.ListenMulticastUDP(network, nil, gaddr)
	if err != nil {
		row(kind, nil, nil, err)
		return
	}
	row(kind, c1, c1.LocalAddr(), nil)
	c2, err := net.ListenMulticastUDP(network, nil, gaddr)
	if err != nil {
		row(kind+" (2nd)", nil, nil, err)
	} else {
		row(kind+" (2nd)", c2, c2.LocalAddr(), nil)
	}
	fmt.Printf("%-50s coexists: %t\n", "  two listeners, same group and port",
		err == nil)
	if c2 != nil {
		c2.Close()
	}
	c1.Close()
}

// dialed dials a loopback listener of each network and prints the dialed
// socket; for TCP it also prints the accepted one.
func dialed() {
	for _, c := range [][2]string{
		{"tcp", "127.0.0.1:0"},
		{"tcp6", "[::1]:0"},
		{"udp", "127.0.0.1:0"},
		{"udp6", "[::1]:0"},
		{"unix", tmpdir + "/dial-unix.sock"},
		{"unixgram", tmpdir + "/dial-unixgram.sock"},
		{"unixpacket", tmpdir + "/dial-unixpacket.sock"},
	} {
		var (
			addr  net.Addr
			close func() error
			l     net.Listener
		)
		if c[0] == "udp" || c[0] == "udp6" || c[0] == "unixgram" {
			p, err := net.ListenPacket(c[0], c[1])
			if err != nil {
				row(hide("Dial "+c[0]+" "+c[1]), nil, nil, err)
				continue
			}
			addr, close = p.LocalAddr(), p.Close
		} else {
			var err error
			l, err = net.Listen(c[0], c[1])
			if err != nil {
				row(hide("Dial "+c[0]+" "+c[1]), nil, nil, err)
				continue
			}
			addr, close = l.Addr(), l.Close
		}
		kind := fmt.Sprintf("Dial %s %s", c[0], showAddr(addr))
		conn, err := net.Dial(c[0], addr.String())
		if err != nil {
			row(kind, nil, nil, err)
			close()
			continue
		}
		row(kind, conn.(syscaller), conn.LocalAddr(), nil)
		if c[0] == "tcp" {
			a, err := l.Accept()
			if err != nil {
				row("Accept tcp", nil, nil, err)
			} else {
				row("Accept tcp", a.(syscaller), a.LocalAddr(),
					nil)
				a.Close()
			}
		}
		conn.Close()
		close()
	}
}
