// netprobe is the Go half of gonet's differential harness, the oracle:
// tools/netprobe.c is its C twin, and tools/diff.sh feeds both the same
// cases and requires byte-identical output.  Build it with Go 1.19 and run
// it with GODEBUG=netdns=go (tools/diff.sh does both).
//
// Input: one case per line, read from stdin.  A case is an op name, then
// its arguments, each a Go double-quoted string literal (strconv.Quote
// syntax), each preceded by exactly one space.  Blank lines and lines that
// start with '#' produce no output; every other line produces exactly one
// output line.  A line is checked in this order:
//
//	unknown op OP                  the op is not in the table (OP verbatim)
//	bad case: bad quoting          an argument is not one space followed
//	                               by a valid double-quoted literal
//	bad case: NUL byte in argument an argument decodes to a string holding
//	                               a NUL (gonet restriction: C strings)
//	bad case: want N args, have M  wrong argument count
//	bad case: bad integer          an integer argument failed its rule
//	bad case: bad hex              IPFromBytes: odd length or a non-hex digit
//	bad case: more than 16 bytes   IPFromBytes: gonet's IP holds 16 bytes
//	bad case: not a loopback host  Dial: the host is not empty,
//	                               localhost or a loopback literal
//
// Integer arguments: the ones and bits of CIDRMask and IPMask follow
// strconv.ParseInt(s, 10, 32), because gonet's net_CIDRMask takes a C int
// (Go's int is 64 bits, a domain gonet does not share); Errno's n follows
// strconv.ParseUint(s, 10, 64), the range of syscall.Errno (a uintptr).
//
// Ops (arguments in order) and what they print:
//
//	ParseIP s                 IP
//	IPFromBytes hex           IP of those bytes
//	ParseCIDR s               ip="..." iplen=N NET, or ERR
//	CIDRMask ones bits        MASK
//	IPMask ip ones bits       IP of ParseIP(ip).Mask(CIDRMask(ones, bits))
//	IPNetContains cidr ip     NET contains=B, or ERR from ParseCIDR
//	SplitHostPort hostport    host="..." port="...", or ERR
//	JoinHostPort host port    "..."
//	ParseMAC s                mac="..." len=N, or ERR
//	ResolveTCPAddr net addr   addr="..." network="..." ip="..." iplen=N port=N zone="...", or ERR
//	ResolveUDPAddr net addr   the same
//	ResolveIPAddr net addr    addr="..." network="..." ip="..." iplen=N zone="...", or ERR
//	ResolveUnixAddr net addr  addr="..." network="..." name="..." net="...", or ERR
//	LookupPort net service    port=N, or ERR
//	Errno n                   error="..." timeout=B temporary=B
//	Listen net addr           LISTEN, or ERR
//	ListenPacket net addr     LISTEN, or ERR
//	DialSockopts net          local=ADDR remote=ADDR OPTS of a socket dialed
//	                          to a fresh loopback listener of net, or
//	                          listen-ERR, or dial-ERR
//	Dial net addr             conn=%T local=ADDR remote=ADDR, or ERR
//
// where
//
//	IP   = ip="String" len=N to4=B to16="To16().String()" unspecified=B
//	       loopback=B private=B multicast=B ifacelocalmc=B linklocalmc=B
//	       linklocaluc=B globaluc=B defaultmask="DefaultMask().String()"
//	       then text="MarshalText" or text-ERR
//	MASK = mask="String" len=N size=ONES/BITS
//	NET  = net="String" network="Network()" netip="IP.String()" netiplen=N
//	       netmask="Mask.String()" netmasklen=N
//	ERR  = error=%T msg="Error()" then timeout=B and temporary=B only when
//	       the dynamic type has those methods
//
//	LISTEN = kind=%T addr=ADDR OPTS (kind is the listener's or the
//	         packet conn's dynamic type)
//	OPTS = reuseaddr=N reuseport=N broadcast=N v6only=N sotype=S
//	       nonblock=N cloexec=N: getsockopt's integers (v6only is "-" on
//	       a socket that is not AF_INET6), sotype stream, dgram or
//	       seqpacket, nonblock and cloexec 1 or 0 from fcntl
//	ADDR = "Addr.String()" with the placeholders below, or <nil>
//
// The socket ops stay on this machine and print nothing that depends on
// the run.  Placeholders in arguments: a Unix address starting with "TMP"
// or "@TMP" has TMP replaced by the probe's private directory (made in
// /tmp on first use, removed at exit); in Dial's address, a port "PORT"
// is replaced by the port of a loopback listener the probe opens first
// (TCP unless net starts with "udp"; ::1 when the host has a colon and
// no dot, else 127.0.0.1) and "CLOSED" by the port of one it has just closed.  In the
// output, every TCP or UDP address shows its port as PORT, the private
// directory shows as TMP, a name the kernel chose for a Unix socket bound
// to "" (autobind) shows as "@AUTOBIND", and a port the probe substituted
// shows as PORT in error texts too.  Cases must name only loopback,
// wildcard or multicast hosts, and port 0, "PORT" or "CLOSED", so that no
// packet leaves the machine and no fixed port is needed.
//
// Every string is printed with %+q (strconv.QuoteToASCII), so the output is
// ASCII and the C side needs no Unicode tables.  A nil *Addr prints <nil>.
package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// soReusePort is Linux's SO_REUSEPORT, which Go's syscall package for
// linux/amd64 does not name.
const soReusePort = 0xf

