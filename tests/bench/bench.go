// The Go 1.19 twin of tools/bench.c: the same workloads with package net
// and goroutines, printing the same "metric value" lines for
// tools/bench.sh.  Build it with: sh tools/gobuild.sh GO OUT tests/bench/bench.go
//
//	bench-go WORKLOAD [N]
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const streamChunk = 64 * 1024

func check(what string, err error) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench-go: %s: %v\n", what, err)
		os.Exit(1)
	}
}

func arg(i int, def int) int {
	if len(os.Args) > i {
		n, err := strconv.Atoi(os.Args[i])
		check("argument", err)
		return n
	}
	return def
}

func peakRSS() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024
}

// echo answers every byte until the peer closes.
func echo(c net.Conn) {
	var b [64]byte
	for {
		n, err := c.Read(b[:])
		if err != nil {
			break
		}
		_, err = c.Write(b[:n])
		check("Write", err)
	}
	c.Close()
}

func acceptEcho(l net.Listener) {
	c, err := l.Accept()
	check("Accept", err)
	echo(c)
}

func pingpong(c net.Conn, n int, deadline bool) float64 {
	b := []byte{'x'}
	t0 := time.Now()
	for i := 0; i < n; i++ {
		_, err := c.Write(b)
		check("Write", err)
		if deadline {
			check("SetReadDeadline", c.SetReadDeadline(time.Now().Add(time.Second)))
		}
		_, err = io.ReadFull(c, b)
		check("Read", err)
	}
	return float64(time.Since(t0).Nanoseconds()) / float64(n) / 1e3
}

func streamPingpong(name, network, address string, n int, deadline bool) {
	l, err := net.Listen(network, address)
	check("Listen", err)
	done := make(chan bool)
	go func() { acceptEcho(l); done <- true }()
	c, err := net.Dial(network, l.Addr().String())
	check("Dial", err)
	fmt.Printf("%s %.3f\n", name, pingpong(c, n, deadline))
	c.Close()
	<-done
	l.Close()
}

// spawnServer starts this program as "serve NCONN" in a child process,
// which echoes NCONN connections, and returns its address.
func spawnServer(nconn int) (*exec.Cmd, string) {
	cmd := exec.Command(os.Args[0], "serve", strconv.Itoa(nconn))
	out, err := cmd.StdoutPipe()
	check("StdoutPipe", err)
	check("Start", cmd.Start())
	addr, err := bufio.NewReader(out).ReadString('\n')
	check("read address", err)
	return cmd, addr[:len(addr)-1]
}

func tcpPingpong2(n int) {
	cmd, addr := spawnServer(1)
	c, err := net.Dial("tcp", addr)
	check("Dial", err)
	fmt.Printf("tcp_pingpong_2proc %.3f\n", pingpong(c, n, false))
	c.Close()
	cmd.Wait()
}

// serve is the child of spawnServer: nconn connections, each echoed.
func serve(nconn int) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check("Listen", err)
	fmt.Println(l.Addr().String())
	var wg sync.WaitGroup
	for i := 0; i < nconn; i++ {
		c, err := l.Accept()
		check("Accept", err)
		wg.Add(1)
		go func() { echo(c); wg.Done() }()
	}
	wg.Wait()
	l.Close()
}

func tcpStream(mib int) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check("Listen", err)
	done := make(chan bool)
	go func() {
		c, err := l.Accept()
		check("Accept", err)
		b := make([]byte, streamChunk)
		for {
			if _, err := c.Read(b); err != nil {
				break
			}
		}
		c.Close()
		done <- true
	}()
	c, err := net.Dial("tcp", l.Addr().String())
	check("Dial", err)
	b := make([]byte, streamChunk)
	for i := range b {
		b[i] = 'x'
	}
	n := mib * 1024 * 1024 / streamChunk
	t0 := time.Now()
	for i := 0; i < n; i++ {
		_, err := c.Write(b)
		check("Write", err)
	}
	c.Close()
	<-done
	fmt.Printf("tcp_stream %.3f\n", float64(mib)/1024/time.Since(t0).Seconds())
	l.Close()
}

