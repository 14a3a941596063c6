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
//	IPUnmarshalText s         IP that IP.UnmarshalText sets, or its error
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
//	LookupHost host           n=N "addr"..., or DNSERR
//	LookupIP net host         n=N "ip"..., or DNSERR (DefaultResolver.LookupIP)
//	LookupIPAddr host         n=N "ipaddr"..., or DNSERR
//	LookupCNAME host          cname="...", or DNSERR
//	LookupMX name             n=N "host"/pref..., or DNSERR
//	LookupNS name             n=N "host"..., or DNSERR
//	LookupSRV svc proto name  cname="..." n=N "target":port/prio/weight...,
//	                          or DNSERR
//	LookupTXT name            n=N "txt"..., or DNSERR
//	LookupAddr addr           n=N "name"..., or DNSERR
//	                          (the Lookup ops run only in tools/dnsns.sh's
//	                          namespace; records come back with an error
//	                          when Go returns both)
//	Errno n                   error="..." timeout=B temporary=B
//	Listen net addr           LISTEN, or ERR
//	ListenPacket net addr     LISTEN, or ERR
//	DialSockopts net          local=ADDR remote=ADDR OPTS of a socket dialed
//	                          to a fresh loopback listener of net, or
//	                          listen-ERR, or dial-ERR
//	Dial net addr             conn=%T local=ADDR remote=ADDR, or ERR
//	Conv net script           a conversation on live sockets, below
//	ParseAddr s               NADDR, or ERR (net/netip from here on)
//	AddrFromSlice hex         ok=B NADDR
//	AddrUnmarshalBinary hex   NADDR, or ERR
//	AddrCompare a b           cmp=N less=B of two ParseAddr results (an
//	                          error parses as the zero Addr)
//	ParseAddrPort s           NAP, or ERR
//	AddrPortUnmarshalBinary hex  NAP, or ERR
//	ParsePrefix s             NPREFIX, or ERR
//	PrefixFrom a bits         NPREFIX of PrefixFrom(ParseAddr(a), bits)
//	PrefixUnmarshalBinary hex NPREFIX, or ERR
//	PrefixContains p a        contains=B, or ERR of ParsePrefix or ParseAddr
//	PrefixOverlaps p o        overlaps=B, or ERR of either ParsePrefix
//	Interfaces                n=N then "; IFACE byname=B byindex=B" for
//	                          each of Interfaces() (whether InterfaceByName
//	                          and InterfaceByIndex give it back equal),
//	                          then "; all=ADDRS" of InterfaceAddrs(), or ERR
//	InterfaceByName name      IFACE, or ERR
//	InterfaceByIndex n        IFACE, or ERR (n is ParseInt(s, 10, 32))
//	DNSMessage hex            unpack="GoString" of the Message that
//	                          Message.Unpack makes of the bytes, then
//	                          pack=HEX of its Pack or pack-ERR; or
//	                          unpack-ERR; then skip=ok or skip-ERR of a
//	                          Parser that Starts and skips every section
//	                          (Go 1.19's vendored x/net dnsmessage, the
//	                          copy its resolver uses; tools/gobuild.sh
//	                          puts it in the build's GOPATH).  The hex is
//	                          at most 65535 bytes ("bad case: more than
//	                          65535 bytes"), not 64 as below
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
//	NADDR = addr="String" valid=B bitlen=N zone="Zone" is4=B is6=B
//	        is4in6=B unmap="Unmap()" loopback=B multicast=B
//	        ifacelocalmc=B linklocalmc=B linklocaluc=B globaluc=B
//	        private=B unspecified=B expanded="StringExpanded"
//	        next="Next()" prev="Prev()" withzone="WithZone("z")"
//	        as16=HEX slice=HEX then BIN then for each n of -1 0 1 7 8 24
//	        31 32 33 63 64 96 127 128 129: pN="Prefix(n)" or pN-ERR
//	BIN   = text="MarshalText" or text-ERR, untext="String" of what
//	        UnmarshalText of that text gives or untext-ERR, then bin=HEX
//	        (MarshalBinary) or bin-ERR, and unbin the same way
//	NAP   = ap="String" addr="Addr()" port=N valid=B then BIN
//	NPREFIX = prefix="String" addr="Addr()" bits=N valid=B single=B
//	        masked="Masked()" containsaddr=B containsnext=B
//	        containsprev=B overlapsmasked=B then BIN
//	IFACE = index=N name="Name" mtu=N hw="HardwareAddr" flags="Flags"
//	        then addrs=ADDRS or addrs-ERR (Addrs()) and mcast=ADDRS or
//	        mcast-ERR (MulticastAddrs())
//	ADDRS = [%T:"String" ...] of an address list ([] when empty)
//
//	tools/diff.sh runs the probes in a private network namespace with lo
//	and, where the kernel lets it add one, a known link gonet0, so that
//	these ops see the same interfaces on both sides.
//
//	HEX   = the bytes in lower-case hex (nothing for none); a hex
//	        argument is at most 64 bytes ("bad case: more than 64 bytes")
//	        and its bad digits are "bad case: bad hex"; bits is ParseInt
//	        (s, 10, 32) ("bad case: bad integer").  The *UnmarshalBinary
//	        ops refuse bytes whose zone part (after the 16 address bytes,
//	        before AddrPort's 2 port bytes or Prefix's 1 bits byte) holds
//	        a NUL ("bad case: NUL byte in zone"): a zone is a C string in
//	        gonet, the same restriction as for arguments
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
//
// Conv net script.  net is one of tcp, tcp4, tcp6, udp, udp4, udp6, unix,
// unixgram, unixpacket (else "bad case: bad network").  The script is at
// most 64 actions separated by ';' (else "bad case: too many actions"),
// each trimmed of spaces and split into words at runs of spaces.  There
// are three objects: l, the listener (for udp* and unixgram, the packet
// conn ListenPacket returns), c, the conn dial makes, and s, the conn
// accept makes (for udp* and unixgram, s is l).  The actions:
//
//	listen [ADDR]     Listen (ListenPacket); ADDR defaults to 127.0.0.1:0,
//	                  [::1]:0 for tcp6 and udp6, TMP/conv.sock for unix*
//	dial [ADDR]       Dial; ADDR defaults to l's address
//	accept            l.Accept() (unsupported on packet networks)
//	sleep D           time.Sleep(D), 0 <= D <= 1s
//	X.write WORD      X.Write(WORD)
//	X.writen N        X.Write of N bytes "abc...zabc..."
//	X.read N          one X.Read into an N-byte buffer
//	X.readfrom N      one X.ReadFrom into an N-byte buffer
//	X.writeto WORD    X.WriteTo(WORD, addr): addr is c's RemoteAddr()
//	                  when X is c, else c's LocalAddr() (nil without c)
//	X.deadline T      SetDeadline; rdeadline, wdeadline: SetReadDeadline,
//	                  SetWriteDeadline.  T is past (time.Unix(1, 0)), zero
//	                  (time.Time{}) or +D (time.Now().Add(D)), |D| <= 24h
//	X.close           Close; closeread, closewrite: CloseRead, CloseWrite
//	X.linger N        SetLinger(N), N <= 1 (a larger one could make Close
//	                  block)
//	X.nodelay B       SetNoDelay, B 0 or 1; keepalive B: SetKeepAlive
//	X.readbuffer N    SetReadBuffer(N); writebuffer N: SetWriteBuffer
//	X.local           LocalAddr() (a listener's Addr()); remote: RemoteAddr()
//
// X is l, c or s; N is strconv.ParseInt(s, 10, 32), and 0 <= N <= 65536 for
// the byte counts; D is time.ParseDuration.  listen, dial and accept may
// appear once each.  A listen ADDR is, for unix*, a name starting with
// TMP or @TMP, else a host that is empty, localhost, or a loopback or
// unspecified literal, with port 0.  A dial ADDR is the same, except that
// it may also be CLOSED, and the port may also be PORT (l's port) or
// CLOSED (a loopback port of the host's family that was just closed; a
// bare CLOSED is one of the network's family, or for unix* a socket file
// TMP/conv-closed.sock of the network's type with nothing behind it).  An
// action that breaks these rules makes the line
//
//	bad case: action K "ACTION": REASON
//
// (K counts from 1, ACTION is the trimmed text) with REASON one of unknown
// action, wrong argument count, bad integer, out of range, bad duration,
// bad deadline, bad address, repeated; nothing runs.  Otherwise the
// actions run in order, single-threaded, and the line is their results,
// each "NAME: RESULT" (NAME is the first word), separated by "; ":
//
//	none         the object (or the listener dial or PORT needs) is not
//	             there: never made, or its making failed
//	unsupported  the object's dynamic Go type lacks the verb's method
//	             (a listener has only deadline, close and local; TCPConn
//	             lacks readfrom and writeto, which its ReadFrom(io.Reader)
//	             is not; UDPConn lacks closeread, closewrite, linger,
//	             nodelay, keepalive; UnixConn the last three)
//	ok or CERR   listen, dial, accept, sleep and the setters
//	n=N [data=DATA] [from=ADDR] [CERR]
//	             the I/O verbs: the count, what a read got, where it came
//	             from (readfrom), the error
//	ADDR         local and remote
//
// DATA is the bytes quoted, or past 64 bytes the first 32 quoted, "...",
// the length, "/" and the FNV-1a hash in 8 hex digits.  CERR is
//
//	error=T1>T2>... msg="Error()" [timeout=B] [temporary=B] eof=B
//	closed=B deadline=B errno=N/B or errno=-
//
// with T1>T2 the %T of the error and of each error errors.Unwrap finds
// under it, timeout and temporary as in ERR, then errors.Is against
// io.EOF, net.ErrClosed and os.ErrDeadlineExceeded, and the
// syscall.Errno errors.As finds (with errors.Is against it), or "-".  In
// msg every port of an address the script met shows as PORT.
//
// No wait is unbounded: every read, readfrom, write, writen, writeto and
// accept runs under a watchdog that, if the call has not returned after
// 250ms, sets the object's read deadline (writes: write deadline;
// accept: the listener's deadline) to time.Unix(1, 0) from another
// thread (time.AfterFunc in Go), which ends the call with the timeout
// error.  So a wait for something that never comes costs 250ms and reads
// as an expired deadline, and leaves that deadline set.  Should the call
// end any other way (it was not waiting, a loaded machine held it up),
// the deadline the script last set is put back.  Scripts keep
// their own timing unambiguous: a +D deadline is long (it never expires
// during the case), or ends a read or accept that has nothing to wait for,
// or is slept past by 50ms (docs/DESIGN.md says why so much).  At the end
// of the case the probe closes every object and removes every file in its
// private directory.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/dns/dnsmessage"
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
	"IPUnmarshalText": {1, opIPUnmarshalText},
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
	"LookupHost":      {1, opLookupHost},
	"LookupIP":        {2, opLookupIP},
	"LookupIPAddr":    {1, opLookupIPAddr},
	"LookupCNAME":     {1, opLookupCNAME},
	"LookupMX":        {1, opLookupMX},
	"LookupNS":        {1, opLookupNS},
	"LookupSRV":       {3, opLookupSRV},
	"LookupTXT":       {1, opLookupTXT},
	"LookupAddr":      {1, opLookupAddr},
	"Errno":           {1, opErrno},
	"Listen":          {2, opListen},
	"ListenPacket":    {2, opListenPacket},
	"DialSockopts":    {1, opDialSockopts},
	"Dial":            {2, opDial},
	"Conv":            {2, opConv},

	"ParseAddr":               {1, opParseAddr},
	"AddrFromSlice":           {1, opAddrFromSlice},
	"AddrUnmarshalBinary":     {1, opAddrUnmarshalBinary},
	"AddrCompare":             {2, opAddrCompare},
	"ParseAddrPort":           {1, opParseAddrPort},
	"AddrPortUnmarshalBinary": {1, opAddrPortUnmarshalBinary},
	"ParsePrefix":             {1, opParsePrefix},
	"PrefixFrom":              {2, opPrefixFrom},
	"PrefixUnmarshalBinary":   {1, opPrefixUnmarshalBinary},
	"PrefixContains":          {2, opPrefixContains},
	"PrefixOverlaps":          {2, opPrefixOverlaps},

	"Interfaces":       {0, opInterfaces},
	"InterfaceByName":  {1, opInterfaceByName},
	"InterfaceByIndex": {1, opInterfaceByIndex},
	"DNSMessage":       {1, opDNSMessage},
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