type op struct {
	nargs int
	run   func(w *bufio.Writer, a []string) string
}

var ops = map[string]op{
	"ParseIP":         {1, opParseIP},
	"IPFromBytes":     {1, opIPFromBytes},
	"ParseCIDR":       {1, opParseCIDR},
	"CIDRMask":        {2, opCIDRMask},
	"IPMask":          {3, opIPMask},
	"IPNetContains":   {2, opIPNetContains},
	"SplitHostPort":   {1, opSplitHostPort},
	"JoinHostPort":    {2, opJoinHostPort},
	"ParseMAC":        {1, opParseMAC},
	"ResolveTCPAddr":  {2, opResolveTCPAddr},
	"ResolveUDPAddr":  {2, opResolveUDPAddr},
	"ResolveIPAddr":   {2, opResolveIPAddr},
	"ResolveUnixAddr": {2, opResolveUnixAddr},
	"LookupPort":      {2, opLookupPort},
	"Errno":           {1, opErrno},
	"Listen":          {2, opListen},
	"ListenPacket":    {2, opListenPacket},
	"DialSockopts":    {1, opDialSockopts},
	"Dial":            {2, opDial},
}

func main() {
	rand.Seed(time.Now().UnixNano())
	r := bufio.NewReaderSize(os.Stdin, 1<<16)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	defer removeTmpdir()
	for {
		line, err := r.ReadString('\n')
		line = strings.TrimSuffix(line, "\n")
		if line != "" && line[0] != '#' {
			runCase(w, line)
			w.WriteByte('\n')
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "netprobe:", err)
			os.Exit(1)
		}
	}
}

// runCase writes the output for one line, without its newline.
func runCase(w *bufio.Writer, line string) {
	name, rest := line, ""
	if i := strings.IndexByte(line, ' '); i >= 0 {
		name, rest = line[:i], line[i:]
	}
	o, ok := ops[name]
	if !ok {
		w.WriteString("unknown op " + name)
		return
	}
	var args []string
	for rest != "" {
		// Only double-quoted literals count: QuotedPrefix would also
		// take back-quoted and single-quoted ones.
		if len(rest) < 2 || rest[0] != ' ' || rest[1] != '"' {
			w.WriteString("bad case: bad quoting")
			return
		}
		lit, err := strconv.QuotedPrefix(rest[1:])
		if err != nil {
			w.WriteString("bad case: bad quoting")
			return
		}
		s, err := strconv.Unquote(lit)
		if err != nil {
			w.WriteString("bad case: bad quoting")
			return
		}
		args = append(args, s)
		rest = rest[1+len(lit):]
	}
	for _, s := range args {
		if strings.IndexByte(s, 0) >= 0 {
			w.WriteString("bad case: NUL byte in argument")
			return
		}
	}
	if len(args) != o.nargs {
		fmt.Fprintf(w, "bad case: want %d args, have %d", o.nargs, len(args))
		return
	}
	if bad := o.run(w, args); bad != "" {
		w.WriteString("bad case: " + bad)
	}
}