func connClose(name string, n int, abortive bool) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check("Listen", err)
	addr := l.Addr().String()
	t0 := time.Now()
	done := make(chan bool)
	go func() {
		for i := 0; i < n; i++ {
			c, err := l.Accept()
			check("Accept", err)
			if abortive {
				check("SetLinger", c.(*net.TCPConn).SetLinger(0))
			}
			c.Close()
		}
		done <- true
	}()
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", addr)
		// The server's reset may overtake a connect that is still
		// returning; the connection was accepted all the same.
		if err != nil && abortive && errors.Is(err, syscall.ECONNRESET) {
			continue
		}
		check("Dial", err)
		if abortive {
			check("SetLinger", c.(*net.TCPConn).SetLinger(0))
		}
		c.Close()
	}
	<-done
	fmt.Printf("%s %.1f\n", name, float64(n)/time.Since(t0).Seconds())
	l.Close()
}

func conns(nconn, rounds int) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check("Listen", err)
	addr := l.Addr().String()
	var ready, clients, servers sync.WaitGroup
	start := make(chan bool)
	for i := 0; i < nconn; i++ {
		ready.Add(1)
		clients.Add(1)
		go func() {
			defer clients.Done()
			c, err := net.Dial("tcp", addr)
			check("Dial", err)
			ready.Done()
			<-start
			b := []byte{'x'}
			for j := 0; j < rounds; j++ {
				_, err := c.Write(b)
				check("Write", err)
				_, err = io.ReadFull(c, b)
				check("Read", err)
			}
			c.Close()
		}()
		c, err := l.Accept()
		check("Accept", err)
		servers.Add(1)
		go func() { echo(c); servers.Done() }()
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	clients.Wait()
	fmt.Printf("conns1000 %.1f\n", float64(nconn*rounds)/time.Since(t0).Seconds())
	servers.Wait()
	fmt.Printf("conns1000_rss %.2f\n", peakRSS())
	l.Close()
}

// roundTrip writes one byte to c and reads its echo.
func roundTrip(c net.Conn) {
	b := []byte{'x'}
	_, err := c.Write(b)
	check("Write", err)
	_, err = io.ReadFull(c, b)
	check("Read", err)
}

// conns2proc is conns with the echo side in a child process ("serve"):
// 10000 connections need more descriptors than one process may open here.
// Each client makes one untimed round trip first, which proves that the
// server has taken its connection.  The peak RSS is this process's plus
// the child's.
func conns2proc(name string, nconn, rounds int) {
	cmd, addr := spawnServer(nconn)
	var ready, clients sync.WaitGroup
	start := make(chan bool)
	for i := 0; i < nconn; i++ {
		ready.Add(1)
		clients.Add(1)
		go func() {
			defer clients.Done()
			c, err := net.Dial("tcp", addr)
			check("Dial", err)
			roundTrip(c)
			ready.Done()
			<-start
			for j := 0; j < rounds; j++ {
				roundTrip(c)
			}
			c.Close()
		}()
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	clients.Wait()
	fmt.Printf("%s %.1f\n", name, float64(nconn*rounds)/time.Since(t0).Seconds())
	check("Wait", cmd.Wait())
	child := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
	fmt.Printf("%s_rss %.2f\n", name, peakRSS()+child)
}

// conns100k holds nconn connections at once in this one process, both
// ends, as tools/bench.c's conns100k does: a client goroutine per
// connection dials from 127.0.0.(2 + i%64), makes one untimed round trip,
// waits for the others, then makes rounds timed ones; an echo goroutine
// per accepted connection answers.  It prints the round trips per second,
// the peak RSS and the memory per connection (peak RSS over the RSS
// before the first dial, divided by nconn), or exits 77 (skipped) when
// the descriptor limit cannot be raised to two per connection.
func conns100k(nconn, rounds int) {
	need := uint64(2*nconn + 1024)
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl) == nil && rl.Cur < need {
		hard := rl.Max
		rl.Cur, rl.Max = need, need
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
			fmt.Fprintf(os.Stderr, "bench-go: conns100k skipped: cannot raise "+
				"RLIMIT_NOFILE from its hard limit %d to %d: %v; at most %d "+
				"connections fit (bench-go conns100k N)\n",
				hard, need, err, (int(hard)-1024)/2)
			os.Exit(77)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check("Listen", err)
	addr := l.Addr().String()
	base := currentRSS()
	var ready, clients, servers sync.WaitGroup
	start := make(chan bool)
	dials := make(chan bool, 512)
	acceptDone := make(chan bool)
	closing := false
	var mu sync.Mutex
	go func() {
		defer close(acceptDone)
		for {
			c, err := l.Accept()
			if err != nil {
				mu.Lock()
				defer mu.Unlock()
				if !closing {
					check("Accept", err)
				}
				return
			}
			servers.Add(1)
			go func() { echo(c); servers.Done() }()
		}
	}()
	ready.Add(nconn)
	clients.Add(nconn)
	for i := 0; i < nconn; i++ {
		go func(i int) {
			defer clients.Done()
			d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(2+i%64))}}
			dials <- true
			c, err := d.Dial("tcp", addr)
			check("Dial", err)
			roundTrip(c)
			<-dials
			ready.Done()
			<-start
			for j := 0; j < rounds; j++ {
				roundTrip(c)
			}
			c.Close()
		}(i)
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	clients.Wait()
	fmt.Printf("conns100k %.1f\n", float64(nconn*rounds)/time.Since(t0).Seconds())
	mu.Lock()
	closing = true
	mu.Unlock()
	l.Close()
	<-acceptDone
	servers.Wait()
	fmt.Printf("conns100k_rss %.2f\n", peakRSS())
	fmt.Printf("conns100k_kib_per_conn %.2f\n", (peakRSS()-base)*1024/float64(nconn))
}

