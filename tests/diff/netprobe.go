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
// Every string is printed with %+q (strconv.QuoteToASCII), so the output is
// ASCII and the C side needs no Unicode tables.  A nil *Addr prints <nil>.
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
)

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
}

func main() {
	r := bufio.NewReaderSize(os.Stdin, 1<<16)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
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