func opIPUnmarshalText(w *bufio.Writer, a []string) string {
	var ip net.IP
	if err := ip.UnmarshalText([]byte(a[0])); err != nil {
		writeErr(w, err)
		return ""
	}
	writeIP(w, ip)
	return ""
}

func opIPFromBytes(w *bufio.Writer, a []string) string {
	ip, bad := hexArg(a[0], net.IPv6len)
	if bad != "" {
		return bad
	}
	writeIP(w, net.IP(ip))
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

// writeDNSErr is writeErr plus, for a *net.DNSError, its IsNotFound.
func writeDNSErr(w *bufio.Writer, err error) {
	writeErr(w, err)
	if e, ok := err.(*net.DNSError); ok {
		fmt.Fprintf(w, " notfound=%t", e.IsNotFound)
	}
}

// writeStrings prints n=N then each string quoted; a non-nil err follows.
func writeStrings(w *bufio.Writer, s []string, err error) {
	fmt.Fprintf(w, "n=%d", len(s))
	for _, x := range s {
		fmt.Fprintf(w, " %s", q(x))
	}
	if err != nil {
		w.WriteByte(' ')
		writeDNSErr(w, err)
	}
}

func opLookupHost(w *bufio.Writer, a []string) string {
	addrs, err := net.LookupHost(a[0])
	writeStrings(w, addrs, err)
	return ""
}

func opLookupIP(w *bufio.Writer, a []string) string {
	ips, err := net.DefaultResolver.LookupIP(context.Background(), a[0], a[1])
	var s []string
	for _, ip := range ips {
		s = append(s, ip.String())
	}
	writeStrings(w, s, err)
	return ""
}

func opLookupIPAddr(w *bufio.Writer, a []string) string {
	addrs, err := net.DefaultResolver.LookupIPAddr(context.Background(), a[0])
	var s []string
	for _, addr := range addrs {
		s = append(s, addr.String())
	}
	writeStrings(w, s, err)
	return ""
}

func opLookupCNAME(w *bufio.Writer, a []string) string {
	cname, err := net.LookupCNAME(a[0])
	if err != nil {
		writeDNSErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "cname=%s", q(cname))
	return ""
}

func opLookupMX(w *bufio.Writer, a []string) string {
	mxs, err := net.LookupMX(a[0])
	fmt.Fprintf(w, "n=%d", len(mxs))
	for _, mx := range mxs {
		fmt.Fprintf(w, " %s/%d", q(mx.Host), mx.Pref)
	}
	if err != nil {
		w.WriteByte(' ')
		writeDNSErr(w, err)
	}
	return ""
}

func opLookupNS(w *bufio.Writer, a []string) string {
	nss, err := net.LookupNS(a[0])
	var s []string
	for _, ns := range nss {
		s = append(s, ns.Host)
	}
	writeStrings(w, s, err)
	return ""
}

func opLookupSRV(w *bufio.Writer, a []string) string {
	cname, srvs, err := net.LookupSRV(a[0], a[1], a[2])
	fmt.Fprintf(w, "cname=%s n=%d", q(cname), len(srvs))
	for _, srv := range srvs {
		fmt.Fprintf(w, " %s:%d/%d/%d", q(srv.Target), srv.Port,
			srv.Priority, srv.Weight)
	}
	if err != nil {
		w.WriteByte(' ')
		writeDNSErr(w, err)
	}
	return ""
}

func opLookupTXT(w *bufio.Writer, a []string) string {
	txts, err := net.LookupTXT(a[0])
	writeStrings(w, txts, err)
	return ""
}

func opLookupAddr(w *bufio.Writer, a []string) string {
	names, err := net.LookupAddr(a[0])
	writeStrings(w, names, err)
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
	return hidePorts(s, hidePort)
}

// hidePorts replaces the private directory and each of ports ("" for
// none) where it follows a colon and no digit follows it.
func hidePorts(s string, ports ...string) string {
	if tmpdir != "" {
		s = strings.ReplaceAll(s, tmpdir, "TMP")
	}
	for _, p := range ports {
		if p != "" {
			s = hideOnePort(s, p)
		}
	}
	return s
}

func hideOnePort(s, port string) string {
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
// Inside tools/dnsns.sh's namespace (GONET_DNSNS=1) a name may be dialed
// too: the namespace has no route off the host, and its names come from
// the test hosts file and the test zone.
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
	if ip == nil && os.Getenv("GONET_DNSNS") == "1" {
		return true
	}
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

// Conv: conversations on live sockets (the protocol is in the header).

const (
	convMaxActions  = 64
	convMaxBytes    = 65536
	convMaxSleep    = time.Second
	convMaxDeadline = 24 * time.Hour
	convSafety      = 250 * time.Millisecond
	convShowBytes   = 64
)

var convNetworks = []string{"tcp", "tcp4", "tcp6", "udp", "udp4", "udp6",
	"unix", "unixgram", "unixpacket"}

// Argument kinds of the verbs.
const (
	argNone = iota
	argWord
	argCount  // 0..convMaxBytes
	argInt    // strconv.ParseInt(s, 10, 32)
	argBool   // 0 or 1
	argLinger // an int no greater than 1
	argDeadline
)

var convVerbs = map[string]int{
	"write": argWord, "writen": argCount, "read": argCount,
	"readfrom": argCount, "writeto": argWord, "deadline": argDeadline,
	"rdeadline": argDeadline, "wdeadline": argDeadline, "close": argNone,
	"closeread": argNone, "closewrite": argNone, "linger": argLinger,
	"nodelay": argBool, "keepalive": argBool, "readbuffer": argInt,
	"writebuffer": argInt, "local": argNone, "remote": argNone,
}

// Deadline kinds.
const (
	dlPast = iota
	dlZero
	dlRel
)

type convAction struct {
	name string // the first word: "listen", "c.read", ...
	obj  byte   // 'l', 'c' or 's' for X.VERB, else 0
	verb string
	arg  string // the argument as written, "" when none
	has  bool   // whether there is an argument
	n    int
	d    time.Duration
	dl   int
}

// convFields splits an action at runs of spaces.
func convFields(s string) []string {
	var f []string
	for _, w := range strings.Split(s, " ") {
		if w != "" {
			f = append(f, w)
		}
	}
	return f
}

func isTMP(s string) bool {
	return strings.HasPrefix(s, "TMP") || strings.HasPrefix(s, "@TMP")
}

// convLocalHost reports whether host is empty, localhost, or a loopback
// or unspecified literal (with any zone).
func convLocalHost(host string) bool {
	if host == "" || host == "localhost" {
		return true
	}
	if i := strings.LastIndexByte(host, '%'); i >= 0 {
		host = host[:i]
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}

func convAddrOK(network, verb, addr string) bool {
	if isUnix(network) {
		return isTMP(addr) || verb == "dial" && addr == "CLOSED"
	}
	if verb == "dial" && addr == "CLOSED" {
		return true
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if port != "0" && (verb == "listen" || port != "PORT" && port != "CLOSED") {
		return false
	}
	return convLocalHost(host)
}

// convArg checks an argument of kind k; it returns the failure reason.
func convArg(a *convAction, k int) string {
	switch k {
	case argCount, argInt, argBool, argLinger:
		v, err := strconv.ParseInt(a.arg, 10, 32)
		if err != nil {
			return "bad integer"
		}
		a.n = int(v)
		if k == argCount && (v < 0 || v > convMaxBytes) ||
			k == argBool && v != 0 && v != 1 || k == argLinger && v > 1 {
			return "out of range"
		}
	case argDeadline:
		switch {
		case a.arg == "past":
			a.dl = dlPast
		case a.arg == "zero":
			a.dl = dlZero
		case strings.HasPrefix(a.arg, "+"):
			d, err := time.ParseDuration(a.arg[1:])
			if err != nil {
				return "bad duration"
			}
			if d < -convMaxDeadline || d > convMaxDeadline {
				return "out of range"
			}
			a.dl, a.d = dlRel, d
		default:
			return "bad deadline"
		}
	}
	return ""
}

// convParseAction parses one trimmed action; it returns the reason it is
// bad, or "".
func convParseAction(network, text string, a *convAction) string {
	f := convFields(text)
	if len(f) == 0 {
		return "unknown action"
	}
	a.name = f[0]
	if len(f) > 1 {
		a.arg, a.has = f[1], true
	}
	kind, maxArgs := argNone, 0
	switch a.name {
	case "listen", "dial":
		maxArgs = 1
	case "accept":
	case "sleep":
		maxArgs = 1
	default:
		if len(a.name) < 3 || a.name[1] != '.' ||
			strings.IndexByte("lcs", a.name[0]) < 0 {
			return "unknown action"
		}
		k, ok := convVerbs[a.name[2:]]
		if !ok {
			return "unknown action"
		}
		a.obj, a.verb, kind = a.name[0], a.name[2:], k
		if k != argNone {
			maxArgs = 1
		}
	}
	minArgs := maxArgs
	if a.name == "listen" || a.name == "dial" {
		minArgs = 0
	}
	if len(f)-1 < minArgs || len(f)-1 > maxArgs {
		return "wrong argument count"
	}
	switch a.name {
	case "listen", "dial":
		if a.has && !convAddrOK(network, a.name, a.arg) {
			return "bad address"
		}
	case "sleep":
		d, err := time.ParseDuration(a.arg)
		if err != nil {
			return "bad duration"
		}
		if d < 0 || d > convMaxSleep {
			return "out of range"
		}
		a.d = d
	default:
		return convArg(a, kind)
	}
	return ""
}

// convParse parses a script, or returns why it is bad.
func convParse(network, script string) ([]convAction, string) {
	ok := false
	for _, n := range convNetworks {
		ok = ok || n == network
	}
	if !ok {
		return nil, "bad network"
	}
	pieces := strings.Split(script, ";")
	if len(pieces) > convMaxActions {
		return nil, "too many actions"
	}
	acts := make([]convAction, len(pieces))
	seen := map[string]bool{}
	for i, p := range pieces {
		p = strings.Trim(p, " ")
		why := convParseAction(network, p, &acts[i])
		if why == "" && acts[i].obj == 0 && acts[i].name != "sleep" {
			if seen[acts[i].name] {
				why = "repeated"
			}
			seen[acts[i].name] = true
		}
		if why != "" {
			return nil, fmt.Sprintf("action %d %s: %s", i+1, q(p), why)
		}
	}
	return acts, ""
}

// The run of a script.

type convState struct {
	network string
	packet  bool
	l       interface{} // a net.Listener, or a net.PacketConn if packet
	lAsked  string      // the address listen asked for
	c, s    net.Conn
	ports   []string // every TCP or UDP port seen, hidden in the output
	// deadlines holds the read and write deadlines the script last set
	// on each object (s folded into l), for the watchdog to restore.
	deadlines map[byte]*[2]time.Time
}

// key is the object x names: s is l on packet networks.
func (st *convState) key(x byte) byte {
	if x == 's' && st.packet {
		return 'l'
	}
	return x
}

// setDeadline records a deadline the script set: mode 'r', 'w' or both.
func (st *convState) setDeadline(x byte, mode string, t time.Time) {
	d := st.deadlines[st.key(x)]
	if d == nil {
		d = new([2]time.Time)
		st.deadlines[st.key(x)] = d
	}
	if mode != "w" {
		d[0] = t
	}
	if mode != "r" {
		d[1] = t
	}
}

func (st *convState) see(a net.Addr) {
	switch a := a.(type) {
	case *net.TCPAddr:
		if a != nil {
			st.ports = append(st.ports, strconv.Itoa(a.Port))
		}
	case *net.UDPAddr:
		if a != nil {
			st.ports = append(st.ports, strconv.Itoa(a.Port))
		}
	}
}

func (st *convState) errString(err error) string {
	var b strings.Builder
	b.WriteString("error=")
	for e := err; e != nil; e = errors.Unwrap(e) {
		if e != err {
			b.WriteByte('>')
		}
		fmt.Fprintf(&b, "%T", e)
	}
	fmt.Fprintf(&b, " msg=%s", q(hidePorts(err.Error(), st.ports...)))
	if t, ok := err.(interface{ Timeout() bool }); ok {
		fmt.Fprintf(&b, " timeout=%t", t.Timeout())
	}
	if t, ok := err.(interface{ Temporary() bool }); ok {
		fmt.Fprintf(&b, " temporary=%t", t.Temporary())
	}
	fmt.Fprintf(&b, " eof=%t closed=%t deadline=%t", errors.Is(err, io.EOF),
		errors.Is(err, net.ErrClosed),
		errors.Is(err, os.ErrDeadlineExceeded))
	var errno syscall.Errno
	if errors.As(err, &errno) {
		fmt.Fprintf(&b, " errno=%d/%t", uintptr(errno),
			errors.Is(err, errno))
	} else {
		b.WriteString(" errno=-")
	}
	return b.String()
}

// result is "ok" or the error.
func (st *convState) result(err error) string {
	if err != nil {
		return st.errString(err)
	}
	return "ok"
}

// ioResult prints a count, the data read when data is not nil, the
// address read from when from is set, then the error.
func (st *convState) ioResult(n int, data []byte, from *net.Addr,
	err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "n=%d", n)
	if data != nil {
		b.WriteString(" data=" + convData(data[:n]))
	}
	if from != nil {
		st.see(*from)
		b.WriteString(" from=" + addrString(*from, "x"))
	}
	if err != nil {
		b.WriteString(" " + st.errString(err))
	}
	return b.String()
}

// convData quotes what a read returned: in full up to convShowBytes,
// else its first 32 bytes, "...", its length and its FNV-1a hash.
func convData(b []byte) string {
	if len(b) <= convShowBytes {
		return q(string(b))
	}
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return fmt.Sprintf("%s...%d/%08x", q(string(b[:32])), len(b), h)
}

// convPattern is what writen writes: the alphabet over and over.
func convPattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + i%26)
	}
	return b
}

