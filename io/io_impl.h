/*
 * gonet package io: what io.c shares with multi.c and the tests.
 * Private: not installed.
 */
#ifndef GONET_IO_IMPL_H
#define GONET_IO_IMPL_H

#include "io/io.h"

/* errInvalidWrite, exported to the tests as Go's export_test.go does. */
extern runtime_error *const io_errInvalidWrite;

/* io_copyBuffer is copyBuffer: buf NULL means a fresh 32 KiB one. */
runtime_error *io_copyBuffer(
    io_Writer dst, io_Reader src, void *buf, size_t len, int64_t *written);

#endif /* GONET_IO_IMPL_H */