// currentRSS returns the resident set now, in MiB.
func currentRSS() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	check("statm", err)
	f := strings.Fields(string(b))
	pages, err := strconv.Atoi(f[1])
	check("statm", err)
	return float64(pages) * float64(os.Getpagesize()) / 1048576
}

// httpResponse is the one answer of httpServe, byte for byte the one
// tools/bench.c and tools/bench_raw.c send.
var httpResponse = []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" +
	"Content-Length: 1024\r\n\r\n" + strings.Repeat("x", 1024))

var endOfHeader = []byte("\r\n\r\n")

func httpConn(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 4096)
	have := 0
	for {
		n, err := c.Read(buf[have:])
		if err != nil {
			return
		}
		have += n
		for {
			i := bytes.Index(buf[:have], endOfHeader)
			if i < 0 {
				break
			}
			if _, err := c.Write(httpResponse); err != nil {
				return
			}
			have = copy(buf, buf[i+4:have])
		}
		if have == len(buf) {
			return
		}
	}
}

// httpServe is the server for wrk: a plain Accept loop with a goroutine
// per connection (not net/http), answering until it is killed.
func httpServe() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check("Listen", err)
	fmt.Println(l.Addr().String())
	for {
		c, err := l.Accept()
		check("Accept", err)
		go httpConn(c)
	}
}

// raiseNofile lifts the descriptor limit to its hard maximum; Go 1.19's
// os package does so already, and this keeps the three programs alike.
func raiseNofile() {
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl) == nil && rl.Cur < rl.Max {
		rl.Cur = rl.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	}
}

func udpPingpong(n int) {
	laddr := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}
	s, err := net.ListenUDP("udp4", laddr)
	check("ListenUDP", err)
	c, err := net.ListenUDP("udp4", laddr)
	check("ListenUDP", err)
	saddr := s.LocalAddr().(*net.UDPAddr).AddrPort()
	done := make(chan bool)
	go func() {
		b := make([]byte, 2048)
		for {
			n, from, err := s.ReadFromUDPAddrPort(b)
			check("ReadFromUDPAddrPort", err)
			if n == 0 {
				break
			}
			_, err = s.WriteToUDPAddrPort(b[:n], from)
			check("WriteToUDPAddrPort", err)
		}
		done <- true
	}()
	b := make([]byte, 64)
	for i := range b {
		b[i] = 'x'
	}
	t0 := time.Now()
	for i := 0; i < n; i++ {
		_, err := c.WriteToUDPAddrPort(b, saddr)
		check("WriteToUDPAddrPort", err)
		_, _, err = c.ReadFromUDPAddrPort(b)
		check("ReadFromUDPAddrPort", err)
	}
	fmt.Printf("udp_pingpong %.3f\n", float64(time.Since(t0).Nanoseconds())/float64(n)/1e3)
	c.WriteToUDPAddrPort(b[:0], saddr)
	<-done
	c.Close()
	s.Close()
}

func unixPingpong(n int) {
	dir, err := os.MkdirTemp("", "gonetbench")
	check("MkdirTemp", err)
	streamPingpong("unix_pingpong", "unix", dir+"/s", n, false)
	os.RemoveAll(dir)
}

var sink byte

// microSlices is tools/bench.c's: micro runs each benchmark in that many
// slices of iters/microSlices calls, the benchmarks taking turns slice by
// slice, and prints each one's fastest slice (bench.c says why).  Each
// benchmark is a loop over n in its own function, as in bench.c, so no
// closure call sits inside the timed loop.
const microSlices = 20