// closedPort returns a loopback port that was just closed, on the
// family of host (or of the network when host is "").
func (st *convState) closedPort(host string) (string, error) {
	laddr := "127.0.0.1:0"
	if strings.Contains(host, ":") && !strings.Contains(host, ".") ||
		host == "" && strings.HasSuffix(st.network, "6") {
		laddr = "[::1]:0"
	}
	var p int
	if st.packet && !isUnix(st.network) {
		c, err := net.ListenPacket("udp", laddr)
		if err != nil {
			return "", err
		}
		p = c.LocalAddr().(*net.UDPAddr).Port
		c.Close()
	} else {
		l, err := net.Listen("tcp", laddr)
		if err != nil {
			return "", err
		}
		p = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	port := strconv.Itoa(p)
	st.ports = append(st.ports, port)
	return port, nil
}

// closedUnix leaves a socket file of the network's type with nothing
// behind it, as a process that died would, and returns its path.
func (st *convState) closedUnix() (string, error) {
	typ := syscall.SOCK_STREAM
	switch st.network {
	case "unixgram":
		typ = syscall.SOCK_DGRAM
	case "unixpacket":
		typ = syscall.SOCK_SEQPACKET
	}
	path := unixArg("TMP/conv-closed.sock")
	fd, err := syscall.Socket(syscall.AF_UNIX, typ, 0)
	if err != nil {
		return "", err
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
		return "", err
	}
	return path, nil
}

// lAddr is the listener's address (the packet conn's local one).
func (st *convState) lAddr() net.Addr {
	switch l := st.l.(type) {
	case net.Listener:
		return l.Addr()
	case net.PacketConn:
		return l.LocalAddr()
	}
	return nil
}

// dialTarget turns dial's argument into an address; ok is false when it
// needs a listener that is not there.
func (st *convState) dialTarget(a *convAction) (addr string, ok bool, err error) {
	if !a.has || !isUnix(st.network) && strings.HasSuffix(a.arg, ":PORT") {
		if st.l == nil {
			return "", false, nil
		}
	}
	if !a.has {
		return st.lAddr().String(), true, nil
	}
	if isUnix(st.network) {
		if a.arg == "CLOSED" {
			addr, err = st.closedUnix()
			return addr, true, err
		}
		return unixArg(a.arg), true, nil
	}
	if a.arg == "CLOSED" {
		host := "127.0.0.1"
		if strings.HasSuffix(st.network, "6") {
			host = "::1"
		}
		p, err := st.closedPort("")
		return net.JoinHostPort(host, p), true, err
	}
	host, port, _ := net.SplitHostPort(a.arg)
	switch port {
	case "CLOSED":
		p, err := st.closedPort(host)
		return net.JoinHostPort(host, p), true, err
	case "PORT":
		st.see(st.lAddr())
		switch la := st.lAddr().(type) {
		case *net.TCPAddr:
			port = strconv.Itoa(la.Port)
		case *net.UDPAddr:
			port = strconv.Itoa(la.Port)
		}
	}
	return net.JoinHostPort(host, port), true, nil
}

func (st *convState) listen(a *convAction) string {
	addr := a.arg
	if !a.has {
		switch {
		case isUnix(st.network):
			addr = "TMP/conv.sock"
		case strings.HasSuffix(st.network, "6"):
			addr = "[::1]:0"
		default:
			addr = "127.0.0.1:0"
		}
	}
	st.lAsked = addr
	addr = sockAddrArg(st.network, addr)
	if st.packet {
		p, err := net.ListenPacket(st.network, addr)
		if err != nil {
			return st.errString(err)
		}
		st.l = p
	} else {
		l, err := net.Listen(st.network, addr)
		if err != nil {
			return st.errString(err)
		}
		st.l = l
	}
	st.see(st.lAddr())
	return "ok"
}

func (st *convState) dial(a *convAction) string {
	addr, ok, err := st.dialTarget(a)
	if err != nil {
		return "probe-" + st.errString(err)
	}
	if !ok {
		return "none"
	}
	c, err := net.Dial(st.network, addr)
	if err != nil {
		return st.errString(err)
	}
	st.c = c
	st.see(c.LocalAddr())
	st.see(c.RemoteAddr())
	return "ok"
}

func (st *convState) accept() string {
	l, ok := st.l.(net.Listener)
	switch {
	case st.packet:
		return "unsupported"
	case !ok:
		return "none"
	}
	var s net.Conn
	err := st.watch('l', l, 'r',
		func() (err error) { s, err = l.Accept(); return })
	if err != nil {
		return st.errString(err)
	}
	st.s = s
	st.see(s.LocalAddr())
	st.see(s.RemoteAddr())
	return "ok"
}

var aLongTimeAgo = time.Unix(1, 0)

// watch runs op, a read (dir 'r', or an accept on listener o) or a write
// ('w') on object x, under the watchdog: if op has not returned after
// convSafety, the watchdog sets o's deadline for dir in the past, which
// ends the wait.  A call the watchdog fired on that then ends in anything
// but the deadline error was only held up by a loaded machine, not
// waiting: the deadline the script had set is put back.
func (st *convState) watch(x byte, o interface{}, dir byte,
	op func() error) error {
	set := func(t time.Time) {
		if dir == 'w' {
			o.(wdeadlineIface).SetWriteDeadline(t)
		} else if r, ok := o.(rdeadlineIface); ok {
			r.SetReadDeadline(t)
		} else {
			o.(deadlineIface).SetDeadline(t)
		}
	}
	fired := false
	done := make(chan struct{})
	t := time.AfterFunc(convSafety, func() {
		set(aLongTimeAgo)
		fired = true
		close(done)
	})
	err := op()
	if !t.Stop() {
		<-done
	}
	if fired && !errors.Is(err, os.ErrDeadlineExceeded) {
		var d [2]time.Time
		if p := st.deadlines[st.key(x)]; p != nil {
			d = *p
		}
		if dir == 'w' {
			set(d[1])
		} else {
			set(d[0])
		}
	}
	return err
}

// object returns the object X names, or nil.
func (st *convState) object(x byte) interface{} {
	switch {
	case x == 'l' || x == 's' && st.packet:
		return st.l
	case x == 'c' && st.c != nil:
		return st.c
	case x == 's' && st.s != nil:
		return st.s
	}
	return nil
}

// peerAddr is where writeto sends: the dialed conn sends to its remote
// address, the others to the dialed conn's local address.
func (st *convState) peerAddr(x byte) net.Addr {
	if x == 'c' {
		return st.c.RemoteAddr()
	}
	if st.c == nil {
		return nil
	}
	return st.c.LocalAddr()
}

func deadlineOf(a *convAction) time.Time {
	switch a.dl {
	case dlPast:
		return aLongTimeAgo
	case dlRel:
		return time.Now().Add(a.d)
	}
	return time.Time{}
}

// Interfaces by method: a verb applies to an object whose dynamic type
// has the method.
type (
	readIface     interface{ Read([]byte) (int, error) }
	writeIface    interface{ Write([]byte) (int, error) }
	readFromIface interface {
		ReadFrom([]byte) (int, net.Addr, error)
	}
	writeToIface interface {
		WriteTo([]byte, net.Addr) (int, error)
	}
	deadlineIface   interface{ SetDeadline(time.Time) error }
	rdeadlineIface  interface{ SetReadDeadline(time.Time) error }
	wdeadlineIface  interface{ SetWriteDeadline(time.Time) error }
	closeIface      interface{ Close() error }
	closeReadIface  interface{ CloseRead() error }
	closeWriteIface interface{ CloseWrite() error }
	lingerIface     interface{ SetLinger(int) error }
	noDelayIface    interface{ SetNoDelay(bool) error }
	keepAliveIface  interface{ SetKeepAlive(bool) error }
	rbufIface       interface{ SetReadBuffer(int) error }
	wbufIface       interface{ SetWriteBuffer(int) error }
	localIface      interface{ LocalAddr() net.Addr }
	addrIface       interface{ Addr() net.Addr }
	remoteIface     interface{ RemoteAddr() net.Addr }
)

func (st *convState) rwVerb(a *convAction, o interface{}) (string, bool) {
	switch a.verb {
	case "read":
		r, ok := o.(readIface)
		if !ok {
			return "", false
		}
		b := make([]byte, a.n)
		var n int
		err := st.watch(a.obj, o, 'r',
			func() (err error) { n, err = r.Read(b); return })
		return st.ioResult(n, b, nil, err), true
	case "readfrom":
		r, ok := o.(readFromIface)
		if !ok {
			return "", false
		}
		b := make([]byte, a.n)
		var (
			n    int
			from net.Addr
		)
		err := st.watch(a.obj, o, 'r',
			func() (err error) { n, from, err = r.ReadFrom(b); return })
		return st.ioResult(n, b, &from, err), true
	case "write", "writen":
		w, ok := o.(writeIface)
		if !ok {
			return "", false
		}
		b := []byte(a.arg)
		if a.verb == "writen" {
			b = convPattern(a.n)
		}
		var n int
		err := st.watch(a.obj, o, 'w',
			func() (err error) { n, err = w.Write(b); return })
		return st.ioResult(n, nil, nil, err), true
	case "writeto":
		w, ok := o.(writeToIface)
		if !ok {
			return "", false
		}
		to := st.peerAddr(a.obj)
		var n int
		err := st.watch(a.obj, o, 'w',
			func() (err error) { n, err = w.WriteTo([]byte(a.arg), to); return })
		return st.ioResult(n, nil, nil, err), true
	}
	return "", false
}

func (st *convState) setVerb(a *convAction, o interface{}) (string, bool) {
	var err error
	switch a.verb {
	case "deadline":
		x, ok := o.(deadlineIface)
		if !ok {
			return "", false
		}
		t := deadlineOf(a)
		st.setDeadline(a.obj, "rw", t)
		err = x.SetDeadline(t)
	case "rdeadline":
		x, ok := o.(rdeadlineIface)
		if !ok {
			return "", false
		}
		t := deadlineOf(a)
		st.setDeadline(a.obj, "r", t)
		err = x.SetReadDeadline(t)
	case "wdeadline":
		x, ok := o.(wdeadlineIface)
		if !ok {
			return "", false
		}
		t := deadlineOf(a)
		st.setDeadline(a.obj, "w", t)
		err = x.SetWriteDeadline(t)
	case "close":
		x, ok := o.(closeIface)
		if !ok {
			return "", false
		}
		err = x.Close()
	case "closeread":
		x, ok := o.(closeReadIface)
		if !ok {
			return "", false
		}
		err = x.CloseRead()
	case "closewrite":
		x, ok := o.(closeWriteIface)
		if !ok {
			return "", false
		}
		err = x.CloseWrite()
	default:
		return st.optVerb(a, o)
	}
	return st.result(err), true
}

func (st *convState) optVerb(a *convAction, o interface{}) (string, bool) {
	var err error
	switch a.verb {
	case "linger":
		x, ok := o.(lingerIface)
		if !ok {
			return "", false
		}
		err = x.SetLinger(a.n)
	case "nodelay":
		x, ok := o.(noDelayIface)
		if !ok {
			return "", false
		}
		err = x.SetNoDelay(a.n == 1)
	case "keepalive":
		x, ok := o.(keepAliveIface)
		if !ok {
			return "", false
		}
		err = x.SetKeepAlive(a.n == 1)
	case "readbuffer":
		x, ok := o.(rbufIface)
		if !ok {
			return "", false
		}
		err = x.SetReadBuffer(a.n)
	case "writebuffer":
		x, ok := o.(wbufIface)
		if !ok {
			return "", false
		}
		err = x.SetWriteBuffer(a.n)
	default:
		return "", false
	}
	return st.result(err), true
}

func (st *convState) addrVerb(a *convAction, o interface{}) (string, bool) {
	var addr net.Addr
	switch x := o.(type) {
	case localIface:
		if a.verb != "local" {
			r, ok := o.(remoteIface)
			if !ok {
				return "", false
			}
			addr = r.RemoteAddr()
			break
		}
		addr = x.LocalAddr()
	case addrIface:
		if a.verb != "local" {
			return "", false
		}
		addr = x.Addr()
	default:
		return "", false
	}
	st.see(addr)
	asked := "x"
	if a.obj == 'l' || a.obj == 's' && st.packet {
		if a.verb == "local" {
			asked = st.lAsked
		}
	}
	return addrString(addr, asked), true
}

func (st *convState) verb(a *convAction) string {
	o := st.object(a.obj)
	if o == nil {
		return "none"
	}
	var (
		r  string
		ok bool
	)
	switch a.verb {
	case "read", "readfrom", "write", "writen", "writeto":
		r, ok = st.rwVerb(a, o)
	case "local", "remote":
		r, ok = st.addrVerb(a, o)
	default:
		r, ok = st.setVerb(a, o)
	}
	if !ok {
		return "unsupported"
	}
	return r
}

// cleanup closes whatever the script made and empties the private
// directory of the socket files it left.
func (st *convState) cleanup() {
	for _, o := range []interface{}{st.c, st.s, st.l} {
		if x, ok := o.(closeIface); ok && x != nil {
			x.Close()
		}
	}
	if tmpdir == "" {
		return
	}
	ents, _ := os.ReadDir(tmpdir)
	for _, e := range ents {
		os.RemoveAll(tmpdir + "/" + e.Name())
	}
}

func opConv(w *bufio.Writer, a []string) string {
	acts, bad := convParse(a[0], a[1])
	if bad != "" {
		return bad
	}
	st := &convState{network: a[0], packet: isPacket(a[0]),
		deadlines: map[byte]*[2]time.Time{}}
	defer st.cleanup()
	for i := range acts {
		act := &acts[i]
		var r string
		switch act.name {
		case "listen":
			r = st.listen(act)
		case "dial":
			r = st.dial(act)
		case "accept":
			r = st.accept()
		case "sleep":
			time.Sleep(act.d)
			r = "ok"
		default:
			r = st.verb(act)
		}
		if i > 0 {
			w.WriteString("; ")
		}
		w.WriteString(act.name + ": " + r)
	}
	return ""
}

// The net/netip ops.

// marshaler is what Addr, AddrPort and Prefix share, for writeBin.
type marshaler interface {
	MarshalText() ([]byte, error)
	MarshalBinary() ([]byte, error)
	String() string
}

// writeBin writes BIN: both encodings and what decoding each gives back.
func writeBin(w *bufio.Writer, x marshaler, untext func([]byte) (marshaler, error), unbin func([]byte) (marshaler, error)) {
	text, err := x.MarshalText()
	if err != nil {
		w.WriteString(" text-")
		writeErr(w, err)
	} else {
		fmt.Fprintf(w, " text=%s", q(string(text)))
		if y, err := untext(text); err != nil {
			w.WriteString(" untext-")
			writeErr(w, err)
		} else {
			fmt.Fprintf(w, " untext=%s", q(y.String()))
		}
	}
	b, err := x.MarshalBinary()
	if err != nil {
		w.WriteString(" bin-")
		writeErr(w, err)
		return
	}
	fmt.Fprintf(w, " bin=%x", b)
	if y, err := unbin(b); err != nil {
		w.WriteString(" unbin-")
		writeErr(w, err)
	} else {
		fmt.Fprintf(w, " unbin=%s", q(y.String()))
	}
}

func addrUntext(b []byte) (marshaler, error) {
	var ip netip.Addr
	err := ip.UnmarshalText(b)
	return ip, err
}

func addrUnbin(b []byte) (marshaler, error) {
	var ip netip.Addr
	err := ip.UnmarshalBinary(b)
	return ip, err
}

func addrPortUntext(b []byte) (marshaler, error) {
	var p netip.AddrPort
	err := p.UnmarshalText(b)
	return p, err
}

func addrPortUnbin(b []byte) (marshaler, error) {
	var p netip.AddrPort
	err := p.UnmarshalBinary(b)
	return p, err
}

func prefixUntext(b []byte) (marshaler, error) {
	var p netip.Prefix
	err := p.UnmarshalText(b)
	return p, err
}

func prefixUnbin(b []byte) (marshaler, error) {
	var p netip.Prefix
	err := p.UnmarshalBinary(b)
	return p, err
}

var prefixBits = []int{-1, 0, 1, 7, 8, 24, 31, 32, 33, 63, 64, 96, 127, 128, 129}

func writeNetipAddr(w *bufio.Writer, ip netip.Addr) {
	fmt.Fprintf(w, "addr=%s valid=%t bitlen=%d zone=%s", q(ip.String()),
		ip.IsValid(), ip.BitLen(), q(ip.Zone()))
	fmt.Fprintf(w, " is4=%t is6=%t is4in6=%t unmap=%s", ip.Is4(), ip.Is6(),
		ip.Is4In6(), q(ip.Unmap().String()))
	fmt.Fprintf(w, " loopback=%t multicast=%t ifacelocalmc=%t linklocalmc=%t",
		ip.IsLoopback(), ip.IsMulticast(), ip.IsInterfaceLocalMulticast(),
		ip.IsLinkLocalMulticast())
	fmt.Fprintf(w, " linklocaluc=%t globaluc=%t private=%t unspecified=%t",
		ip.IsLinkLocalUnicast(), ip.IsGlobalUnicast(), ip.IsPrivate(),
		ip.IsUnspecified())
	fmt.Fprintf(w, " expanded=%s next=%s prev=%s withzone=%s",
		q(ip.StringExpanded()), q(ip.Next().String()),
		q(ip.Prev().String()), q(ip.WithZone("z").String()))
	a16 := ip.As16()
	fmt.Fprintf(w, " as16=%x slice=%x", a16[:], ip.AsSlice())
	writeBin(w, ip, addrUntext, addrUnbin)
	for _, n := range prefixBits {
		p, err := ip.Prefix(n)
		if err != nil {
			fmt.Fprintf(w, " p%d-", n)
			writeErr(w, err)
		} else {
			fmt.Fprintf(w, " p%d=%s", n, q(p.String()))
		}
	}
}

func writeAddrPort(w *bufio.Writer, p netip.AddrPort) {
	fmt.Fprintf(w, "ap=%s addr=%s port=%d valid=%t", q(p.String()),
		q(p.Addr().String()), p.Port(), p.IsValid())
	writeBin(w, p, addrPortUntext, addrPortUnbin)
}

func writePrefix(w *bufio.Writer, p netip.Prefix) {
	fmt.Fprintf(w, "prefix=%s addr=%s bits=%d valid=%t single=%t",
		q(p.String()), q(p.Addr().String()), p.Bits(), p.IsValid(),
		p.IsSingleIP())
	fmt.Fprintf(w, " masked=%s containsaddr=%t containsnext=%t",
		q(p.Masked().String()), p.Contains(p.Addr()),
		p.Contains(p.Addr().Next()))
	fmt.Fprintf(w, " containsprev=%t overlapsmasked=%t",
		p.Contains(p.Addr().Prev()), p.Overlaps(p.Masked()))
	writeBin(w, p, prefixUntext, prefixUnbin)
}

// hexArg decodes a hex argument of at most max bytes, or says why the
// case is bad: an odd length or a bad digit anywhere first, then too
// many bytes.
func hexArg(s string, max int) ([]byte, string) {
	if len(s)%2 != 0 {
		return nil, "bad hex"
	}
	b := make([]byte, 0, len(s)/2)
	for i := 0; i < len(s); i += 2 {
		hi, ok1 := unhex(s[i])
		lo, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			return nil, "bad hex"
		}
		b = append(b, hi<<4|lo)
	}
	if len(b) > max {
		return nil, fmt.Sprintf("more than %d bytes", max)
	}
	return b, ""
}

