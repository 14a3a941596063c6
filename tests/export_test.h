/*
 * C port of go1.19 src/net/export_test.go: the internals tests may reach.
 * Go's export_test.go re-exports unexported names for package net's tests;
 * here the private header plays that part.
 */
#ifndef GONET_EXPORT_TEST_H
#define GONET_EXPORT_TEST_H

#include "net/net_impl.h"
#include "syscall/syscall.h"

#endif /* GONET_EXPORT_TEST_H */
