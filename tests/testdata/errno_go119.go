// This program generated errno_go119.txt, the table tests/syscall_test.c
// checks syscall_Errno_Error, _Timeout and _Temporary against:
//
//	go run tests/testdata/errno_go119.go > tests/testdata/errno_go119.txt
//
// Run it with Go 1.19 on linux/amd64; each line is
// n<TAB>Errno(n).Error()<TAB>Timeout()<TAB>Temporary().
package main

import (
	"fmt"
	"syscall"
)

func main() {
	var ns []uintptr
	for n := uintptr(0); n <= 140; n++ {
		ns = append(ns, n)
	}
	ns = append(ns, 255, 1000, 4095, 1<<31, 1<<63)
	for _, n := range ns {
		e := syscall.Errno(n)
		fmt.Printf("%d\t%s\t%t\t%t\n", n, e.Error(), e.Timeout(), e.Temporary())
	}
}
