// This program printed the expected values of the overflow tests in
// tests/time_test.c (testUnixOverflow, testAddSubOverflow) and
// tests/tcpsock_test.c (testKeepAlivePeriodOverflow):
//
//	go run tests/testdata/overflow_go119.go
//
// Go's integer arithmetic wraps; gonet must give the same results without
// the undefined behaviour of signed overflow in C.
package main

import (
	"fmt"
	"math"
	"net"
	"strings"
	"syscall"
	"time"
)

func show(name string, t time.Time) {
	fmt.Printf("%s: Unix %d Nanosecond %d UnixNano %d\n", name, t.Unix(), t.Nanosecond(), t.UnixNano())
}

func keepAlive(c *net.TCPConn) (idle, intvl int) {
	rc, _ := c.SyscallConn()
	rc.Control(func(fd uintptr) {
		idle, _ = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_KEEPIDLE)
		intvl, _ = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_KEEPINTVL)
	})
	return
}

func main() {
	const max, min = math.MaxInt64, math.MinInt64
	show("Unix(max, 0)", time.Unix(max, 0))
	show("Unix(min, 0)", time.Unix(min, 0))
	show("Unix(max, 1e9)", time.Unix(max, 1e9))
	show("Unix(max, max)", time.Unix(max, max))
	show("Unix(min, -1)", time.Unix(min, -1))
	show("Unix(min, min)", time.Unix(min, min))
	show("Unix(max-1e9, 0).Add(max)", time.Unix(max-1e9, 0).Add(max))
	show("Unix(0, 0).Add(max)", time.Unix(0, 0).Add(max))
	show("Unix(0, 0).Add(min)", time.Unix(0, 0).Add(min))
	show("Unix(min, 0).Add(min)", time.Unix(min, 0).Add(min))
	show("Unix(max, 999999999).Add(1)", time.Unix(max, 999999999).Add(1))
	fmt.Println("Unix(max, 0).Sub(Unix(0, 0))", time.Unix(max, 0).Sub(time.Unix(0, 0)))
	fmt.Println("Unix(min, 0).Sub(Unix(0, 0))", time.Unix(min, 0).Sub(time.Unix(0, 0)))
	fmt.Println("Unix(max, 0).Sub(Unix(min, 0))", time.Unix(max, 0).Sub(time.Unix(min, 0)))
	fmt.Println("Unix(0, 0).Sub(Unix(max, 0))", time.Unix(0, 0).Sub(time.Unix(max, 0)))
	fmt.Println("Until(Unix(max, 0))", time.Until(time.Unix(max, 0)))
	fmt.Println("Until(Unix(min, 0))", time.Until(time.Unix(min, 0)))
	fmt.Println("Since(Unix(max, 0))", time.Since(time.Unix(max, 0)))
	fmt.Println("Since(Unix(min, 0))", time.Since(time.Unix(min, 0)))
	fmt.Println("Unix(max, 0).Before(Unix(0, 0))", time.Unix(max, 0).Before(time.Unix(0, 0)))
	fmt.Println("Now().Add(max).After(Now())", time.Now().Add(max).After(time.Now()))
	fmt.Println("Until(Now().Add(max)) > 290y", time.Until(time.Now().Add(max)) > 290*365*24*time.Hour)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	defer c.Close()
	tc := c.(*net.TCPConn)
	for _, d := range []time.Duration{max, max - 1e9 + 2, max - 1e9 + 1, 1<<31*time.Second + 7*time.Second, 1<<32*time.Second + 5*time.Second, 1<<31*time.Second - time.Second, -1<<32*time.Second + 9*time.Second, -5, min} {
		tc.SetKeepAlivePeriod(10 * time.Second)
		err := tc.SetKeepAlivePeriod(d)
		msg := "<nil>"
		if err != nil {
			msg = strings.Replace(err.Error(), c.LocalAddr().String(), "LOCAL", 1)
			msg = strings.Replace(msg, c.RemoteAddr().String(), "REMOTE", 1)
		}
		idle, intvl := keepAlive(tc)
		fmt.Printf("SetKeepAlivePeriod(%d): %s idle %d intvl %d\n", int64(d), msg, idle, intvl)
	}
	for _, ka := range []time.Duration{max, 1<<32*time.Second + 5*time.Second} {
		d := net.Dialer{KeepAlive: ka}
		c, err := d.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		idle, intvl := keepAlive(c.(*net.TCPConn))
		fmt.Printf("Dialer{KeepAlive: %d}: idle %d intvl %d\n", int64(ka), idle, intvl)
		c.Close()
		lc := net.ListenConfig{KeepAlive: ka}
		l, err := lc.Listen(nil, "tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		c, _ = net.Dial("tcp", l.Addr().String())
		s, _ := l.Accept()
		idle, intvl = keepAlive(s.(*net.TCPConn))
		fmt.Printf("ListenConfig{KeepAlive: %d}: idle %d intvl %d\n", int64(ka), idle, intvl)
		s.Close()
		c.Close()
		l.Close()
	}
}