func q(s string) string { return strconv.QuoteToASCII(s) }

func writeErr(w *bufio.Writer, err error) {
	fmt.Fprintf(w, "error=%T msg=%s", err, q(err.Error()))
	if t, ok := err.(interface{ Timeout() bool }); ok {
		fmt.Fprintf(w, " timeout=%t", t.Timeout())
	}
	if t, ok := err.(interface{ Temporary() bool }); ok {
		fmt.Fprintf(w, " temporary=%t", t.Temporary())
	}
}

func writeIP(w *bufio.Writer, ip net.IP) {
	fmt.Fprintf(w, "ip=%s len=%d to4=%t to16=%s", q(ip.String()), len(ip),
		ip.To4() != nil, q(ip.To16().String()))
	fmt.Fprintf(w, " unspecified=%t loopback=%t private=%t multicast=%t",
		ip.IsUnspecified(), ip.IsLoopback(), ip.IsPrivate(),
		ip.IsMulticast())
	fmt.Fprintf(w, " ifacelocalmc=%t linklocalmc=%t linklocaluc=%t globaluc=%t",
		ip.IsInterfaceLocalMulticast(), ip.IsLinkLocalMulticast(),
		ip.IsLinkLocalUnicast(), ip.IsGlobalUnicast())
	fmt.Fprintf(w, " defaultmask=%s", q(ip.DefaultMask().String()))
	text, err := ip.MarshalText()
	if err != nil {
		w.WriteString(" text-")
		writeErr(w, err)
	} else {
		fmt.Fprintf(w, " text=%s", q(string(text)))
	}
}

func writeMask(w *bufio.Writer, m net.IPMask) {
	ones, bits := m.Size()
	fmt.Fprintf(w, "mask=%s len=%d size=%d/%d", q(m.String()), len(m), ones,
		bits)
}

func writeNet(w *bufio.Writer, n *net.IPNet) {
	fmt.Fprintf(w, "net=%s network=%s netip=%s netiplen=%d netmask=%s netmasklen=%d",
		q(n.String()), q(n.Network()), q(n.IP.String()), len(n.IP),
		q(n.Mask.String()), len(n.Mask))
}

// parseInt32 is the integer rule for CIDRMask and IPMask arguments.
func parseInt32(s string) (int, bool) {
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err == nil
}

func opParseIP(w *bufio.Writer, a []string) string {
	writeIP(w, net.ParseIP(a[0]))
	return ""
}

func opIPFromBytes(w *bufio.Writer, a []string) string {
	s := a[0]
	if len(s)%2 != 0 {
		return "bad hex"
	}
	ip := make(net.IP, 0, len(s)/2)
	for i := 0; i < len(s); i += 2 {
		hi, ok1 := unhex(s[i])
		lo, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			return "bad hex"
		}
		ip = append(ip, hi<<4|lo)
	}
	if len(ip) > net.IPv6len {
		return "more than 16 bytes"
	}
	writeIP(w, ip)
	return ""
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func opParseCIDR(w *bufio.Writer, a []string) string {
	ip, n, err := net.ParseCIDR(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "ip=%s iplen=%d ", q(ip.String()), len(ip))
	writeNet(w, n)
	return ""
}

func opCIDRMask(w *bufio.Writer, a []string) string {
	ones, ok1 := parseInt32(a[0])
	bits, ok2 := parseInt32(a[1])
	if !ok1 || !ok2 {
		return "bad integer"
	}
	writeMask(w, net.CIDRMask(ones, bits))
	return ""
}

func opIPMask(w *bufio.Writer, a []string) string {
	ones, ok1 := parseInt32(a[1])
	bits, ok2 := parseInt32(a[2])
	if !ok1 || !ok2 {
		return "bad integer"
	}
	writeIP(w, net.ParseIP(a[0]).Mask(net.CIDRMask(ones, bits)))
	return ""
}

