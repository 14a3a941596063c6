// This program printed the error texts testPollerStartEMFILE in
// tests/listen_test.c expects when no descriptor is left for socket():
//
//	go run tests/testdata/emfile_go119.go
//
// Go 1.19 on linux/amd64 printed (PORT stands for the listener's port):
//
//	Listen: listen tcp 127.0.0.1:0: socket: too many open files
//	Dial: dial tcp 127.0.0.1:PORT: socket: too many open files
//	Listen after raising the limit: <nil>
package main

import (
	"fmt"
	"net"
	"syscall"
)

// limitToFirstFree sets the soft RLIMIT_NOFILE to the lowest unused
// descriptor number, so that no new descriptor can be opened.
func limitToFirstFree(hard uint64) {
	for fd := 0; fd < 4096; fd++ {
		_, _, e := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFD, 0)
		if e == syscall.EBADF {
			syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: uint64(fd), Max: hard})
			return
		}
	}
}

func main() {
	var old syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old)
	ln0, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln0.Close()
	limitToFirstFree(old.Max)
	_, err = net.Listen("tcp", "127.0.0.1:0")
	fmt.Printf("Listen: %v\n", err)
	_, err = net.Dial("tcp", ln0.Addr().String())
	fmt.Printf("Dial: %v\n", err)
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	fmt.Printf("Listen after raising the limit: %v\n", err)
	if ln != nil {
		ln.Close()
	}
}
