# gonet: Go's net package in C.
#
# One Makefile for GNU make (4.0 or later) and bmake: it uses only `!=`,
# `include`, suffix rules and nested variable names, which both read alike.
# Platform files are listed in mk/$(OS).mk; C code never tests the OS name.
# The goroutine switch is in assembly where mk/arch-$(uname -m).mk exists
# and over ucontext elsewhere (mk/arch-generic.mk).
#
#	make test		build and run the Check suite, then the diff
#	make test SANITIZE=1	the same under ASan + UBSan
#	make test SANITIZE=thread	the same under TSan
#	make test-loaded [SANITIZE=thread]	the timing suites under CPU load
#	make check GOARCH_ASM=generic	with the ucontext switch (build/generic/)
#	make demo | diff | plantfault | install | clean
#	make fuzz [FUZZTIME=10]	libFuzzer + ASan + UBSan, FUZZTIME s a target

OS != uname -s
include mk/$(OS).mk

# GOARCH_ASM=generic forces the ucontext fallback; the libraries and
# binaries of that build go to build/generic/, so the two never mix.
NATIVE_ASM != test -f mk/arch-`uname -m`.mk && uname -m || echo generic
GOARCH_ASM = $(NATIVE_ASM)
include mk/arch-$(GOARCH_ASM).mk
ADIR_generic = build/generic/
ADIR_$(NATIVE_ASM) =
ADIR = $(ADIR_$(GOARCH_ASM))

PREFIX = /usr/local
# The one place the version lives (docs/DESIGN.md, "Versions"): the
# SONAME takes the major, gonet.pc the whole.
VERSION_MAJOR = 0
VERSION_MINOR = 1
VERSION_PATCH = 0
VERSION = $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)
LD = ld
OBJCOPY = objcopy
DESTDIR =
CC = cc
CXX = g++
GO != sh tools/findgo.sh
CFLAGS = -O2 -g
LDFLAGS =
SANITIZE =

CHECK_CFLAGS != pkg-config --cflags check 2>/dev/null || true
CHECK_LIBS != pkg-config --libs check 2>/dev/null || echo -lcheck

WARN = -Wall -Wextra -Werror
ALL_CFLAGS = -std=c11 $(WARN) $(OS_CPPFLAGS) -I. -fPIC -pthread $(CFLAGS)

# Each build variant gets its own object suffix, so the four can coexist
# in one tree: .o plain, .ao ASan+UBSan, .to TSan, .fo for the fuzz
# targets (clang: libFuzzer's coverage plus ASan+UBSan; `make fuzz` only).
OX_ = o
OX_0 = o
OX_1 = ao
OX_address = ao
OX_thread = to
OX = $(OX_$(SANITIZE))

SAN_o =
SAN_ao = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_to = -fsanitize=thread
SAN_fo = -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
SAN = $(SAN_$(OX))
FUZZCC = clang

RUNTIME_SRCS = runtime/error.c runtime/panic.c runtime/string.c runtime/malloc.c \
	runtime/proc.c \
	runtime/sema.c runtime/time.c runtime/netpoll.c runtime/lock_futex.c \
	runtime/stubs.c runtime/chan.c runtime/select.c runtime/stack.c \
	runtime/gctx.c runtime/asan.c runtime/race.c
ERRORS_SRCS = errors/errors.c errors/wrap.c
IO_SRCS = io/io.c io/multi.c
BUFIO_SRCS = bufio/bufio.c unicode/utf8/utf8.c
CONTEXT_SRCS = context/context.c
ITOA_SRCS = internal/itoa/itoa.c
GODEBUG_SRCS = internal/godebug/godebug.c
SINGLEFLIGHT_SRCS = internal/singleflight/singleflight.c
SORT_SRCS = sort/sort.c sort/zsortinterface.c
TIME_SRCS = time/time.c time/sleep.c time/tick.c
SYNC_SRCS = sync/mutex.c sync/rwmutex.c sync/waitgroup.c sync/once.c \
	sync/cond.c