func opIPNetContains(w *bufio.Writer, a []string) string {
	_, n, err := net.ParseCIDR(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	writeNet(w, n)
	fmt.Fprintf(w, " contains=%t", n.Contains(net.ParseIP(a[1])))
	return ""
}

func opSplitHostPort(w *bufio.Writer, a []string) string {
	host, port, err := net.SplitHostPort(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "host=%s port=%s", q(host), q(port))
	return ""
}

func opJoinHostPort(w *bufio.Writer, a []string) string {
	w.WriteString(q(net.JoinHostPort(a[0], a[1])))
	return ""
}

func opParseMAC(w *bufio.Writer, a []string) string {
	hw, err := net.ParseMAC(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "mac=%s len=%d", q(hw.String()), len(hw))
	return ""
}

func opResolveTCPAddr(w *bufio.Writer, a []string) string {
	addr, err := net.ResolveTCPAddr(a[0], a[1])
	switch {
	case err != nil:
		writeErr(w, err)
	case addr == nil:
		w.WriteString("<nil>")
	default:
		fmt.Fprintf(w, "addr=%s network=%s ip=%s iplen=%d port=%d zone=%s",
			q(addr.String()), q(addr.Network()), q(addr.IP.String()),
			len(addr.IP), addr.Port, q(addr.Zone))
	}
	return ""
}

func opResolveUDPAddr(w *bufio.Writer, a []string) string {
	addr, err := net.ResolveUDPAddr(a[0], a[1])
	switch {
	case err != nil:
		writeErr(w, err)
	case addr == nil:
		w.WriteString("<nil>")
	default:
		fmt.Fprintf(w, "addr=%s network=%s ip=%s iplen=%d port=%d zone=%s",
			q(addr.String()), q(addr.Network()), q(addr.IP.String()),
			len(addr.IP), addr.Port, q(addr.Zone))
	}
	return ""
}

func opResolveIPAddr(w *bufio.Writer, a []string) string {
	addr, err := net.ResolveIPAddr(a[0], a[1])
	switch {
	case err != nil:
		writeErr(w, err)
	case addr == nil:
		w.WriteString("<nil>")
	default:
		fmt.Fprintf(w, "addr=%s network=%s ip=%s iplen=%d zone=%s",
			q(addr.String()), q(addr.Network()), q(addr.IP.String()),
			len(addr.IP), q(addr.Zone))
	}
	return ""
}

func opResolveUnixAddr(w *bufio.Writer, a []string) string {
	addr, err := net.ResolveUnixAddr(a[0], a[1])
	switch {
	case err != nil:
		writeErr(w, err)
	case addr == nil:
		w.WriteString("<nil>")
	default:
		fmt.Fprintf(w, "addr=%s network=%s name=%s net=%s",
			q(addr.String()), q(addr.Network()), q(addr.Name),
			q(addr.Net))
	}
	return ""
}

func opLookupPort(w *bufio.Writer, a []string) string {
	port, err := net.LookupPort(a[0], a[1])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "port=%d", port)
	return ""
}

func opErrno(w *bufio.Writer, a []string) string {
	n, err := strconv.ParseUint(a[0], 10, 64)
	if err != nil {
		return "bad integer"
	}
	e := syscall.Errno(n)
	fmt.Fprintf(w, "error=%s timeout=%t temporary=%t", q(e.Error()),
		e.Timeout(), e.Temporary())
	return ""
}

// Socket ops.

var (
	tmpdir   string
	hidePort string // the port substituted for PORT or CLOSED, or ""
)

// removeTmpdir removes the private directory, if one was made.
func removeTmpdir() {
	if tmpdir != "" {
		os.RemoveAll(tmpdir)
	}
}

// mkdtemp makes prefix plus six random letters or digits, the length C's
// mkdtemp("prefixXXXXXX") gives, so that both twins' paths are equally
// long and a case at sockaddr_un's limit means the same on both sides
// (os.MkdirTemp's suffix varies in length).
func mkdtemp(prefix string) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	for i := 0; i < 1000; i++ {
		b := make([]byte, 6)
		for j := range b {
			b[j] = chars[rand.Intn(len(chars))]
		}
		err := os.Mkdir(prefix+string(b), 0o700)
		if err == nil {
			return prefix + string(b)
		}
		if !os.IsExist(err) {
			fmt.Fprintln(os.Stderr, "netprobe:", err)
			os.Exit(1)
		}
	}
	fmt.Fprintln(os.Stderr, "netprobe: no temporary directory")
	os.Exit(1)
	return ""
}