func opParseAddr(w *bufio.Writer, a []string) string {
	ip, err := netip.ParseAddr(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	writeNetipAddr(w, ip)
	return ""
}

func opAddrFromSlice(w *bufio.Writer, a []string) string {
	b, bad := hexArg(a[0], 64)
	if bad != "" {
		return bad
	}
	ip, ok := netip.AddrFromSlice(b)
	fmt.Fprintf(w, "ok=%t ", ok)
	writeNetipAddr(w, ip)
	return ""
}

// zoneHasNUL says whether the zone bytes of a binary form hold a NUL;
// tail is the number of bytes after the zone.
func zoneHasNUL(b []byte, tail int) bool {
	return len(b) > 16+tail && bytes.IndexByte(b[16:len(b)-tail], 0) >= 0
}

func opAddrUnmarshalBinary(w *bufio.Writer, a []string) string {
	b, bad := hexArg(a[0], 64)
	if bad != "" {
		return bad
	}
	if zoneHasNUL(b, 0) {
		return "NUL byte in zone"
	}
	var ip netip.Addr
	if err := ip.UnmarshalBinary(b); err != nil {
		writeErr(w, err)
		return ""
	}
	writeNetipAddr(w, ip)
	return ""
}

func opAddrCompare(w *bufio.Writer, a []string) string {
	x, _ := netip.ParseAddr(a[0])
	y, _ := netip.ParseAddr(a[1])
	fmt.Fprintf(w, "cmp=%d less=%t", x.Compare(y), x.Less(y))
	return ""
}

func opParseAddrPort(w *bufio.Writer, a []string) string {
	p, err := netip.ParseAddrPort(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	writeAddrPort(w, p)
	return ""
}

func opAddrPortUnmarshalBinary(w *bufio.Writer, a []string) string {
	b, bad := hexArg(a[0], 64)
	if bad != "" {
		return bad
	}
	if zoneHasNUL(b, 2) {
		return "NUL byte in zone"
	}
	var p netip.AddrPort
	if err := p.UnmarshalBinary(b); err != nil {
		writeErr(w, err)
		return ""
	}
	writeAddrPort(w, p)
	return ""
}

func opParsePrefix(w *bufio.Writer, a []string) string {
	p, err := netip.ParsePrefix(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	writePrefix(w, p)
	return ""
}

func opPrefixFrom(w *bufio.Writer, a []string) string {
	bits, err := strconv.ParseInt(a[1], 10, 32)
	if err != nil {
		return "bad integer"
	}
	ip, _ := netip.ParseAddr(a[0])
	writePrefix(w, netip.PrefixFrom(ip, int(bits)))
	return ""
}

func opPrefixUnmarshalBinary(w *bufio.Writer, a []string) string {
	b, bad := hexArg(a[0], 64)
	if bad != "" {
		return bad
	}
	if zoneHasNUL(b, 1) {
		return "NUL byte in zone"
	}
	var p netip.Prefix
	if err := p.UnmarshalBinary(b); err != nil {
		writeErr(w, err)
		return ""
	}
	writePrefix(w, p)
	return ""
}

func opPrefixContains(w *bufio.Writer, a []string) string {
	p, err := netip.ParsePrefix(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	ip, err := netip.ParseAddr(a[1])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "contains=%t", p.Contains(ip))
	return ""
}

func opPrefixOverlaps(w *bufio.Writer, a []string) string {
	p, err := netip.ParsePrefix(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	o, err := netip.ParsePrefix(a[1])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "overlaps=%t", p.Overlaps(o))
	return ""
}

// The interface ops.

func writeAddrList(w *bufio.Writer, addrs []net.Addr) {
	w.WriteString("[")
	for i, a := range addrs {
		if i > 0 {
			w.WriteString(" ")
		}
		fmt.Fprintf(w, "%T:%s", a, q(a.String()))
	}
	w.WriteString("]")
}

func writeInterface(w *bufio.Writer, ifi *net.Interface) {
	fmt.Fprintf(w, "index=%d name=%s mtu=%d hw=%s flags=%s", ifi.Index,
		q(ifi.Name), ifi.MTU, q(ifi.HardwareAddr.String()),
		q(ifi.Flags.String()))
	if addrs, err := ifi.Addrs(); err != nil {
		w.WriteString(" addrs-")
		writeErr(w, err)
	} else {
		w.WriteString(" addrs=")
		writeAddrList(w, addrs)
	}
	if addrs, err := ifi.MulticastAddrs(); err != nil {
		w.WriteString(" mcast-")
		writeErr(w, err)
	} else {
		w.WriteString(" mcast=")
		writeAddrList(w, addrs)
	}
}

func sameInterface(a, b *net.Interface) bool {
	return a.Index == b.Index && a.MTU == b.MTU && a.Name == b.Name &&
		bytes.Equal(a.HardwareAddr, b.HardwareAddr) && a.Flags == b.Flags
}

func opInterfaces(w *bufio.Writer, a []string) string {
	ift, err := net.Interfaces()
	if err != nil {
		writeErr(w, err)
		return ""
	}
	fmt.Fprintf(w, "n=%d", len(ift))
	for i := range ift {
		w.WriteString("; ")
		writeInterface(w, &ift[i])
		byName, err := net.InterfaceByName(ift[i].Name)
		fmt.Fprintf(w, " byname=%t", err == nil && sameInterface(byName, &ift[i]))
		byIndex, err := net.InterfaceByIndex(ift[i].Index)
		fmt.Fprintf(w, " byindex=%t", err == nil && sameInterface(byIndex, &ift[i]))
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		w.WriteString("; all-")
		writeErr(w, err)
		return ""
	}
	w.WriteString("; all=")
	writeAddrList(w, addrs)
	return ""
}

func opInterfaceByName(w *bufio.Writer, a []string) string {
	ifi, err := net.InterfaceByName(a[0])
	if err != nil {
		writeErr(w, err)
		return ""
	}
	writeInterface(w, ifi)
	return ""
}

func opInterfaceByIndex(w *bufio.Writer, a []string) string {
	n, err := strconv.ParseInt(a[0], 10, 32)
	if err != nil {
		return "bad integer"
	}
	ifi, err := net.InterfaceByIndex(int(n))
	if err != nil {
		writeErr(w, err)
		return ""
	}
	writeInterface(w, ifi)
	return ""
}

// The DNSMessage op.

// dnsSkipAll walks b as a resolver does that wants one section only.
func dnsSkipAll(b []byte) error {
	var p dnsmessage.Parser
	if _, err := p.Start(b); err != nil {
		return err
	}
	if err := p.SkipAllQuestions(); err != nil {
		return err
	}
	if err := p.SkipAllAnswers(); err != nil {
		return err
	}
	if err := p.SkipAllAuthorities(); err != nil {
		return err
	}
	return p.SkipAllAdditionals()
}

func opDNSMessage(w *bufio.Writer, a []string) string {
	// A message may be as long as TCP's two-byte length prefix allows.
	b, bad := hexArg(a[0], 65535)
	if bad != "" {
		return bad
	}
	var m dnsmessage.Message
	if err := m.Unpack(b); err != nil {
		w.WriteString("unpack-")
		writeErr(w, err)
	} else {
		w.WriteString("unpack=" + q(m.GoString()))
		if out, err := m.Pack(); err != nil {
			w.WriteString(" pack-")
			writeErr(w, err)
		} else {
			fmt.Fprintf(w, " pack=%x", out)
		}
	}
	if err := dnsSkipAll(b); err != nil {
		w.WriteString(" skip-")
		writeErr(w, err)
	} else {
		w.WriteString(" skip=ok")
	}
	return ""
}