func micro(iters int) {
	v4 := net.ParseIP("192.168.1.1")
	v6 := net.ParseIP("2001:db8::68")
	ipString := func(ip net.IP, n int) {
		for i := 0; i < n; i++ {
			sink = ip.String()[0]
		}
	}
	benches := []struct {
		name string
		loop func(n int)
	}{
		{"micro_ParseIP_v4", func(n int) {
			for i := 0; i < n; i++ {
				sink = net.ParseIP("192.168.1.1")[15]
			}
		}},
		{"micro_ParseIP_v6", func(n int) {
			for i := 0; i < n; i++ {
				sink = net.ParseIP("2001:db8::68")[15]
			}
		}},
		{"micro_IPString_v4", func(n int) { ipString(v4, n) }},
		{"micro_IPString_v6", func(n int) { ipString(v6, n) }},
		{"micro_SplitHostPort", func(n int) {
			for i := 0; i < n; i++ {
				h, _, err := net.SplitHostPort("[::1]:8080")
				check("SplitHostPort", err)
				sink = h[0]
			}
		}},
		{"micro_ResolveTCPAddr", func(n int) {
			for i := 0; i < n; i++ {
				a, err := net.ResolveTCPAddr("tcp", "127.0.0.1:8080")
				check("ResolveTCPAddr", err)
				sink = byte(a.Port)
			}
		}},
	}
	slice := iters / microSlices
	if slice < 1 {
		slice = 1
	}
	best := make([]float64, len(benches))
	for k := 0; k < microSlices; k++ {
		for j, b := range benches {
			t0 := time.Now()
			b.loop(slice)
			ns := float64(time.Since(t0).Nanoseconds()) / float64(slice)
			if k == 0 || ns < best[j] {
				best[j] = ns
			}
		}
	}
	for j, b := range benches {
		fmt.Printf("%s %.2f\n", b.name, best[j])
	}
}

// lookupHost is tools/bench.c's lookup_host: n LookupHosts one after
// another (us each), then nconc at once (ms for all), against the nsd of
// tools/dnsns.sh, and skipped (77) outside that namespace so that no
// query reaches the machine's nameserver.
func lookupHost(n, nconc int) {
	const name = "both.gonet.test."
	if os.Getenv("GONET_DNSNS") == "" {
		fmt.Fprintln(os.Stderr, "bench-go: lookup_host skipped: not inside tools/dnsns.sh's namespace")
		os.Exit(77)
	}
	one := func() {
		_, err := net.LookupHost(name)
		check("LookupHost", err)
	}
	one()
	t0 := time.Now()
	for i := 0; i < n; i++ {
		one()
	}
	fmt.Printf("lookup_host %.2f\n", float64(time.Since(t0).Microseconds())/float64(n))
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(nconc)
	done.Add(nconc)
	for i := 0; i < nconc; i++ {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			one()
		}()
	}
	ready.Wait()
	t0 = time.Now()
	close(start)
	done.Wait()
	fmt.Printf("lookup_host_%d_ms %.1f\n", nconc, float64(time.Since(t0).Microseconds())/1e3)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bench-go workload [n]")
		os.Exit(2)
	}
	raiseNofile()
	switch w := os.Args[1]; w {
	case "serve":
		serve(arg(2, 1))
	case "http_serve":
		httpServe()
	case "tcp_pingpong":
		streamPingpong(w, "tcp", "127.0.0.1:0", arg(2, 200000), false)
	case "tcp_pingpong_2proc":
		tcpPingpong2(arg(2, 200000))
	case "tcp_pingpong_deadline":
		streamPingpong(w, "tcp", "127.0.0.1:0", arg(2, 200000), true)
	case "tcp_stream":
		tcpStream(arg(2, 2048))
	case "connclose_normal":
		connClose(w, arg(2, 20000), false)
	case "connclose_abort":
		connClose(w, arg(2, 20000), true)
	case "conns1000":
		conns(arg(2, 1000), arg(3, 100))
	case "conns10k":
		conns2proc(w, arg(2, 10000), arg(3, 20))
	case "conns100k":
		conns100k(arg(2, 100000), arg(3, 3))
	case "udp_pingpong":
		udpPingpong(arg(2, 200000))
	case "unix_pingpong":
		unixPingpong(arg(2, 200000))
	case "micro":
		micro(arg(2, 1000000))
	case "lookup_host":
		lookupHost(arg(2, 2000), arg(3, 1000))
	default:
		fmt.Fprintf(os.Stderr, "bench-go: unknown workload %s\n", w)
		os.Exit(2)
	}
}