// unixArg replaces a leading TMP or @TMP with the private directory.
func unixArg(s string) string {
	at := ""
	if strings.HasPrefix(s, "@") {
		at, s = "@", s[1:]
	}
	if !strings.HasPrefix(s, "TMP") {
		return at + s
	}
	if tmpdir == "" {
		tmpdir = mkdtemp("/tmp/gonet-netprobe-")
	}
	return at + tmpdir + s[len("TMP"):]
}

func isUnix(network string) bool {
	return strings.HasPrefix(network, "unix")
}

// hide replaces the private directory and the substituted port.
func hide(s string) string {
	if tmpdir != "" {
		s = strings.ReplaceAll(s, tmpdir, "TMP")
	}
	if hidePort == "" {
		return s
	}
	var b strings.Builder
	pat := ":" + hidePort
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

func writeSockErr(w *bufio.Writer, err error) {
	fmt.Fprintf(w, "error=%T msg=%s", err, q(hide(err.Error())))
	if t, ok := err.(interface{ Timeout() bool }); ok {
		fmt.Fprintf(w, " timeout=%t", t.Timeout())
	}
	if t, ok := err.(interface{ Temporary() bool }); ok {
		fmt.Fprintf(w, " temporary=%t", t.Temporary())
	}
}

// isAutobind reports whether name looks like a name Linux's autobind
// chose: "@" and five hex digits.
func isAutobind(name string) bool {
	if len(name) != 6 || name[0] != '@' {
		return false
	}
	for i := 1; i < 6; i++ {
		if _, ok := unhex(name[i]); !ok {
			return false
		}
	}
	return true
}

// addrString prints an address with the placeholders; asked is the
// address the case asked for (autobind applies only when it was "").
func addrString(a net.Addr, asked string) string {
	switch a := a.(type) {
	case nil:
		return "<nil>"
	case *net.TCPAddr:
		if a == nil {
			return "<nil>"
		}
		b := *a
		b.Port = 0
		return q(strings.TrimSuffix(b.String(), ":0") + ":PORT")
	case *net.UDPAddr:
		if a == nil {
			return "<nil>"
		}
		b := *a
		b.Port = 0
		return q(strings.TrimSuffix(b.String(), ":0") + ":PORT")
	case *net.UnixAddr:
		if a == nil {
			return "<nil>"
		}
		if asked == "" && isAutobind(a.Name) {
			return q("@AUTOBIND")
		}
	}
	return q(hide(a.String()))
}

type syscaller interface {
	SyscallConn() (syscall.RawConn, error)
}

// writeOpts prints OPTS for the socket under c.
func writeOpts(w *bufio.Writer, c syscaller) {
	rc, err := c.SyscallConn()
	if err != nil {
		w.WriteString("opts-")
		writeErr(w, err)
		return
	}
	rc.Control(func(fd uintptr) { w.WriteString(fdOpts(int(fd))) })
}

// fdOpts reads OPTS from a descriptor.
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
	return fmt.Sprintf("reuseaddr=%s reuseport=%s broadcast=%s v6only=%s sotype=%s nonblock=%s cloexec=%s",
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

// sockAddrArg applies the TMP placeholder to a Unix network's address.
func sockAddrArg(network, address string) string {
	if isUnix(network) {
		return unixArg(address)
	}
	return address
}

func opListen(w *bufio.Writer, a []string) string {
	l, err := net.Listen(a[0], sockAddrArg(a[0], a[1]))
	if err != nil {
		writeSockErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "kind=%T addr=%s ", l, addrString(l.Addr(), a[1]))
	if c, ok := l.(syscaller); ok {
		writeOpts(w, c)
	}
	l.Close()
	return ""
}

func opListenPacket(w *bufio.Writer, a []string) string {
	c, err := net.ListenPacket(a[0], sockAddrArg(a[0], a[1]))
	if err != nil {
		writeSockErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "kind=%T addr=%s ", c, addrString(c.LocalAddr(), a[1]))
	if s, ok := c.(syscaller); ok {
		writeOpts(w, s)
	}
	c.Close()
	return ""
}

// isPacket reports whether network's listener is a PacketConn.
func isPacket(network string) bool {
	return strings.HasPrefix(network, "udp") || network == "unixgram"
}

var dialSockoptsN int

func opDialSockopts(w *bufio.Writer, a []string) string {
	network := a[0]
	laddr := "127.0.0.1:0"
	switch {
	case isUnix(network):
		dialSockoptsN++
		laddr = unixArg(fmt.Sprintf("TMP/dial-%d.sock", dialSockoptsN))
	case strings.HasSuffix(network, "6"):
		laddr = "[::1]:0"
	}
	var (
		addr  net.Addr
		close func() error
	)
	if isPacket(network) {
		p, err := net.ListenPacket(network, laddr)
		if err != nil {
			w.WriteString("listen-")
			writeSockErr(w, err)
			return ""
		}
		addr, close = p.LocalAddr(), p.Close
	} else {
		l, err := net.Listen(network, laddr)
		if err != nil {
			w.WriteString("listen-")
			writeSockErr(w, err)
			return ""
		}
		addr, close = l.Addr(), l.Close
	}
	defer close()
	c, err := net.Dial(network, addr.String())
	if err != nil {
		hidePort = ""
		if ua, ok := addr.(*net.TCPAddr); ok {
			hidePort = strconv.Itoa(ua.Port)
		} else if ua, ok := addr.(*net.UDPAddr); ok {
			hidePort = strconv.Itoa(ua.Port)
		}
		w.WriteString("dial-")
		writeSockErr(w, err)
		hidePort = ""
		return ""
	}
	fmt.Fprintf(w, "local=%s remote=%s ", addrString(c.LocalAddr(), "x"),
		addrString(c.RemoteAddr(), "x"))
	if s, ok := c.(syscaller); ok {
		writeOpts(w, s)
	}
	c.Close()
	return ""
}

// dialAddress applies Dial's placeholders; close releases what it opened.
func dialAddress(network, address string) (string, func(), error) {
	if isUnix(network) {
		return unixArg(address), func() {}, nil
	}
	i := strings.LastIndexByte(address, ':')
	if i < 0 {
		return address, func() {}, nil
	}
	host, port := address[:i], address[i+1:]
	if port != "PORT" && port != "CLOSED" {
		return address, func() {}, nil
	}
	laddr := "127.0.0.1:0"
	if strings.Contains(host, ":") && !strings.Contains(host, ".") {
		laddr = "[::1]:0"
	}
	var (
		p     int
		close func() error
	)
	if strings.HasPrefix(network, "udp") {
		c, err := net.ListenPacket("udp", laddr)
		if err != nil {
			return "", nil, err
		}
		p, close = c.LocalAddr().(*net.UDPAddr).Port, c.Close
	} else {
		l, err := net.Listen("tcp", laddr)
		if err != nil {
			return "", nil, err
		}
		p, close = l.Addr().(*net.TCPAddr).Port, l.Close
	}
	hidePort = strconv.Itoa(p)
	if port == "CLOSED" {
		close()
		close = func() error { return nil }
	}
	return host + ":" + hidePort, func() { close() }, nil
}

// loopbackOnly reports whether Dial may run: the host must be empty,
// localhost or a loopback literal, so that no case, old or new, can reach
// another machine (an address SplitHostPort rejects never gets dialed).
func loopbackOnly(network, address string) bool {
	if isUnix(network) {
		return true
	}
	host := address
	if !strings.HasPrefix(network, "ip") {
		h, _, err := net.SplitHostPort(address)
		if err != nil {
			return true
		}
		host = h
	}
	if i := strings.LastIndexByte(host, '%'); i >= 0 {
		host = host[:i]
	}
	if host == "" || host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func opDial(w *bufio.Writer, a []string) string {
	if !loopbackOnly(a[0], a[1]) {
		return "not a loopback host"
	}
	address, release, err := dialAddress(a[0], a[1])
	if err != nil {
		w.WriteString("listen-")
		writeSockErr(w, err)
		return ""
	}
	defer func() {
		release()
		hidePort = ""
	}()
	c, err := net.Dial(a[0], address)
	if err != nil {
		writeSockErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "conn=%T local=%s remote=%s", c,
		addrString(c.LocalAddr(), "x"), addrString(c.RemoteAddr(), "x"))
	c.Close()
	return ""
}
