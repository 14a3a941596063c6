// gencases prints random cases for gonet's differential harness (the
// protocol is described at the top of netprobe.go):
//
//	sh tools/gobuild.sh go build/diff/gencases tests/diff/gencases.go
//	build/diff/gencases -n 20000 -conv 2000 -netip 3000 -dns 3000 -seed 1
//
// (tools/gobuild.sh, since the DNSMessage cases import Go's vendored
// dnsmessage from the GOPATH it prepares.)  The output depends only on
// the flags (math/rand with a fixed seed; no map iteration, no clock, no
// files), so every machine feeds the two probes the same cases.
//
// Safety: the probes must never ask a nameserver anything.  Go resolves
// whatever host is not an IP literal, so every Resolve case goes through
// safeAddress, which accepts an address only when the host Go would look up
// is empty, "localhost" (in /etc/hosts) or a literal that Go's parseIPZone
// accepts.  Hosts that fail SplitHostPort are safe too: Go stops there.
//
// With -fuzz TARGET FILE..., it prints instead the cases that inputs of
// the fuzz target tests/fuzz/TARGET.c correspond to (tools/fuzz2diff.sh),
// under the same safety rule.
//
// Every hundredth case is a socket case (randSockCase), drawn from a
// second generator so that the other cases stay the ones earlier versions
// drew.  Socket cases only bind: loopback, wildcard, multicast or
// unassigned hosts, port 0 or a port that fails to parse, and Unix names
// inside the probes' private directories (TMP); no case dials anything
// but a listener the probe has just opened.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand"
	"net"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/dns/dnsmessage"
)

var rng, srng *rand.Rand

func pick(s ...string) string { return s[rng.Intn(len(s))] }

func chance(n int) bool { return rng.Intn(n) == 0 }

// Building blocks.

var wellKnownIPs = []string{
	"0.0.0.0", "127.0.0.1", "127.1.2.3", "255.255.255.255", "224.0.0.1",
	"224.0.0.251", "239.255.255.250", "169.254.1.1", "10.0.0.1",
	"172.16.0.1", "172.31.255.255", "172.32.0.1", "192.168.1.1",
	"192.0.2.1", "8.8.8.8", "100.64.0.1", "::", "::1", "fe80::1",
	"fe80::1:2:3:4", "ff01::1", "ff02::1", "ff02::2", "ff05::2",
	"ff0e::1", "fc00::1", "fd00::1", "fdff::1", "fec0::1", "2001:db8::1",
	"2001:4860:0:2001::68", "::ffff:127.0.0.1", "::ffff:10.1.1.1",
	"::ffff:0.0.0.0", "::ffff:224.0.0.1", "::ffff:169.254.0.1",
	"::ffff:192.168.0.1", "::127.0.0.1", "64:ff9b::1.2.3.4",
	"0:0:0:0:0:ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4",
	"::ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
}

var zones = []string{
	"eth0", "1", "0", "lo", "en0", "wlan0", "%", "", "eth0%1",
	"a-very-long-zone-name-that-keeps-going-and-going-0123456789",
	"é", "x y", "]", ":", "[",
}

var oddChars = []string{
	" ", "\t", "\r", ".", ":", "::", "%", "[", "]", "/", "-", "+", "_",
	"x", "g", "G", "0x", "é", "\xff", "\xc0\x80", "\u2028", "\U0001F600",
	"\x00", "\\", "\"", "'", "`", "#", "@", ",", ";", "1", "0", "00",
}

func randOctet() string {
	switch rng.Intn(12) {
	case 0:
		return pick("256", "300", "999", "1000", "4294967296",
			"99999999999999999999", "-1", "+1")
	case 1:
		return pick("00", "01", "001", "010", "0000", "0255", "00000001")
	case 2:
		return ""
	case 3:
		return pick("0x1", "0xff", "a", "1a", " 1", "1 ")
	case 4:
		return pick("0", "255", "254", "1", "127", "128")
	}
	return strconv.Itoa(rng.Intn(256))
}

func randIPv4() string {
	n := 4
	if chance(6) {
		n = rng.Intn(7)
	}
	parts := make([]string, n)
	for i := range parts {
		if chance(3) {
			parts[i] = randOctet()
		} else {
			parts[i] = strconv.Itoa(rng.Intn(256))
		}
	}
	s := strings.Join(parts, ".")
	if chance(20) {
		s += "."
	}
	return s
}

func randGroup() string {
	switch rng.Intn(14) {
	case 0:
		return ""
	case 1:
		return pick("00000", "12345", "fffff", "10000")
	case 2:
		return pick("g", "x", "-1", "+1", "0x1", " 1")
	case 3:
		return pick("0", "0000", "00", "FFFF", "ffff", "abcd", "ABCD")
	}
	return strconv.FormatInt(int64(rng.Intn(1<<(4*(1+rng.Intn(4))))), 16)
}

func randIPv6() string {
	n := 8
	switch rng.Intn(5) {
	case 0:
		n = rng.Intn(11)
	case 1:
		n = 6 // room for an embedded IPv4 address
	}
	parts := make([]string, n)
	for i := range parts {
		parts[i] = randGroup()
	}
	if rng.Intn(2) == 0 && n > 0 {
		// Drop a run of groups in favour of "::".
		i := rng.Intn(n + 1)
		j := i + rng.Intn(n-i+1)
		parts = append(parts[:i], append([]string{""}, parts[j:]...)...)
		if i == 0 {
			parts = append([]string{""}, parts...)
		}
		if j == n {
			parts = append(parts, "")
		}
	}
	if chance(4) {
		parts = append(parts, randIPv4())
	}
	s := strings.Join(parts, ":")
	if chance(8) {
		s = pick("::ffff:", "::", "::ffff:0:", "64:ff9b::", "1::") +
			randIPv4()
	}
	if chance(10) {
		s = strings.ToUpper(s)
	}
	return s
}

func withZone(s string) string {
	if chance(4) {
		return s + "%" + pick(zones...)
	}
	return s
}