OS_PKG_SRCS = os/error.c os/file.c
NET_SRCS = net/parse.c net/ip.c net/mac.c net/net.c net/ipsock.c \
	net/tcpsock.c net/udpsock.c net/iprawsock.c net/unixsock.c \
	net/dial.c net/lookup.c net/hosts.c net/port.c net/dnsclient.c \
	net/dnsconfig.c net/nss.c net/conf.c \
	net/addrselect.c \
	net/netip/netip.c net/netip/uint128.c \
	net/netip/leaf_alts.c internal/intern/intern.c \
	strconv/quote.c strconv/isprint.c net/fd.c net/fd_mutex.c net/fd_poll_runtime.c net/rawconn.c \
	net/hook.c net/interface.c net/file.c net/pipe.c
DNSMESSAGE_SRCS = dnsmessage/message.c
LIB_SRCS = $(RUNTIME_SRCS) $(ERRORS_SRCS) $(IO_SRCS) $(BUFIO_SRCS) $(CONTEXT_SRCS) $(ITOA_SRCS) $(GODEBUG_SRCS) $(SINGLEFLIGHT_SRCS) $(SORT_SRCS) $(TIME_SRCS) $(SYNC_SRCS) $(OS_PKG_SRCS) \
	$(NET_SRCS) $(DNSMESSAGE_SRCS) $(OS_SRCS) $(ARCH_SRCS)

TEST_SRCS = tests/main_test.c tests/ip_test.c tests/mac_test.c \
	tests/parse_test.c tests/ipsock_test.c tests/hosts_test.c \
	tests/port_test.c tests/errors_test.c tests/syscall_test.c \
	tests/time_test.c tests/net_test.c tests/tcpsock_test.c \
	tests/udpsock_test.c tests/iprawsock_test.c tests/unixsock_test.c \
	tests/lookup_test.c tests/fd_mutex_test.c tests/netpoll_test.c \
	tests/server_test.c tests/listen_test.c tests/timeout_test.c \
	tests/conn_test.c tests/error_test.c tests/protoconn_test.c \
	tests/packetconn_test.c tests/dial_test.c tests/stress_test.c \
	tests/context_test.c tests/rawconn_test.c tests/chan_test.c \
	tests/stack_test.c tests/dnsmessage/message_test.c \
	tests/mutex_test.c tests/rwmutex_test.c tests/waitgroup_test.c \
	tests/once_test.c tests/cond_test.c tests/sleep_test.c \
	tests/tick_test.c tests/sched_test.c tests/singleflight_test.c \
	tests/dnsname_test.c tests/godebug_test.c tests/interface_test.c \
	tests/pipe_test.c tests/dnsclient_test.c tests/proc_test.c \
	tests/netip/netip_test.c tests/netip/netip_pkg_test.c \
	tests/netip/uint128_test.c tests/io/io_test.c tests/io/multi_test.c \
	tests/bufio/bufio_test.c tests/resolverdialfunc_test.c $(OS_TEST_SRCS)
# Test code with no suite of its own: helpers, and Go's helper test files
# (slow_test.go, export_test.go) that hold no Test functions.
TEST_HELPERS = tests/mockserver.c tests/allocs_hook.c tests/iotest.c tests/golden.c \
	tests/netip/slow_test.c tests/netip/export_test.c

HDRS = runtime/runtime.h errors/errors.h io/io.h io/io_impl.h bufio/bufio.h unicode/utf8/utf8.h context/context.h context/context_impl.h os/os.h os/os_impl.h runtime/runtime_impl.h runtime/linkname.h runtime/linkname_sync.h runtime/linkname_time.h runtime/netpoll.h \
	runtime/chan.h runtime/runtime2.h runtime/stack.h \
	sync/sync.h sync/sync_impl.h time/time.h time/time_impl.h \
	syscall/syscall.h syscall/syscall_impl.h syscall/netlink_linux.h tests/mockserver.h tests/allocs_hook.h tests/iotest.h tests/golden.h \
	net/net.h net/netip/netip.h net/netip/netip_impl.h \
	internal/intern/intern.h internal/itoa/itoa.h internal/godebug/godebug.h internal/singleflight/singleflight.h sort/sort.h strconv/strconv.h net/net_impl.h net/dnsconfig.h tests/main_test.h tests/export_test.h \
	tests/netip/netip_test.h tests/interface_test.h \
	dnsmessage/dnsmessage.h dnsmessage/dnsmessage_impl.h

