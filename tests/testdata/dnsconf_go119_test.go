// dnsconf_go119_test.go is not a test of gonet's: it is compiled into Go
// 1.19's own package net (through go test's -overlay, so GOROOT is left
// alone) to run Go's unexported dnsReadConfig and parseNSSConfFile on
// every input of dnsconf_go119.in and print what they return, the file
// dnsconf_go119.txt that tests/dnsconfig_unix_test.c's testDNSConfGo
// compares gonet with.  tools/dnsconf_go119.sh runs it.
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