func mutate(s string) string {
	if s == "" || !chance(4) {
		return s
	}
	i := rng.Intn(len(s) + 1)
	switch rng.Intn(4) {
	case 0:
		return s[:i] + pick(oddChars...) + s[i:]
	case 1:
		if i < len(s) {
			return s[:i] + s[i+1:]
		}
	case 2:
		return s + s[i:]
	}
	return s[:i] + pick(oddChars...) + s[min(i+1, len(s)):]
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// validIPv4 and validIPv6 give literals that Go accepts, so that about
// half of the IP inputs get past the parsers.
func validIPv4() string {
	return fmt.Sprintf("%d.%d.%d.%d", rng.Intn(256), rng.Intn(256),
		rng.Intn(256), rng.Intn(256))
}

func validIPv6() string {
	var g [8]uint16
	for i := range g {
		switch rng.Intn(4) {
		case 0:
			g[i] = 0
		case 1:
			g[i] = uint16(rng.Intn(256))
		default:
			g[i] = uint16(rng.Intn(1 << 16))
		}
	}
	if chance(4) {
		g = [8]uint16{}
		g[rng.Intn(8)] = uint16(rng.Intn(1 << 16))
	}
	ip := make(net.IP, 16)
	for i, v := range g {
		ip[2*i], ip[2*i+1] = byte(v>>8), byte(v)
	}
	switch rng.Intn(6) {
	case 0:
		// Written in full, leading zeros and all.
		var parts []string
		for _, v := range g {
			parts = append(parts, fmt.Sprintf("%04x", v))
		}
		return strings.Join(parts, ":")
	case 1:
		return pick("::ffff:", "::", "64:ff9b::", "2001:db8::") +
			validIPv4()
	case 2:
		return strings.ToUpper(ip.String())
	}
	return ip.String()
}

func randIP() string {
	switch rng.Intn(12) {
	case 0, 1:
		return mutate(pick(wellKnownIPs...))
	case 2, 3:
		return validIPv4()
	case 4, 5:
		return validIPv6()
	case 6, 7:
		return mutate(randIPv4())
	case 8, 9:
		return mutate(randIPv6())
	case 10:
		return mutate(validIPv4())
	}
	return randJunk(12)
}

// randJunk is a short string over characters the parsers care about, plus
// Unicode, invalid UTF-8 and the odd NUL (a bad case on both sides).
func randJunk(max int) string {
	var b strings.Builder
	n := rng.Intn(max + 1)
	for i := 0; i < n; i++ {
		switch rng.Intn(6) {
		case 0:
			b.WriteString(pick(oddChars...))
		case 1:
			b.WriteByte(byte(rng.Intn(256)))
		default:
			const alpha = "0123456789abcdefABCDEF.:%[]-"
			b.WriteByte(alpha[rng.Intn(len(alpha))])
		}
	}
	return b.String()
}

func randPrefix() string {
	switch rng.Intn(8) {
	case 0:
		return pick("", "-1", "+8", "08", "00", "0x8", "33", "129", "1000",
			"4294967296", "99999999999999999999", " 8", "8 ", "a")
	case 1:
		return strconv.Itoa(rng.Intn(200))
	}
	return strconv.Itoa(rng.Intn(129))
}

func randCIDR() string {
	ip := randIP()
	if chance(10) {
		return ip
	}
	s := ip + "/" + randPrefix()
	if chance(20) {
		s += "/" + randPrefix()
	}
	return s
}

func randInt() string {
	switch rng.Intn(10) {
	case 0:
		return pick("-1", "-129", "2147483647", "2147483648", "-2147483648",
			"-2147483649", "4294967328", "9223372036854775807",
			"9223372036854775808", "+32", "032", "0x20", "", " 8", "x")
	case 1:
		return strconv.Itoa(rng.Intn(300) - 20)
	}
	return strconv.Itoa(rng.Intn(130))
}

func randBits() string {
	switch rng.Intn(6) {
	case 0:
		return randInt()
	case 1, 2:
		return "32"
	}
	return "128"
}

func randMAC() string {
	n := pick("6", "8", "20", "6", "8", "20", "x")
	var count int
	if n == "x" {
		count = rng.Intn(24)
	} else {
		count, _ = strconv.Atoi(n)
	}
	var b strings.Builder
	hex := "0123456789abcdefABCDEF"
	if rng.Intn(3) == 0 {
		// Dotted groups of four digits: 0000.0000.0000.
		groups := count / 2
		if chance(4) {
			groups = rng.Intn(12)
		}
		for i := 0; i < groups; i++ {
			if i > 0 {
				b.WriteByte('.')
			}
			w := 4
			if chance(12) {
				w = rng.Intn(6)
			}
			for j := 0; j < w; j++ {
				b.WriteByte(hex[rng.Intn(len(hex))])
			}
		}
	} else {
		sep := pick(":", "-", ":", "-", ".", "", " ", "_")
		for i := 0; i < count; i++ {
			if i > 0 {
				if chance(30) {
					b.WriteString(pick(":", "-", "."))
				} else {
					b.WriteString(sep)
				}
			}
			w := 2
			if chance(15) {
				w = rng.Intn(4)
			}
			for j := 0; j < w; j++ {
				b.WriteByte(hex[rng.Intn(len(hex))])
			}
		}
	}
	return mutate(b.String())
}

var services = []string{
	// Go's built-in table.
	"ftp", "ftps", "gopher", "http", "https", "imap2", "imap3", "imaps",
	"pop3", "pop3s", "smtp", "ssh", "telnet", "domain",
	// Common /etc/services names.
	"echo", "discard", "daytime", "ftp-data", "chargen", "time", "whois",
	"tacacs", "finger", "www", "kerberos", "sunrpc", "auth", "nntp", "ntp",
	"netbios-ns", "snmp", "snmp-trap", "bgp", "irc", "ldap",
	"microsoft-ds", "syslog", "printer", "submission", "ldaps", "rsync",
	"openvpn", "mysql", "postgresql", "x11", "bootps", "tftp", "isakmp",
	"nfs", "sip", "tproxy", "xmpp-client", "ircs-u", "kerberos4",
	// Case variants and names that exist nowhere.
	"HTTP", "Http", "hTtPs", "DOMAIN", "SSH", "nope", "gopher2", "httpx",
	"http ", " http", "ht tp", "h", "-", "+", "--80", "+-80",
	"a-really-long-service-name-longer-than-32-chars",
	"domaindomaindomaindomaindomaindom", "https\xff", "é",
}

func randPort() string {
	switch rng.Intn(10) {
	case 0, 1, 2:
		return pick(services...)
	case 3:
		return pick("", "0", "65535", "65536", "-1", "+80", "080", "0x50",
			"1073741823", "1073741824", "-1073741824", "-1073741825",
			"4294967295", "4294967296", "99999999999999999999", "8O",
			"80 ", " 80", "١٢")
	case 4:
		return randJunk(6)
	}
	return strconv.Itoa(rng.Intn(70000))
}

func randHost() string {
	switch rng.Intn(12) {
	case 0:
		return ""
	case 1:
		return "localhost"
	case 2:
		return pick("[::1]", "[", "]", "[]", "::1]", "[::1", "foo",
			"[1.2.3.4]", "[fe80::1%eth0]", "a:b", "[a]:b")
	case 3, 4:
		return withZone(randIPv6())
	}
	return randIP()
}

func randHostPort() string {
	host, port := randHost(), randPort()
	switch rng.Intn(8) {
	case 0:
		return host + ":" + port
	case 1:
		return host
	case 2:
		return "[" + host + "]"
	case 3:
		return mutate("[" + host + "]:" + port)
	}
	if strings.IndexByte(host, ':') >= 0 || chance(5) {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

// literalIP reports whether Go's parseIPZone accepts s, so that Go's
// lookupIPAddr returns it without resolving anything.
func literalIP(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			return net.ParseIP(s) != nil
		case ':':
			if j := strings.LastIndexByte(s, '%'); j > 0 {
				s = s[:j]
			}
			return net.ParseIP(s) != nil
		}
	}
	return false
}

func safeHost(h string) bool {
	return h == "" || h == "localhost" || literalIP(h)
}

// safeAddress reports whether resolving address on a TCP or UDP network
// (hostport true) or an IP network could reach a nameserver.
func safeAddress(address string, hostport bool) bool {
	if !hostport {
		return safeHost(address)
	}
	host, _, err := net.SplitHostPort(address)
	return err != nil || safeHost(host)
}

func randNetwork(kind string) string {
	switch rng.Intn(10) {
	case 0:
		return pick("tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "ip",
			"ip4", "ip6", "unix", "unixgram", "unixpacket", "")
	case 1:
		return pick("ip:1", "ip4:icmp", "ip6:ipv6-icmp", "ip:tcp",
			"ip4:58", "ip:", "ip:junk", "ip4:-1", "tcp:80", "TCP", "tcp ",
			"udp7", "sctp", "ip:256", "ip6:icmp", ":", "ip4:ICMP",
			"ip:00001", "unix:1", "ip6:0x3a")
	}
	switch kind {
	case "tcp":
		return pick("tcp", "tcp4", "tcp6", "")
	case "udp":
		return pick("udp", "udp4", "udp6", "")
	case "ip":
		return pick("ip", "ip4", "ip6", "", "ip:1", "ip4:icmp", "ip6:58")
	}
	return pick("unix", "unixgram", "unixpacket")
}

// safeIPHost gives a host that needs no resolving, mostly well formed.
func safeIPHost() string {
	switch rng.Intn(10) {
	case 0:
		return ""
	case 1, 2:
		return "localhost"
	case 3, 4:
		return pick(wellKnownIPs...)
	case 5, 6:
		return validIPv4()
	}
	return withZone(validIPv6())
}

func randResolveInet(kind string) []string {
	for {
		var addr string
		switch {
		case rng.Intn(3) == 0:
			addr = randHostPort()
		case kind == "ip":
			addr = safeIPHost()
		default:
			host, port := safeIPHost(), randPort()
			if rng.Intn(2) == 0 {
				port = strconv.Itoa(rng.Intn(65536))
			}
			if strings.IndexByte(host, ':') >= 0 {
				host = "[" + host + "]"
			}
			addr = host + ":" + port
		}
		if safeAddress(addr, kind != "ip") {
			return []string{randNetwork(kind), addr}
		}
	}
}

func randUnixPath() string {
	switch rng.Intn(5) {
	case 0:
		return pick("", "@", "@abstract", "/tmp/sock", "sock", "./a/b",
			"/", strings.Repeat("x", 108), strings.Repeat("y", 200))
	case 1:
		return "@" + randJunk(10)
	}
	return "/tmp/" + randJunk(12)
}

// Quoting.  Mostly strconv.Quote, but a quarter of the arguments use
// every other escape Go accepts, and raw bytes, so that the C side's
// unquoting is exercised as much as the library.

func quote(s string) string {
	if rng.Intn(4) != 0 {
		return strconv.Quote(s)
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(pick(`\n`, `\x0a`, `\012`, `\u000a`))
		case r == utf8.RuneError && n == 1:
			// Raw, this becomes U+FFFD on unquoting; escaped, it stays.
			switch rng.Intn(3) {
			case 0:
				b.WriteByte(c)
			case 1:
				fmt.Fprintf(&b, `\x%02X`, c)
			default:
				fmt.Fprintf(&b, `\%03o`, c)
			}
		case c < utf8.RuneSelf:
			switch rng.Intn(8) {
			case 0:
				fmt.Fprintf(&b, `\x%02x`, c)
			case 1:
				fmt.Fprintf(&b, `\%03o`, c)
			case 2:
				fmt.Fprintf(&b, `\u%04x`, c)
			case 3:
				fmt.Fprintf(&b, `\U%08X`, c)
			default:
				if e := shortEscape(c); e != "" && rng.Intn(2) == 0 {
					b.WriteString(e)
				} else {
					b.WriteByte(c)
				}
			}
		default:
			switch rng.Intn(4) {
			case 0:
				if r < 0x10000 {
					fmt.Fprintf(&b, `\u%04x`, r)
				} else {
					fmt.Fprintf(&b, `\U%08x`, r)
				}
			case 1:
				for j := 0; j < n; j++ {
					fmt.Fprintf(&b, `\x%02x`, s[i+j])
				}
			default:
				b.WriteString(s[i : i+n])
			}
		}
		i += n
	}
	b.WriteByte('"')
	return b.String()
}