LIB_OBJS = $(LIB_SRCS:.c=.$(OX)) $(ARCH_ASMS:.S=.$(OX))
TEST_OBJS = $(TEST_SRCS:.c=.$(OX)) $(TEST_HELPERS:.c=.$(OX))

LIBA_o = $(ADIR)libgonet.a
LIBA_ao = $(ADIR)build/asan/libgonet.a
LIBA_to = $(ADIR)build/tsan/libgonet.a
LIBA_fo = build/fuzz/libgonet.a
LIBA = $(LIBA_$(OX))
# The tests and the tools that reach internals (net/net_impl.h,
# tests/export_test.h) link the plain objects; the installed libgonet.a
# shows only the public names.  The sanitizer builds link their tests only,
# so there the two are one archive.
LIBT_o = $(ADIR)build/libgonet_test.a
LIBT_ao = $(LIBA_ao)
LIBT_to = $(LIBA_to)
LIBT = $(LIBT_$(OX))
TESTBIN_o = $(ADIR)tests/gonet_test
TESTBIN_ao = $(ADIR)build/asan/gonet_test
TESTBIN_to = $(ADIR)build/tsan/gonet_test
TESTBIN = $(TESTBIN_$(OX))
NETPROBE_o = $(ADIR)tools/netprobe
NETPROBE_ao = $(ADIR)build/asan/netprobe
NETPROBE_to = $(ADIR)build/tsan/netprobe
NETPROBE = $(NETPROBE_$(OX))
SOCKOPTS_o = $(ADIR)tools/sockopts
SOCKOPTS_ao = $(ADIR)build/asan/sockopts
SOCKOPTS_to = $(ADIR)build/tsan/sockopts
SOCKOPTS = $(SOCKOPTS_$(OX))
SONAME = libgonet.so.$(VERSION_MAJOR)
# examples/ (see below) in the same three variants.
GONC_o = cmd/gonc/gonc
GONC_ao = build/asan/gonc
GONC_to = build/tsan/gonc
GONC = $(GONC_$(OX))
EXAMPLES = echoserver echoclient udpecho chat forward httpget
EXDIR_o = examples
EXDIR_ao = build/asan/examples
EXDIR_to = build/tsan/examples
EXDIR = $(EXDIR_$(OX))
EXAMPLE_BINS = $(EXDIR)/echoserver $(EXDIR)/echoclient $(EXDIR)/udpecho \
	$(EXDIR)/chat $(EXDIR)/forward $(EXDIR)/httpget

.SUFFIXES: .c .S .o .ao .to .fo .fuzz

.c.o:
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c $< -o $@
.c.ao:
	$(CC) $(ALL_CFLAGS) $(SAN_ao) $(CHECK_CFLAGS) -c $< -o $@
.c.to:
	$(CC) $(ALL_CFLAGS) $(SAN_to) $(CHECK_CFLAGS) -c $< -o $@
.S.o:
	$(CC) $(ALL_CFLAGS) -c $< -o $@
.S.ao:
	$(CC) $(ALL_CFLAGS) -c $< -o $@
.S.to:
	$(CC) $(ALL_CFLAGS) -c $< -o $@
.c.fo:
	$(FUZZCC) $(ALL_CFLAGS) $(SAN_fo) -c $< -o $@
.S.fo:
	$(FUZZCC) $(ALL_CFLAGS) -c $< -o $@

all: $(LIBA) $(ADIR)libgonet.so $(NETPROBE) $(SOCKOPTS) $(TESTBIN) \
    $(EXAMPLE_BINS) $(GONC)

$(LIB_OBJS) $(TEST_OBJS) tools/netprobe.$(OX) tools/netprobe_conv.$(OX) tools/netprobe_netip.$(OX) tools/netprobe_interface.$(OX) tools/netprobe_dns.$(OX) \
    tools/sockopts.$(OX) tools/sockinfo.$(OX): $(HDRS) tools/sockinfo.h \
    tools/netprobe.h Makefile mk/$(OS).mk mk/unix.mk mk/arch-$(GOARCH_ASM).mk

