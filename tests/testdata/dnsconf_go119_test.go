// dnsconf_go119_test.go is not a test of gonet's: it is compiled into Go
// 1.19's own package net (through go test's -overlay, so GOROOT is left
// alone) to run Go's unexported dnsReadConfig and parseNSSConfFile on
// every input of dnsconf_go119.in and print what they return, the file
// dnsconf_go119.txt that tests/dnsconfig_unix_test.c's testDNSConfGo
// compares gonet with.  tools/dnsconf_go119.sh runs it.  The second test
// does the same for conf.hostLookupOrder over the cases of
// conf_go119.in, for testConfHostLookupOrderGo in tests/conf_test.c,
// and the third asks lookupStaticHost and lookupStaticAddr about the
// hosts files of hosts_go119.in, for testHostsGo in tests/hosts_test.c.
//
// An input line is a file's bytes in hex; it is parsed both as
// resolv.conf and as nsswitch.conf, with the host name
// "host.domain.local".  An output line is the hex, a tab, the resolv.conf
// result, a tab, the nsswitch.conf result.  Strings are strconv.Quote'd;
// an error's text is cut at its first NUL byte, since gonet's C error
// strings end there.

package net

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func quoteList(a []string) string {
	q := make([]string, len(a))
	for i, s := range a {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, " ") + "]"
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	s, _, _ := strings.Cut(err.Error(), "\x00")
	return strconv.Quote(s)
}

func resolvText(c *dnsConfig) string {
	return fmt.Sprintf("servers=%s search=%s ndots=%d timeout=%d attempts=%d rotate=%t unknownOpt=%t lookup=%s singleRequest=%t useTCP=%t err=%s",
		quoteList(c.servers), quoteList(c.search), c.ndots, int64(c.timeout), c.attempts,
		c.rotate, c.unknownOpt, quoteList(c.lookup), c.singleRequest, c.useTCP, errText(c.err))
}

func nssText(c *nssConf) string {
	dbs := make([]string, 0, len(c.sources))
	for db := range c.sources {
		dbs = append(dbs, db)
	}
	sort.Strings(dbs)
	var b strings.Builder
	fmt.Fprintf(&b, "err=%s sources=[", errText(c.err))
	for i, db := range dbs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:[", strconv.Quote(db))
		for j, src := range c.sources[db] {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Quote(src.source))
			b.WriteByte('(')
			for k, cr := range src.criteria {
				if k > 0 {
					b.WriteByte(' ')
				}
				if cr.negate {
					b.WriteByte('!')
				}
				fmt.Fprintf(&b, "%s=%s", strconv.Quote(cr.status), strconv.Quote(cr.action))
			}
			b.WriteByte(')')
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}

func TestGonetDNSConfGo119(t *testing.T) {
	in := os.Getenv("GONET_DNSCONF_IN")
	if in == "" {
		t.Skip("GONET_DNSCONF_IN not set")
	}
	getHostname = func() (string, error) { return "host.domain.local", nil }
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tmp := t.TempDir() + "/conf"
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		data, err := hex.DecodeString(sc.Text())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(tmp, data, 0o600); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(out, "%s\t%s\t%s\n", sc.Text(), resolvText(dnsReadConfig(tmp)), nssText(parseNSSConfFile(tmp)))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// A conf_go119.in line: goos ("-" for ""), the flags forceCgoLookupHost,
// netGo, netCgo and hasMDNSAllow as four 0/1 digits, nsswitch.conf and
// resolv.conf in hex ("-" for a missing file, "~" for an empty one), the
// host name in hex and the machine's host name in hex ("-" for ""),
// separated by spaces.  The output line
// is the input line, a tab and hostLookupOrder's String.
func TestGonetConfGo119(t *testing.T) {
	in := os.Getenv("GONET_CONF_IN")
	if in == "" {
		t.Skip("GONET_CONF_IN not set")
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dir := t.TempDir()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var goos, flags, nssHex, resolvHex, hostHex, localHex string
		if _, err := fmt.Sscan(sc.Text(), &goos, &flags, &nssHex, &resolvHex, &hostHex, &localHex); err != nil {
			t.Fatal(err)
		}
		if goos == "-" {
			goos = ""
		}
		c := &conf{
			goos:               goos,
			forceCgoLookupHost: flags[0] == '1',
			netGo:              flags[1] == '1',
			netCgo:             flags[2] == '1',
			hasMDNSAllow:       flags[3] == '1',
		}
		c.nss = &nssConf{err: fs.ErrNotExist}
		if nssHex != "-" {
			c.nss = parseNSSConfFile(writeHexFile(t, dir+"/nss", nssHex))
		}
		path := dir + "/missing"
		if resolvHex != "-" {
			path = writeHexFile(t, dir+"/resolv", resolvHex)
		}
		c.resolv = dnsReadConfig(path)
		host := unhex(t, hostHex)
		local := unhex(t, localHex)
		getHostname = func() (string, error) { return local, nil }
		fmt.Fprintf(out, "%s\t%s\n", sc.Text(), c.hostLookupOrder(nil, host))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// unhex decodes a hex field; "-" and "~" stand for "", which Sscan
// cannot read.
func unhex(t *testing.T, s string) string {
	if s == "-" || s == "~" {
		return ""
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeHexFile(t *testing.T, path, s string) string {
	if err := os.WriteFile(path, []byte(unhex(t, s)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGonetHostsGo119 reads each input of hosts_go119.in (hex, one a
// line) as a hosts file and prints, after a tab, what lookupStaticHost
// and lookupStaticAddr return for every token of it (hostsText), for
// testHostsGo in tests/hosts_test.c.  Two file names take turns, so that
// every input is read afresh rather than served from the cache.
func TestGonetHostsGo119(t *testing.T) {
	in := os.Getenv("GONET_HOSTS_IN")
	if in == "" {
		t.Skip("GONET_HOSTS_IN not set")
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defer func(orig string) { testHookHostsPath = orig }(testHookHostsPath)
	dir := t.TempDir()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		path := fmt.Sprintf("%s/hosts%d", dir, i%2)
		testHookHostsPath = writeHexFile(t, path, sc.Text())
		fmt.Fprintf(out, "%s\t%s\n", sc.Text(),
			hostsText(unhex(t, sc.Text())))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// hostsText asks the hosts cache about every token of a hosts file (its
// bytes split at the separators readHosts splits lines and fields at),
// each once, in order: the token quoted, then host=[addresses] and
// addr=[names].  The tokens include comments and junk, which find
// nothing; what matters is that both sides ask the same questions.
func hostsText(s string) string {
	var b strings.Builder
	seen := make(map[string]bool)
	sep := func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n'
	}
	for _, tok := range strings.FieldsFunc(s, sep) {
		if seen[tok] {
			continue
		}
		seen[tok] = true
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s host=%s addr=%s", strconv.Quote(tok),
			quoteList(lookupStaticHost(tok)),
			quoteList(lookupStaticAddr(tok)))
	}
	return b.String()
}
