// This program generated unpack_go119.txt, the table tests/dnsmessage/
// message_test.c checks Message.Unpack and the Parser's Skip methods
// against, on truncated and corrupted copies of a packed message. The
// package is the dnsmessage Go 1.19 vendors, which a program outside the
// standard library cannot import, so it is built from a copy:
//
//	d=$(mktemp -d); mkdir -p $d/src/dnsmessage $d/src/unpack
//	cp /usr/share/go-1.19/src/vendor/golang.org/x/net/dns/dnsmessage/message.go $d/src/dnsmessage/
//	cp tests/testdata/dnsmessage/unpack_go119.go $d/src/unpack/
//	GOPATH=$d GO111MODULE=off GOPROXY=off GOCACHE=$d/cache go run unpack >tests/testdata/dnsmessage/unpack_go119.txt
//
// The first line is the packed message in hex. Each further line is
// case<TAB>Unpack<TAB>skip: the case is "cut N" (the first N bytes) or
// "xor I V" (byte I xored with V); Unpack is the error's text or "ok "
// and the 64-bit FNV-1a hash of the unpacked Message's GoString; skip is
// the first error of Start and the four SkipAll calls, or "ok".
package main

import (
	"dnsmessage"
	"fmt"
	"hash/fnv"
)

func largeTestMsg() dnsmessage.Message {
	name := dnsmessage.MustNewName("foo.bar.example.com.")
	rh := func(t dnsmessage.Type) dnsmessage.ResourceHeader {
		return dnsmessage.ResourceHeader{Name: name, Type: t, Class: dnsmessage.ClassINET}
	}
	opt := dnsmessage.ResourceHeader{Class: dnsmessage.ClassINET}
	opt.SetEDNS0(4096, 0xfe0, false)
	return dnsmessage.Message{
		Header:    dnsmessage.Header{Response: true, Authoritative: true},
		Questions: []dnsmessage.Question{{Name: name, Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET}},
		Answers: []dnsmessage.Resource{
			{Header: rh(dnsmessage.TypeA), Body: &dnsmessage.AResource{A: [4]byte{127, 0, 0, 1}}},
			{Header: rh(dnsmessage.TypeA), Body: &dnsmessage.AResource{A: [4]byte{127, 0, 0, 2}}},
			{Header: rh(dnsmessage.TypeAAAA), Body: &dnsmessage.AAAAResource{AAAA: [16]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}}},
			{Header: rh(dnsmessage.TypeCNAME), Body: &dnsmessage.CNAMEResource{CNAME: dnsmessage.MustNewName("alias.example.com.")}},
			{Header: rh(dnsmessage.TypeSOA), Body: &dnsmessage.SOAResource{NS: dnsmessage.MustNewName("ns1.example.com."), MBox: dnsmessage.MustNewName("mb.example.com."), Serial: 1, Refresh: 2, Retry: 3, Expire: 4, MinTTL: 5}},
			{Header: rh(dnsmessage.TypePTR), Body: &dnsmessage.PTRResource{PTR: dnsmessage.MustNewName("ptr.example.com.")}},
			{Header: rh(dnsmessage.TypeMX), Body: &dnsmessage.MXResource{Pref: 7, MX: dnsmessage.MustNewName("mx.example.com.")}},
			{Header: rh(dnsmessage.TypeSRV), Body: &dnsmessage.SRVResource{Priority: 8, Weight: 9, Port: 11, Target: dnsmessage.MustNewName("srv.example.com.")}},
			{Header: rh(65362), Body: &dnsmessage.UnknownResource{Type: 65362, Data: []byte{42, 0, 43, 44}}},
		},
		Authorities: []dnsmessage.Resource{
			{Header: rh(dnsmessage.TypeNS), Body: &dnsmessage.NSResource{NS: dnsmessage.MustNewName("ns1.example.com.")}},
			{Header: rh(dnsmessage.TypeNS), Body: &dnsmessage.NSResource{NS: dnsmessage.MustNewName("ns2.example.com.")}},
		},
		Additionals: []dnsmessage.Resource{
			{Header: rh(dnsmessage.TypeTXT), Body: &dnsmessage.TXTResource{TXT: []string{"So Long, and Thanks for All the Fish"}}},
			{Header: rh(dnsmessage.TypeTXT), Body: &dnsmessage.TXTResource{TXT: []string{"Hamster Huey and the Gooey Kablooie"}}},
			{Header: opt, Body: &dnsmessage.OPTResource{Options: []dnsmessage.Option{{Code: 10, Data: []byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}}}}},
		},
	}
}

func unpack(b []byte) string {
	var m dnsmessage.Message
	if err := m.Unpack(b); err != nil {
		return err.Error()
	}
	h := fnv.New64a()
	h.Write([]byte(m.GoString()))
	return fmt.Sprintf("ok %016x", h.Sum64())
}

func skip(b []byte) string {
	var p dnsmessage.Parser
	if _, err := p.Start(b); err != nil {
		return err.Error()
	}
	for _, f := range []func() error{p.SkipAllQuestions, p.SkipAllAnswers, p.SkipAllAuthorities, p.SkipAllAdditionals} {
		if err := f(); err != nil {
			return err.Error()
		}
	}
	return "ok"
}

func main() {
	m := largeTestMsg()
	msg, err := m.Pack()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", msg)
	for n := 0; n <= len(msg); n++ {
		b := append([]byte(nil), msg[:n]...)
		fmt.Printf("cut %d\t%s\t%s\n", n, unpack(b), skip(b))
	}
	for i := range msg {
		for _, v := range []byte{0x01, 0x3f, 0x40, 0xc0, 0xff} {
			b := append([]byte(nil), msg...)
			b[i] ^= v
			fmt.Printf("xor %d %d\t%s\t%s\n", i, v, unpack(b), skip(b))
		}
	}
}