# The runner's suite list: one SUITE(name) per tests/name_test.c built.
$(TEST_OBJS): tests/suites.h
tests/suites.h: Makefile mk/$(OS).mk mk/unix.mk
	for f in $(TEST_SRCS); do case $$f in */main_test.c) ;; *_test.c) \
	    f=$${f##*/}; echo "SUITE($${f%_test.c})" ;; esac; done > $@

$(LIBT): $(LIB_OBJS)
	@mkdir -p $(ADIR)build/asan $(ADIR)build/tsan $(ADIR)tests $(ADIR)tools
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

PUBLIC_HDRS = runtime/runtime.h errors/errors.h io/io.h bufio/bufio.h context/context.h os/os.h runtime/chan.h syscall/syscall.h net/net.h \
	net/netip/netip.h dnsmessage/dnsmessage.h sync/sync.h time/time.h
PLAIN_OBJS = $(LIB_SRCS:.c=.o) $(ARCH_ASMS:.S=.o)

# The public names: defined by the objects and spelled in the headers.
$(ADIR)build/gonet.syms: $(PLAIN_OBJS) $(PUBLIC_HDRS) tools/mkmap.sh
	@mkdir -p $(ADIR)build
	sh tools/mkmap.sh syms $(PUBLIC_HDRS) -- $(PLAIN_OBJS) >$@

$(ADIR)build/gonet.map: $(ADIR)build/gonet.syms
	sh tools/mkmap.sh map $(ADIR)build/gonet.syms >$@

# One relocatable object whose other globals turn local, so a user's
# itoa_Itoa or io_copy never meets ours at the static link.
$(LIBA_o): $(PLAIN_OBJS) $(ADIR)build/gonet.syms
	$(LD) -r -o $(ADIR)build/libgonet.ro $(PLAIN_OBJS)
	$(OBJCOPY) --keep-global-symbols=$(ADIR)build/gonet.syms \
	    $(ADIR)build/libgonet.ro $(ADIR)build/libgonet.o
	rm -f $@
	ar rcs $@ $(ADIR)build/libgonet.o

$(ADIR)libgonet.so: $(PLAIN_OBJS) $(ADIR)build/gonet.map
	$(CC) -shared -pthread -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=$(ADIR)build/gonet.map -o $(ADIR)$(SONAME) \
	    $(PLAIN_OBJS) $(LDFLAGS)
	ln -sf $(SONAME) $@

# Neither library shows an internal name, and a program may define the
# generic ones (tools/linkcheck.sh); the plain build only.
LINKCHECK_o = linkcheck
linkcheck: $(LIBA_o) $(LIBT_o) $(ADIR)libgonet.so
	sh tools/linkcheck.sh $(ADIR)build/gonet.syms $(LIBA_o) \
	    $(ADIR)$(SONAME) $(LIBT_o)

# TestTCPReadWriteAllocs and TestAllocs count allocations: the link sends
# every malloc, calloc and realloc through tests/allocs_hook.c.
TEST_LDFLAGS = -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc

$(TESTBIN): $(TEST_OBJS) $(LIBT)
	@mkdir -p $(ADIR)build/asan $(ADIR)build/tsan $(ADIR)tests $(ADIR)tools
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(TEST_OBJS) $(LIBT) \
	    $(CHECK_LIBS) $(TEST_LDFLAGS) $(LDFLAGS)

$(NETPROBE): tools/netprobe.$(OX) tools/netprobe_conv.$(OX) tools/netprobe_netip.$(OX) tools/netprobe_interface.$(OX) tools/netprobe_dns.$(OX) \
    tools/sockinfo.$(OX) $(LIBT)
	@mkdir -p $(ADIR)build/asan $(ADIR)build/tsan $(ADIR)tests $(ADIR)tools
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ tools/netprobe.$(OX) \
	    tools/netprobe_conv.$(OX) tools/netprobe_netip.$(OX) tools/netprobe_interface.$(OX) tools/netprobe_dns.$(OX) tools/sockinfo.$(OX) $(LIBT) $(LDFLAGS)

$(SOCKOPTS): tools/sockopts.$(OX) tools/sockinfo.$(OX) $(LIBT)
	@mkdir -p $(ADIR)build/asan $(ADIR)build/tsan $(ADIR)tests $(ADIR)tools
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ tools/sockopts.$(OX) \
	    tools/sockinfo.$(OX) $(LIBT) $(LDFLAGS)

# Fuzzing: one small file per target in tests/fuzz/ (NAME.c, seeds in
# tests/fuzz/corpus/NAME/), linked into NAME.fuzz by the rule below with
# the library built for fuzzing.  A new parser's target is that file plus
# its name in FUZZ_SRCS.  FUZZTIME is the seconds each target runs.
FUZZ_SRCS = tests/fuzz/parseip.c tests/fuzz/parsecidr.c \
	tests/fuzz/parsemac.c tests/fuzz/hostport.c tests/fuzz/resolve.c \
	tests/fuzz/hosts.c tests/fuzz/services.c tests/fuzz/resolvconf.c \
	tests/fuzz/nsswitch.c tests/fuzz/netipparse.c \
	tests/fuzz/dnsmessage.c
FUZZ_BINS = $(FUZZ_SRCS:.c=.fuzz)
FUZZTIME = 10

$(LIB_SRCS:.c=.fo): $(HDRS) Makefile mk/$(OS).mk mk/unix.mk
$(FUZZ_SRCS:.c=.fo): $(HDRS) tests/fuzz/fuzz.h Makefile
$(FUZZ_BINS): $(LIBA_fo)

$(LIBA_fo): $(LIB_SRCS:.c=.fo) $(ARCH_ASMS:.S=.fo)
	@mkdir -p build/fuzz
	rm -f $@
	ar rcs $@ $(LIB_SRCS:.c=.fo) $(ARCH_ASMS:.S=.fo)

.fo.fuzz:
	$(FUZZCC) $(ALL_CFLAGS) $(SAN_fo) -fsanitize=fuzzer -o $@ $< \
	    $(LIBA_fo) $(LDFLAGS)
# Every public header must compile as C++ (tests/cxx/cxx_test.cc), in
# the oldest and a current standard the headers promise.
CXXTEST_o = build/cxx/cxx_test
CXXTEST_ao = build/asan/cxx_test
CXXTEST_to = build/tsan/cxx_test
CXXTEST = $(CXXTEST_$(OX))
CXX_FLAGS = $(WARN) -Wpedantic -I. -pthread $(CFLAGS) $(SAN)

$(CXXTEST): tests/cxx/cxx_test.cc $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p build/cxx build/asan build/tsan
	$(CXX) -std=c++11 $(CXX_FLAGS) -o $@-11 tests/cxx/cxx_test.cc \
	    $(LIBA) $(LDFLAGS)
	$(CXX) -std=c++17 $(CXX_FLAGS) -o $@ tests/cxx/cxx_test.cc \
	    $(LIBA) $(LDFLAGS)

# examples/: small programs for people who use gonet, each built against
# the library like a user's program and exercised by tools/examples.sh.
EXAMPLE_CC = $(CC) -std=c11 $(WARN) -I. -pthread $(CFLAGS) $(SAN)

$(EXDIR)/echoserver: examples/echoserver.c $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p $(EXDIR)
	$(EXAMPLE_CC) -o $@ examples/echoserver.c $(LIBA) $(LDFLAGS)
$(EXDIR)/echoclient: examples/echoclient.c $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p $(EXDIR)
	$(EXAMPLE_CC) -o $@ examples/echoclient.c $(LIBA) $(LDFLAGS)
$(EXDIR)/udpecho: examples/udpecho.c $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p $(EXDIR)
	$(EXAMPLE_CC) -o $@ examples/udpecho.c $(LIBA) $(LDFLAGS)
$(EXDIR)/chat: examples/chat.c $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p $(EXDIR)
	$(EXAMPLE_CC) -o $@ examples/chat.c $(LIBA) $(LDFLAGS)
$(EXDIR)/forward: examples/forward.c $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p $(EXDIR)
	$(EXAMPLE_CC) -o $@ examples/forward.c $(LIBA) $(LDFLAGS)
$(EXDIR)/httpget: examples/httpget.c $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p $(EXDIR)
	$(EXAMPLE_CC) -o $@ examples/httpget.c $(LIBA) $(LDFLAGS)

MANPAGES = cmd/gonc/gonc.1 docs/gonet.3

# gonc, a netcat on gonet (cmd/gonc, gonc(1)); make install installs it.
$(GONC): cmd/gonc/gonc.c $(PUBLIC_HDRS) $(LIBA)
	@mkdir -p build/asan build/tsan
	$(CC) -std=c11 $(WARN) $(OS_CPPFLAGS) -I. -pthread $(CFLAGS) $(SAN) \
	    -o $@ cmd/gonc/gonc.c $(LIBA) $(LDFLAGS)

# Benchmarks (docs/PERFORMANCE.md): gonet, its Go twin and the raw C
# floor, each as NAME=BINARY for tools/bench.sh; another implementation is
# one more word here (and a rule for its binary).  A C program's rule also
# links its placements for micro (tools/benchpad.sh).  BENCH_QUICK=1 runs a
# smoke test: every workload about tenfold smaller, one round.  Never part
# of test.
BENCH_IMPLS = gonet=build/bench/bench gonet-g=build/bench/bench-g \
	go=build/bench/bench-go raw=build/bench/bench_raw

# BENCH_ROUNDS=N runs N rounds instead of tools/bench.sh's three: on a
# noisy host a median of three cannot settle a 10% difference.
BENCH_ROUNDS =
BENCH_ROUNDS_ARG = $(BENCH_ROUNDS:%=-r %)

# make bench-compare OLD=COMMIT runs the same benchmark with one more
# implementation, gonet-old: today's tools/bench.c on COMMIT's library
# (tools/benchold.sh builds it in build/bench-old), and the summary adds
# the per-round ratios gonet/gonet-old.  OLD defaults to f1f1d59, the last
# commit before issue 8.
OLD = f1f1d59

build/bench/benchrun: tools/benchrun.c
	@mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -o $@ tools/benchrun.c $(LDFLAGS)

build/bench/bench: tools/bench.c tools/benchgate.h $(LIBA_o) $(HDRS)
	@mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -o $@ tools/bench.c $(LIBA_o) $(LDFLAGS)
	sh tools/benchpad.sh $@ $(CC) $(ALL_CFLAGS) tools/bench.c $(LIBA_o) $(LDFLAGS)

# gonet-g: the same program with a goroutine wherever bench starts a thread.
build/bench/bench-g: tools/bench.c tools/benchgate.h $(LIBA_o) $(HDRS)
	@mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -DBENCH_GOROUTINES -o $@ tools/bench.c $(LIBA_o) $(LDFLAGS)
	sh tools/benchpad.sh $@ $(CC) $(ALL_CFLAGS) -DBENCH_GOROUTINES tools/bench.c $(LIBA_o) $(LDFLAGS)

build/bench/bench_raw: tools/bench_raw.c tools/benchgate.h
	@mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -o $@ tools/bench_raw.c $(LDFLAGS)

build/bench/bench-go: tests/bench/bench.go
	@mkdir -p build/bench
	sh tools/gobuild.sh $(GO) $@ tests/bench/bench.go

tools/netprobe-go: tests/diff/netprobe.go
	sh tools/gobuild.sh $(GO) $@ tests/diff/netprobe.go

# The user-facing targets first install what is missing (tools/setup.sh is
# idempotent), then re-enter make so that pkg-config answers are fresh.
test:
	sh tools/setup.sh
	$(MAKE) check

# Every suite runs in every build (an empty list is all of them); under
# TSan the diff is skipped.
SUITES_o =
SUITES_ao =
SUITES_to =
# The second run, every test body in a goroutine: every suite in every
# build.  CI's bmake run narrows it on the command line (GSUITES_o=...),
# as anyone may to rerun a few suites.
GSUITES_o = $(SUITES_o)
GSUITES_ao = $(SUITES_ao)
GSUITES_to = $(SUITES_to)
# The TSan build runs the tests in short mode (GONET_TEST_SHORT=1, Go's
# -short), as Go's race runs do: -race multiplies every cost, and the
# tests Go keeps for its unloaded longtest builders (TestDialerFallbackDelay
# and its 95 ms slop) skip themselves there.
SHORT_o =
SHORT_ao =
SHORT_to = GONET_TEST_SHORT=1
DIFFMODE_o = --if-go
DIFFMODE_ao = --if-go
DIFFMODE_to = --skip

# test-loaded runs the timing-sensitive suites again while a busy loop
# competes for a CPU (tools/loaded.sh); SANITIZE picks the build as above.
TIMING_SUITES = timeout dial conn server netpoll fd_mutex context net \
	tcpsock udpsock unixsock stress
test-loaded: $(TESTBIN)
	$(SHORT_$(OX)) sh tools/loaded.sh $(TESTBIN) $(TIMING_SUITES)

# The suites whose lookups need a server run again beside nsd, in the
# private namespace of tools/dnsns.sh (it skips them where it cannot).
DNSNS_SUITES = lookup ip netgo_unix dnsclient_unix

check: $(TESTBIN) $(NETPROBE) $(SOCKOPTS) $(CXXTEST) $(EXAMPLE_BINS) $(GONC) \
    $(LINKCHECK_$(OX))
	$(SHORT_$(OX)) sh tools/runtests.sh $(TESTBIN) $(SUITES_$(OX))
	for s in $(DNSNS_SUITES); do \
	    CK_RUN_SUITE=$$s sh tools/dnsns.sh $(TESTBIN) || exit 1; done
	GONET_TEST_IN_GOROUTINE=1 $(SHORT_$(OX)) sh tools/runtests.sh \
	    $(TESTBIN) $(GSUITES_$(OX))
	$(MAKE) GOARCH_ASM=generic SANITIZE=$(SANITIZE) check-stack
	$(CXXTEST)-11 && $(CXXTEST)
	sh tools/examples.sh $(EXDIR)
	CC="$(CC) $(SAN)" sh tools/readme.sh $(LIBA)
	sh tools/gonc_test.sh $(GONC)
	@if command -v mandoc >/dev/null; then \
	    mandoc -T lint -W warning $(MANPAGES) && echo "mandoc: $(MANPAGES) clean"; \
	else echo "SKIP mandoc lint: mandoc is not installed (tools/setup.sh)"; fi
	sh tools/sockopts.sh $(SOCKOPTS) "$(GO)"
	sh tools/gotests.sh --check
	sh tools/diff.sh $(DIFFMODE_$(OX)) $(NETPROBE) tools/netprobe-go "$(GO)"

# The suites again, in both modes, with GOMAXPROCS other than the CPU
# count: one P, where a goroutine asleep in a call the runtime never saw
# (the tests' own nanosleep and pthread waits) must not stall the rest
# (stand-in Ps, docs/DESIGN.md), and more Ps than CPUs, where GOMAXPROCS
# shrinks away the P a test runs on.  CI runs it on the plain build.
PROCS_SETTINGS = 1 5
check-procs: $(TESTBIN)
	for p in $(PROCS_SETTINGS); do \
	    GOMAXPROCS=$$p $(SHORT_$(OX)) sh tools/runtests.sh $(TESTBIN) \
		$(SUITES_$(OX)) || exit 1; \
	    GOMAXPROCS=$$p GONET_TEST_IN_GOROUTINE=1 $(SHORT_$(OX)) \
		sh tools/runtests.sh $(TESTBIN) $(GSUITES_$(OX)) || exit 1; \
	done

# The stack suite alone; check runs it once more over the ucontext
# fallback, which make check GOARCH_ASM=generic uses for every suite.
check-stack: $(TESTBIN)
	sh tools/runtests.sh $(TESTBIN) stack

diff:
	sh tools/setup.sh
	$(MAKE) $(NETPROBE)
	sh tools/diff.sh $(NETPROBE) tools/netprobe-go "$(GO)"

# Plants faults in a copy of the built tree and requires the harness to
# catch each one (tools/plantfault.sh); the plain build only.
plantfault:
	sh tools/setup.sh
	$(MAKE) $(NETPROBE_o) $(SOCKOPTS_o) tools/netprobe-go SANITIZE=
	sh tools/plantfault.sh "$(MAKE)"

demo:
	sh tools/setup.sh
	$(MAKE) $(NETPROBE) $(SOCKOPTS)
	sh tools/demo.sh $(NETPROBE) tools/netprobe-go "$(GO)" $(SOCKOPTS)

sockopts:
	sh tools/setup.sh
	$(MAKE) $(SOCKOPTS)
	sh tools/sockopts.sh $(SOCKOPTS) "$(GO)"

bench:
	sh tools/setup.sh bench
	$(MAKE) build/bench/benchrun `echo $(BENCH_IMPLS) | tr ' ' '\n' | sed 's/.*=//'`
	BENCH_QUICK=$(BENCH_QUICK) sh tools/bench.sh $(BENCH_ROUNDS_ARG) \
	    $(BENCH_IMPLS)

bench-compare:
	sh tools/setup.sh bench
	$(MAKE) build/bench/benchrun `echo $(BENCH_IMPLS) | tr ' ' '\n' | sed 's/.*=//'`
	MAKE="$(MAKE)" CC="$(CC)" sh tools/benchold.sh $(OLD)
	BENCH_QUICK=$(BENCH_QUICK) sh tools/bench.sh $(BENCH_ROUNDS_ARG) \
	    $(BENCH_IMPLS) gonet-old=build/bench-old/bench

fuzz:
	sh tools/setup.sh fuzz
	$(MAKE) $(FUZZ_BINS)
	sh tools/fuzz.sh $(FUZZTIME) $(FUZZ_BINS)

bench-plot:
	sh tools/setup.sh plot
	sh tools/benchplot.sh build/bench/bench.csv docs/bench.png

install: $(LIBA_o) libgonet.so $(GONC_o)
	sh tools/install.sh "$(DESTDIR)" "$(PREFIX)" $(SONAME) $(VERSION)

# Generated files (z*.c) keep their generator's layout.
format:
	clang-format -i `echo $(LIB_SRCS) $(TEST_SRCS) $(TEST_HELPERS) $(HDRS) tools/netprobe.c \
	    tools/netprobe_conv.c tools/netprobe_netip.c tools/netprobe_interface.c tools/netprobe_dns.c tools/netprobe.h tools/sockopts.c \
	    tools/sockinfo.c tools/sockinfo.h tools/bench.c tools/bench_raw.c tools/benchgate.h \
	    tools/benchrun.c $(FUZZ_SRCS) tests/fuzz/fuzz.h \
	    $(EXAMPLES:%=examples/%.c) cmd/gonc/gonc.c tests/cxx/cxx_test.cc | \
	    tr ' ' '\n' | grep -v -e '/z[a-z_0-9]*\.c$$' -e '^strconv/isprint\.c$$'`

clean:
	rm -f tests/suites.h
	rm -f $(LIB_SRCS:.c=.o) $(LIB_SRCS:.c=.ao) $(LIB_SRCS:.c=.to)
	rm -f runtime/asm_*.*o runtime/sys_*.*o
	rm -f $(TEST_SRCS:.c=.o) $(TEST_SRCS:.c=.ao) $(TEST_SRCS:.c=.to)
	rm -f $(TEST_HELPERS:.c=.o) $(TEST_HELPERS:.c=.ao) $(TEST_HELPERS:.c=.to)
	rm -f $(LIB_SRCS:.c=.fo) $(FUZZ_SRCS:.c=.fo) $(FUZZ_BINS)
	rm -f tools/netprobe.o tools/netprobe.ao tools/netprobe.to
	rm -f tools/netprobe_conv.o tools/netprobe_conv.ao tools/netprobe_conv.to
	rm -f tools/netprobe_netip.o tools/netprobe_netip.ao tools/netprobe_netip.to
	rm -f tools/netprobe_interface.o tools/netprobe_interface.ao tools/netprobe_interface.to
	rm -f tools/netprobe_dns.o tools/netprobe_dns.ao tools/netprobe_dns.to
	rm -f tools/sockopts tools/sockopts.o tools/sockopts.ao tools/sockopts.to
	rm -f tools/sockinfo.o tools/sockinfo.ao tools/sockinfo.to
	rm -f libgonet.a libgonet.so libgonet.so.* tests/gonet_test
	rm -f tools/netprobe tools/netprobe-go
	cd examples && rm -f $(EXAMPLES)
	rm -f $(GONC_o)
	rm -rf build

.PHONY: all test test-loaded check check-stack check-procs diff plantfault \
	demo sockopts bench bench-compare bench-plot install format clean \
	linkcheck
.PHONY: all test check diff demo sockopts fuzz bench bench-plot install \
	format clean