func shortEscape(c byte) string {
	switch c {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	}
	return ""
}

func line(op string, args ...string) string {
	var b strings.Builder
	b.WriteString(op)
	for _, a := range args {
		b.WriteByte(' ')
		b.WriteString(quote(a))
	}
	return b.String()
}

var badLiterals = []string{
	`"abc`, `abc"`, `'a'`, "`abc`", `"\q"`, `"\x4"`, `"\x4g"`, `"\u12"`,
	`"\ud800"`, `"\U00110000"`, `"\400"`, `"\78"`, `"\'"`, `"a\"`, `""""`,
	`"\`, `"`, `x`, `"\U0000"`, `"\uDFFF"`, `"\777"`, `"a"b"`,
}

var opNames = []string{
	"ParseIP", "IPFromBytes", "ParseCIDR", "CIDRMask", "IPMask",
	"IPNetContains", "SplitHostPort", "JoinHostPort", "ParseMAC",
	"ResolveTCPAddr", "ResolveUDPAddr", "ResolveIPAddr",
	"ResolveUnixAddr", "LookupPort", "Errno",
}

var arity = map[string]int{
	"ParseIP": 1, "IPFromBytes": 1, "ParseCIDR": 1, "CIDRMask": 2,
	"IPMask": 3, "IPNetContains": 2, "SplitHostPort": 1,
	"JoinHostPort": 2, "ParseMAC": 1, "ResolveTCPAddr": 2,
	"ResolveUDPAddr": 2, "ResolveIPAddr": 2, "ResolveUnixAddr": 2,
	"LookupPort": 2, "Errno": 1,
}

func malformed() string {
	op := pick(opNames...)
	switch rng.Intn(9) {
	case 0:
		return op + " " + pick(badLiterals...)
	case 1:
		return op + "  " + strconv.Quote(randIP())
	case 2:
		return op + " " + strconv.Quote(randIP()) + " "
	case 3:
		return op + " " + strconv.Quote("1.2.3.4") + pick(badLiterals...)
	case 4:
		// A wrong count only: a right one could be an unchecked
		// Resolve case.
		n := rng.Intn(5)
		if n == arity[op] {
			n++
		}
		args := make([]string, n)
		for i := range args {
			args[i] = randIP()
		}
		return line(op, args...)
	case 5:
		return line(pick("parseIP", "PARSEIP", "Dial", "ParseIPv4", "",
			"Parse IP", "ParseIP\t", "ParseIP\xff", "Listen",
			"LookupHost", "ResolveTCPAddr:"), randIP())
	case 6:
		return op
	case 7:
		return " " + line(op, randIP())
	}
	return op + "\t" + strconv.Quote(randIP())
}

func randCase() string {
	switch k := rng.Intn(100); {
	case k < 14:
		s := randIP()
		if chance(5) {
			s = withZone(s)
		}
		return line("ParseIP", s)
	case k < 18:
		n := rng.Intn(18)
		if chance(10) {
			n = 4
		} else if chance(10) {
			n = 16
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			if rng.Intn(3) == 0 {
				fmt.Fprintf(&b, "%02x", pick("\x00", "\xff", "\x7f",
					"\x0a", "\xfe", "\xe0")[0])
			} else {
				fmt.Fprintf(&b, "%02x", rng.Intn(256))
			}
		}
		s := b.String()
		if chance(15) {
			s = mutate(s + pick("", "0", "g0", "0 "))
		}
		if n == 16 && chance(3) {
			s = "00000000000000000000ffff" + s[24:]
		}
		return line("IPFromBytes", s)
	case k < 28:
		return line("ParseCIDR", randCIDR())
	case k < 32:
		return line("CIDRMask", randInt(), randBits())
	case k < 37:
		return line("IPMask", randIP(), randInt(), randBits())
	case k < 43:
		return line("IPNetContains", randCIDR(), randIP())
	case k < 51:
		return line("SplitHostPort", randHostPort())
	case k < 55:
		return line("JoinHostPort", pick(randHost(), randJunk(8)),
			pick(randPort(), randJunk(4)))
	case k < 63:
		return line("ParseMAC", randMAC())
	case k < 71:
		return line("ResolveTCPAddr", randResolveInet("tcp")...)
	case k < 77:
		return line("ResolveUDPAddr", randResolveInet("udp")...)
	case k < 83:
		return line("ResolveIPAddr", randResolveInet("ip")...)
	case k < 86:
		return line("ResolveUnixAddr", randNetwork("unix"), randUnixPath())
	case k < 93:
		return line("LookupPort", pick("tcp", "udp", "", "tcp4", "udp6",
			"tcp", "udp", "ip", "junk", "unix", "TCP"), randPort())
	case k < 97:
		var n string
		switch rng.Intn(6) {
		case 0:
			n = pick("4294967295", "4294967296", "2147483648",
				"9223372036854775807", "9223372036854775808",
				"18446744073709551615", "18446744073709551616", "-1",
				"+5", "", "0x10", "1e3", " 1")
		case 1:
			n = strconv.Itoa(200 + rng.Intn(1000))
		default:
			n = strconv.Itoa(rng.Intn(201))
		}
		return line("Errno", n)
	}
	return malformed()
}

func main() {
	n := flag.Int("n", 20000, "number of cases")
	seed := flag.Int64("seed", 1, "random seed")
	fuzz := flag.String("fuzz", "", "print the cases of this fuzz target's input files")
	conv := flag.Int("conv", 0, "number of Conv cases, after the others")
	nnetip := flag.Int("netip", 0, "number of net/netip cases, after the Conv cases")
	ndns := flag.Int("dns", 0, "number of DNSMessage cases, after the net/netip cases")
	flag.Parse()
	if *fuzz != "" {
		fuzzMain(*fuzz, flag.Args())
		return
	}
	rng = rand.New(rand.NewSource(*seed))
	srng = rand.New(rand.NewSource(*seed + 1))
	crng = rand.New(rand.NewSource(*seed + 2))
	drng = rand.New(rand.NewSource(*seed + 4))
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for i := 0; i < *n; i++ {
		var s string
		if i%100 == 99 {
			s = randSockCase()
		} else {
			s = randCase()
		}
		// A NUL inside the line is fine (both sides read lengths), but
		// a newline would split the case in two.
		if strings.IndexByte(s, '\n') >= 0 {
			panic("newline in case: " + s)
		}
		w.WriteString(s)
		w.WriteByte('\n')
	}
	for i := 0; i < *conv; i++ {
		w.WriteString(randConvCase())
		w.WriteByte('\n')
	}
	for i := 0; i < *nnetip; i++ {
		w.WriteString(randNetipCase())
		w.WriteByte('\n')
	}
	for i := 0; i < *ndns; i++ {
		w.WriteString(randDNSCase())
		w.WriteByte('\n')
	}
}

// Fuzz inputs.

func emit(op string, args ...string) {
	for i := range args {
		args[i] = strconv.Quote(args[i])
	}
	fmt.Println(op, strings.Join(args, " "))
}

// fuzzResolveCases mirrors tests/fuzz/resolve.c: the first line is the
// network, the rest the address, given to all four Resolve functions.
func fuzzResolveCases(in string) {
	network, address, ok := strings.Cut(in, "\n")
	if !ok {
		return
	}
	emit("ResolveUnixAddr", network, address)
	if safeAddress(address, true) {
		emit("ResolveTCPAddr", network, address)
		emit("ResolveUDPAddr", network, address)
	}
	if safeAddress(address, false) {
		emit("ResolveIPAddr", network, address)
	}
}

// fuzzCases prints the case lines of one input.  The hosts and services
// targets read files that no netprobe op takes, so they give none.
func fuzzCases(target, in string) {
	switch target {
	case "parseip":
		emit("ParseIP", in)
	case "parsecidr":
		emit("ParseCIDR", in)
	case "parsemac":
		emit("ParseMAC", in)
	case "hostport":
		emit("SplitHostPort", in)
		if host, port, ok := strings.Cut(in, "\n"); ok {
			emit("JoinHostPort", host, port)
		}
	case "resolve":
		fuzzResolveCases(in)
	case "netipparse":
		emit("ParseAddr", in)
		emit("ParseAddrPort", in)
		emit("ParsePrefix", in)
	case "dnsmessage":
		emit("DNSMessage", fmt.Sprintf("%x", in))
	}
}

// fuzzMain converts input files in order, skipping those with a NUL byte,
// which the fuzz targets skip too (the C API takes C strings), except
// dnsmessage's, whose bytes travel as hex.
func fuzzMain(target string, files []string) {
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if target == "dnsmessage" || strings.IndexByte(string(b), 0) < 0 {
			fuzzCases(target, string(b))
		}
	}
}

// Socket cases.

func spick(s ...string) string { return s[srng.Intn(len(s))] }

var sockNetworks = []string{
	"tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "unix", "unixgram",
	"unixpacket", "", "foo", "TCP", "tcp ", "udp7", "ip:junk", "tcp:80",
	"unix:1", "ip4:nope",
}

// sockHosts are hosts that need no resolving and that no packet is sent
// to: binding to an address that is not local fails, and multicast
// groups are bound, never joined.
var sockHosts = []string{
	"", "127.0.0.1", "[::1]", "0.0.0.0", "[::]", "localhost", "224.0.0.251",
	"239.1.2.3", "[ff02::114%lo]", "[ff02::1]", "[::1%lo]",
	"[::1%nonexistent]", "192.0.2.1", "[2001:db8::1]",
	"[::ffff:127.0.0.1]", "255.255.255.255", "[fe80::1%lo]", "127.1.2.3",
}

// sockPorts are 0 in its spellings and ports that fail to parse.
var sockPorts = []string{"0", "", "00", "-1", "65536", "99999", "junk", "0x0"}

func randSockAddress(network string) string {
	if strings.HasPrefix(network, "unix") {
		switch srng.Intn(6) {
		case 0:
			return spick("", "@", "TMP", "TMP/", "TMP/nodir/s")
		case 1:
			return "@TMP/a" + strconv.Itoa(srng.Intn(4))
		case 2:
			return "TMP/" + strings.Repeat("x", 95+srng.Intn(20))
		}
		return "TMP/s" + strconv.Itoa(srng.Intn(4))
	}
	host, port := spick(sockHosts...), spick(sockPorts...)
	switch srng.Intn(8) {
	case 0:
		return host
	case 1:
		return host + ":" + port + spick(":", "]", "x")
	}
	return host + ":" + port
}

func randSockCase() string {
	network := spick(sockNetworks...)
	var args []string
	switch k := srng.Intn(10); {
	case k < 1:
		return "DialSockopts " + strconv.Quote(network)
	case k < 5:
		args = []string{"Listen", network, randSockAddress(network)}
	default:
		args = []string{"ListenPacket", network, randSockAddress(network)}
	}
	if !strings.HasPrefix(network, "unix") &&
		!safeAddress(args[2], true) {
		panic("unsafe socket case: " + args[2])
	}
	return args[0] + " " + strconv.Quote(args[1]) + " " +
		strconv.Quote(args[2])
}

// Conv cases (-conv N): scripts of socket actions, drawn from a third
// generator so that the cases above stay the ones earlier versions drew.
// A script runs on live sockets, and a wait for something that never comes
// costs the probes 250ms each (their watchdog), so convGen keeps a rough
// model of what each object has waiting and avoids a blocking read or
// accept except in one script in 1000.  The model only has to be mostly
// right: when it is wrong the probes still agree, they are only slower.
// Timing is kept unambiguous: a +D deadline is an hour away, or in the
// past, or 2ms away just before a read or accept that the model says has
// nothing to wait for, so that the read ends when the deadline's timer
// fires, however late.  No script sleeps past a deadline and then expects
// it to have expired: gonet's timers run on their own thread, which a
// loaded machine can delay by more than any small sleep (see DESIGN.md).

var crng *rand.Rand

func cpick(s ...string) string { return s[crng.Intn(len(s))] }

func cchance(n int) bool { return crng.Intn(n) == 0 }

var convNets = []string{"tcp", "tcp4", "tcp6", "udp", "udp4", "udp6",
	"unix", "unixgram", "unixpacket"}

var convWords = []string{"x", "hi", "hello", "abc", "0", "-", "\"q\"",
	"a\\b", "\u00e9t\u00e9", "\u65e5\u672c", "\U0001F600", "tab\there",
	"\x7f", "longer-word-of-40-bytes-0123456789abcdef"}

// convGen is a script being drawn and the model of its sockets.  Maps are
// keyed by object, with s folded into l on packet networks.
type convGen struct {
	network            string
	packet, seq, isTCP bool
	acts               []string
	listened, dialed   bool
	accepted, mayBlock bool
	noPeer             bool // c was dialed to CLOSED: nothing behind it
	icmp               bool // c has a refusal waiting (UDP)
	lPast              bool // the listener's deadline has passed
	closed, wrShut     map[byte]bool
	rdPast, wdPast     map[byte]bool
	eof                map[byte]bool // reads return at once (stream)
	pend               map[byte]int  // bytes (stream) or messages waiting
}

func (g *convGen) add(a string) { g.acts = append(g.acts, a) }

// obj maps s to l on packet networks.
func (g *convGen) obj(x byte) byte {
	if x == 's' && g.packet {
		return 'l'
	}
	return x
}

// peer is the object at the other end of x.
func (g *convGen) peer(x byte) byte {
	switch {
	case x != 'c':
		return 'c'
	case g.packet:
		return 'l'
	}
	return 's'
}

func (g *convGen) exists(x byte) bool {
	switch g.obj(x) {
	case 'l':
		return g.listened
	case 'c':
		return g.dialed
	}
	return g.accepted
}

// readable reports whether a read on x returns without waiting.
func (g *convGen) readable(x byte) bool {
	x = g.obj(x)
	return !g.exists(x) || g.closed[x] || g.rdPast[x] || g.eof[x] ||
		g.pend[x] > 0 || x == 'c' && g.icmp
}

func (g *convGen) prefix() {
	switch k := crng.Intn(20); {
	case k == 0:
		g.add("dial CLOSED")
		g.dialed, g.noPeer = true, true
		return
	case k == 1:
		g.add("listen")
		g.listened = true
		return
	case k < 4 && !strings.HasPrefix(g.network, "unix"):
		g.add("listen " + cpick("127.0.0.1:0", "[::1]:0", ":0",
			"localhost:0", "0.0.0.0:0", "[::]:0"))
	case k < 4:
		g.add("listen " + cpick("TMP/a.sock", "@TMP/abstract",
			"TMP/nodir/x"))
	default:
		g.add("listen")
	}
	g.listened = true
	g.add("dial")
	g.dialed = true
	if !g.packet && !cchance(8) {
		g.add("accept")
		g.accepted = true
	}
}

// deadline sets one of x's deadlines; with wait, to one that has passed
// or passes while the next read or accept waits.
func (g *convGen) deadline(x byte, verb string, wait bool) {
	act := string(x) + "." + verb
	t := cpick("past", "past", "+-1s", "zero", "zero", "zero", "+1h",
		"+1h", "+1h", "+1h")
	if wait {
		t = cpick("past", "+-1s", "+2ms")
	}
	g.add(act + " " + t)
	past := t != "zero" && t != "+1h"
	x = g.obj(x)
	switch {
	case x == 'l' && !g.packet:
		g.lPast = verb == "deadline" && past || verb != "deadline" && g.lPast
	case verb == "rdeadline":
		g.rdPast[x] = past
	case verb == "wdeadline":
		g.wdPast[x] = past
	default:
		g.rdPast[x], g.wdPast[x] = past, past
	}
}

// write models a write from x (a conn) of n bytes, one message.
func (g *convGen) write(x byte, n int) {
	x = g.obj(x)
	if !g.exists(x) || g.closed[x] || g.wrShut[x] || g.wdPast[x] ||
		x == 'l' && !g.packet {
		return
	}
	p := g.peer(x)
	switch {
	case g.packet && x == 'l':
		// Write on an unconnected conn fails.
	case g.packet && g.icmp:
		g.icmp = false // the write reports the refusal
	case g.packet && (g.closed['l'] || g.noPeer):
		g.icmp = g.network != "unixgram"
	case g.packet:
		if g.pend['l'] < 8 {
			g.pend['l']++
		}
	case g.noPeer:
	case g.closed[p]:
		g.eof[x] = true // the peer answers with a reset
	case g.seq:
		g.pend[p]++
	default:
		g.pend[p] += n
	}
}

// writeTo models a writeto from x, which only the listening packet conn
// can do, and only over UDP (unixgram's dialer has no name).
func (g *convGen) writeTo(x byte) {
	x = g.obj(x)
	if g.packet && x == 'l' && g.listened && !g.closed['l'] &&
		!g.wrShut['l'] && !g.wdPast['l'] && g.dialed && !g.noPeer &&
		!g.closed['c'] && g.network != "unixgram" {
		g.pend['c']++
	}
}

// read models a read of n bytes into x.
func (g *convGen) read(x byte, n int, from bool) {
	x = g.obj(x)
	if !g.exists(x) || g.closed[x] || g.rdPast[x] || from && g.isTCP {
		return // TCPConn has no ReadFrom([]byte)
	}
	switch {
	case x == 'c' && g.icmp:
		g.icmp = false
	case n == 0 && !from:
		// Read of nothing returns at once.
	case g.seq || g.packet:
		if g.pend[x] > 0 {
			g.pend[x]--
		}
	default:
		g.pend[x] -= n
		if g.pend[x] < 0 {
			g.pend[x] = 0
		}
	}
}

func (g *convGen) close(x byte, how string) {
	x = g.obj(x)
	if !g.exists(x) || x == 'l' && !g.packet {
		g.closed[x] = g.closed[x] || how == "close"
		return
	}
	p := g.peer(x)
	switch {
	case how == "close":
		g.closed[x] = true
		if g.packet {
			g.pend[x] = 0
		} else {
			g.eof[p] = true
		}
	case how == "closeread" && !g.packet:
		g.eof[x] = true
	case how == "closewrite":
		g.wrShut[x] = true
		if !g.packet {
			g.eof[p] = true
		}
	}
}

func (g *convGen) step() {
	x := cpick("c", "c", "s", "l")[0]
	if g.packet && x == 's' && !cchance(4) {
		x = 'c'
	}
	act := string(x) + "."
	switch k := crng.Intn(40); {
	case k < 8:
		w := cpick(convWords...)
		g.add(act + "write " + w)
		g.write(x, len(w))
	case k < 11:
		n := []int{0, 1, 10, 64, 65, 100, 1000, 4096}[crng.Intn(8)]
		g.add(act + "writen " + strconv.Itoa(n))
		g.write(x, n)
	case k < 19:
		g.readStep(x)
	case k < 21:
		g.add(act + "writeto " + cpick(convWords...))
		g.writeTo(x)
	case k < 25:
		g.deadline(x, cpick("deadline", "rdeadline", "wdeadline"), false)
	case k < 28:
		how := cpick("close", "close", "closeread", "closewrite")
		if how == "close" && x != 'l' && g.isTCP && cchance(3) {
			g.add(act + "linger 0")
		}
		g.add(act + how)
		g.close(x, how)
	case k < 31:
		g.add(act + cpick("linger -1", "linger 0", "linger 1", "nodelay 1",
			"nodelay 0", "keepalive 1", "keepalive 0"))
	case k < 33:
		g.add(act + cpick("readbuffer", "writebuffer") + " " +
			cpick("65536", "1048576", "-1"))
	case k < 37:
		g.add(act + cpick("local", "remote"))
	case k < 38:
		g.add(cpick("sleep 0", "sleep 1ms", "sleep 100us"))
	default:
		g.acceptLater()
	}
}

// readStep reads on x, first making sure that the read will not wait
// (unless the script may block): it sets a deadline, which the read then
// needs to have passed.
func (g *convGen) readStep(x byte) {
	n := []int{0, 1, 2, 5, 10, 64, 100, 4096, 65536}[crng.Intn(9)]
	verb := "read"
	if cchance(3) {
		verb = "readfrom"
	}
	dl := ""
	if !g.readable(x) && !g.mayBlock && (n > 0 || verb == "readfrom") {
		dl = cpick("rdeadline", "deadline")
		g.deadline(x, dl, true)
	}
	g.add(string(x) + "." + verb + " " + strconv.Itoa(n))
	g.read(x, n, verb == "readfrom")
	if dl != "" && strings.HasSuffix(g.acts[len(g.acts)-2], " +2ms") {
		// Should the model be wrong and the read not wait, the
		// deadline would expire at a time nobody can tell: pin it.
		g.add(string(x) + "." + dl + " past")
	}
}

// acceptLater accepts in a script that did not yet, when it can.
func (g *convGen) acceptLater() {
	if g.accepted || !g.listened {
		return
	}
	wait := !g.packet && (!g.dialed || g.noPeer) && !g.closed['l'] &&
		!g.lPast && !g.mayBlock
	if wait {
		g.deadline('l', "deadline", true)
	}
	g.add("accept")
	if wait {
		g.add("l.deadline past") // as in readStep
	}
	g.accepted = !g.packet && g.dialed && !g.noPeer && !g.closed['l'] &&
		!g.lPast
}

// convMalformed breaks a script the way a careless hand would.
func convMalformed(acts []string) []string {
	bad := []string{"", " ", "c.foo", "x.read 1", "c.read", "c.read -1",
		"c.read 65537", "c.read 1 2", "sleep 2s", "sleep 1", "sleep",
		"c.deadline soon", "c.deadline +5", "c.deadline +25h",
		"c.nodelay 2", "c.linger 3", "listen 8.8.8.8:0", "dial 10.0.0.1:PORT",
		"listen", "dial", "accept extra", "l.writen 1e3", "c.write", "C.read 1",
		"c.readbuffer 2147483648", "c.\u00e9crire x"}
	i := crng.Intn(len(acts) + 1)
	out := append([]string{}, acts[:i]...)
	out = append(out, cpick(bad...))
	return append(out, acts[i:]...)
}

func randConvCase() string {
	network := cpick(convNets...)
	if cchance(100) {
		network = cpick("", "ip", "tcp ", "TCP", "unix:x", "udp7")
	}
	g := &convGen{network: network, packet: strings.HasPrefix(network, "udp") ||
		network == "unixgram", seq: network == "unixpacket",
		isTCP: strings.HasPrefix(network, "tcp"), closed: map[byte]bool{},
		wrShut: map[byte]bool{}, rdPast: map[byte]bool{},
		wdPast: map[byte]bool{}, eof: map[byte]bool{}, pend: map[byte]int{},
		mayBlock: cchance(1000)}
	g.prefix()
	for n := crng.Intn(13); n > 0; n-- {
		g.step()
	}
	acts := g.acts
	if cchance(25) {
		acts = convMalformed(acts)
	}
	sep := "; "
	if cchance(10) {
		sep = cpick(";", " ; ", ";  ")
	}
	return "Conv " + strconv.Quote(network) + " " +
		strconv.Quote(strings.Join(acts, sep))
}

// net/netip cases.  They draw from rng after every other case has been
// drawn, so adding them changed none of the cases before them.

// randNetipPrefix is a CIDR text, sometimes with a zone (which
// ParsePrefix refuses) or mangled.
func randNetipPrefix() string {
	s := randCIDR()
	if chance(8) {
		if i := strings.IndexByte(s, '/'); i >= 0 {
			s = withZone(s[:i]) + s[i:]
		}
	}
	return mutate(s)
}

func randAddrPort() string {
	port := pick("0", "80", "65535", "65536", "", "-1", "08", "http",
		strconv.Itoa(rng.Intn(65536)))
	ip := randIP()
	if strings.Contains(ip, ":") || chance(8) {
		ip = "[" + withZone(ip) + "]"
	}
	return mutate(ip + ":" + port)
}

// randHex gives the bytes of a binary form: usually 4 or 16 (plus a
// zone, a port or a prefix length), sometimes any length up to 24.
func randHex() string {
	n := rng.Intn(25)
	switch rng.Intn(4) {
	case 0:
		n = 4 + rng.Intn(3)
	case 1:
		n = 16 + rng.Intn(6)
	}
	b := make([]byte, n)
	for i := range b {
		if chance(3) {
			b[i] = byte(rng.Intn(256))
		} else {
			b[i] = pick("\x00", "\xff", "e", "1", "\x18", "\x80")[0]
		}
		// A NUL in a zone is a bad case (netprobe.go): keep it rare.
		if i >= 16 && b[i] == 0 && !chance(50) {
			b[i] = byte(1 + rng.Intn(255))
		}
	}
	return fmt.Sprintf("%x", b)
}

func randNetipCase() string {
	switch rng.Intn(11) {
	case 0, 1:
		return line("ParseAddr", withZone(randIP()))
	case 2:
		return line("ParseAddrPort", randAddrPort())
	case 3, 4:
		return line("ParsePrefix", randNetipPrefix())
	case 5:
		return line("AddrFromSlice", randHex())
	case 6:
		return line(pick("AddrUnmarshalBinary", "AddrPortUnmarshalBinary",
			"PrefixUnmarshalBinary"), randHex())
	case 7:
		return line("AddrCompare", withZone(randIP()), withZone(randIP()))
	case 8:
		return line("PrefixFrom", withZone(randIP()), randInt())
	case 9:
		return line("PrefixContains", randNetipPrefix(),
			withZone(randIP()))
	}
	return line("PrefixOverlaps", randNetipPrefix(), randNetipPrefix())
}

// DNSMessage cases: a message packed by Go's dnsmessage from random
// sections, then as often as not damaged (cut short, bytes changed, a
// count changed, a compression pointer written over a name, bytes added),
// so that both the parse and its errors are compared.

var drng *rand.Rand

func dpick(s ...string) string { return s[drng.Intn(len(s))] }

func randDNSBytes(max int) []byte {
	b := make([]byte, drng.Intn(max+1))
	drng.Read(b)
	return b
}

func randDNSName() dnsmessage.Name {
	s := dpick(".", "example.com.", "a.example.com.", "www.example.com.",
		"EXAMPLE.org.", "mail.example.org.", "_sip._tcp.example.com.",
		"x.", "a-b.c_d.e.", "xn--bcher-kva.example.",
		strings.Repeat("a", 63)+".example.",
		strings.Repeat("ab.", 80)+"z.")
	if drng.Intn(8) == 0 {
		// A label of random bytes: Go prints them escaped.
		b := randDNSBytes(12)
		for i, c := range b {
			if c == '.' || c == 0 {
				b[i] = 'q'
			}
		}
		if len(b) > 0 {
			s = string(b) + "." + s
			if s[len(s)-2] == '.' {
				s = s[:len(s)-1]
			}
		}
	}
	n, err := dnsmessage.NewName(s)
	if err != nil {
		return dnsmessage.MustNewName("fallback.example.")
	}
	return n
}

func randDNSBody() dnsmessage.ResourceBody {
	switch drng.Intn(11) {
	case 0:
		var r dnsmessage.AResource
		drng.Read(r.A[:])
		return &r
	case 1:
		var r dnsmessage.AAAAResource
		drng.Read(r.AAAA[:])
		return &r
	case 2:
		return &dnsmessage.CNAMEResource{CNAME: randDNSName()}
	case 3:
		return &dnsmessage.NSResource{NS: randDNSName()}
	case 4:
		return &dnsmessage.PTRResource{PTR: randDNSName()}
	case 5:
		return &dnsmessage.MXResource{Pref: uint16(drng.Intn(65536)),
			MX: randDNSName()}
	case 6:
		return &dnsmessage.SOAResource{NS: randDNSName(),
			MBox: randDNSName(), Serial: drng.Uint32(),
			Refresh: drng.Uint32(), Retry: drng.Uint32(),
			Expire: drng.Uint32(), MinTTL: drng.Uint32()}
	case 7:
		txt := make([]string, 1+drng.Intn(3))
		for i := range txt {
			txt[i] = string(randDNSBytes(40))
		}
		return &dnsmessage.TXTResource{TXT: txt}
	case 8:
		return &dnsmessage.SRVResource{Priority: uint16(drng.Intn(65536)),
			Weight: uint16(drng.Intn(65536)),
			Port:   uint16(drng.Intn(65536)), Target: randDNSName()}
	case 9:
		opts := make([]dnsmessage.Option, drng.Intn(3))
		for i := range opts {
			opts[i] = dnsmessage.Option{Code: uint16(drng.Intn(16)),
				Data: randDNSBytes(8)}
		}
		return &dnsmessage.OPTResource{Options: opts}
	}
	return &dnsmessage.UnknownResource{
		Type: dnsmessage.Type(dpickType()), Data: randDNSBytes(20)}
}

// dpickType is a type no other body has: unassigned, private or a
// known one Go does not parse.
func dpickType() uint16 {
	return []uint16{0, 10, 13, 99, 255, 256, 65280, 65535}[drng.Intn(8)]
}

func randDNSResources(max int) []dnsmessage.Resource {
	rs := make([]dnsmessage.Resource, drng.Intn(max+1))
	for i := range rs {
		rs[i].Body = randDNSBody()
		rs[i].Header = dnsmessage.ResourceHeader{Name: randDNSName(),
			Class: dnsmessage.Class(1 + drng.Intn(4)),
			TTL:   drng.Uint32()}
		if _, ok := rs[i].Body.(*dnsmessage.OPTResource); ok {
			rs[i].Header.Name = dnsmessage.MustNewName(".")
			rs[i].Header.Class = dnsmessage.Class(512 + drng.Intn(4000))
		}
	}
	return rs
}

func randDNSMessage() []byte {
	m := dnsmessage.Message{Header: dnsmessage.Header{
		ID:                 uint16(drng.Intn(65536)),
		Response:           drng.Intn(2) == 0,
		OpCode:             dnsmessage.OpCode(drng.Intn(16)),
		Authoritative:      drng.Intn(2) == 0,
		Truncated:          drng.Intn(4) == 0,
		RecursionDesired:   drng.Intn(2) == 0,
		RecursionAvailable: drng.Intn(2) == 0,
		RCode:              dnsmessage.RCode(drng.Intn(16)),
	}}
	m.Questions = make([]dnsmessage.Question, drng.Intn(3))
	for i := range m.Questions {
		m.Questions[i] = dnsmessage.Question{Name: randDNSName(),
			Type:  dnsmessage.Type([]uint16{1, 2, 5, 6, 12, 15, 16, 28, 33, 41, 255}[drng.Intn(11)]),
			Class: dnsmessage.Class(1 + drng.Intn(4))}
	}
	m.Answers = randDNSResources(4)
	m.Authorities = randDNSResources(2)
	m.Additionals = randDNSResources(2)
	b, err := m.Pack()
	if err != nil {
		// Too long a name after compression, say: the header alone.
		m = dnsmessage.Message{Header: m.Header}
		b, _ = m.Pack()
	}
	return b
}

func damageDNS(b []byte) []byte {
	switch drng.Intn(10) {
	case 0, 1, 2: // left whole
	case 3, 4: // cut short
		b = b[:drng.Intn(len(b)+1)]
	case 5, 6: // bytes changed
		for k := 1 + drng.Intn(3); k > 0; k-- {
			b[drng.Intn(len(b))] = byte(drng.Intn(256))
		}
	case 7: // a section's count changed
		i := 4 + 2*drng.Intn(4)
		v := []int{0, 1, 2, 5, 65535}[drng.Intn(5)]
		b[i], b[i+1] = byte(v>>8), byte(v)
	case 8: // a pointer written anywhere past the header
		if len(b) > 13 {
			i := 12 + drng.Intn(len(b)-13)
			b[i] = 0xc0 | byte(drng.Intn(4))
			b[i+1] = byte(drng.Intn(256))
		}
	case 9: // bytes added
		b = append(b, randDNSBytes(16)...)
	}
	return b
}

func randDNSCase() string {
	return line("DNSMessage", fmt.Sprintf("%x", damageDNS(randDNSMessage())))
}
