#!/bin/sh
# gotests.sh [--check]: regenerates tests/GO_TESTS.md, the list of every
# Test function of the Go 1.19 tests gonet ports (src/net/*_test.go,
# src/internal/poll/*_test.go, the runtime test files of RUNTIME_TESTS
# below, src/sync/*_test.go, time's sleep_test.go and tick_test.go, and the
# vendored dnsmessage's, whose test file Go's tree lacks:
# tests/testdata/dnsmessage/message_test.go is x/net d99f623d45a4's,
# twinned with tests/dnsmessage/message_test.c), and net/netip's (twinned
# with tests/netip/<base>.c) and internal/singleflight's and
# internal/godebug's (tests/<base>.c), with its state in gonet:
#   ported   tests/<go file base>.c defines START_TEST(TestXxx) and
#            registers it with tcase_add_test (or another tcase_add_*test*);
#   partial  ported, but a line in tests/go_tests_status.txt says which of
#            its subtests (or rows) are not, and the issue that will add them;
#   pending  a line in tests/go_tests_status.txt names the issue area;
#   n/a      a line in tests/go_tests_status.txt gives the reason.
# An internal/poll test file whose name is also a net test file
# (error_test.go, writev_test.go) maps to tests/poll_<base>.c.
#
# --check writes nothing: it fails (exit 1) with a diff if tests/GO_TESTS.md
# is stale. Both modes fail if a Go test that applies on Linux has neither a
# port nor a status line, if a status line is malformed or names no such
# test, if a ported test has a pending or n/a line (stale), if a test with
# a partial line is not ported, or if a tests/*.c twinned with a net,
# internal/poll, runtime, sync, time or dnsmessage test file defines a
# TestXxx that file lacks (tests/errors_test.c, time_test.c and
# syscall_test.c test gonet support code and are not checked).  Each
# package after net gets a section of its own.
#
# Run from the repo root. GOSRC overrides Go's source dir
# (default /usr/share/go-1.19/src). POSIX sh, awk, sed, grep only.

set -u
LC_ALL=C
export LC_ALL

GOSRC=${GOSRC:-/usr/share/go-1.19/src}
OUT=tests/GO_TESTS.md
STATUS=tests/go_tests_status.txt
check=0
case ${1:-} in
--check) check=1 ;;
'') ;;
*) echo "usage: sh tools/gotests.sh [--check]" >&2; exit 2 ;;
esac

if [ ! -f "$GOSRC/net/ip_test.go" ] || [ ! -d "$GOSRC/internal/poll" ]; then
	echo "gotests: no Go 1.19 source at $GOSRC (set GOSRC)" >&2
	exit 2
fi
if [ ! -d tests ] || [ ! -f "$STATUS" ]; then
	echo "gotests: run from the repo root (need tests/ and $STATUS)" >&2
	exit 2
fi

tmp=${TMPDIR:-/tmp}/gotests.$$
rm -rf "$tmp"
mkdir "$tmp" || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# The Go test files, net first, each as "pkgdir<TAB>path<TAB>cfile".
: >"$tmp/gofiles"
for f in "$GOSRC"/net/*_test.go; do
	[ -f "$f" ] || continue
	b=${f##*/}
	printf 'net\t%s\ttests/%s.c\n' "$f" "${b%.go}" >>"$tmp/gofiles"
done
for f in "$GOSRC"/internal/poll/*_test.go; do
	[ -f "$f" ] || continue
	b=${f##*/}
	c=tests/${b%.go}.c
	[ -f "$GOSRC/net/$b" ] && c=tests/poll_${b%.go}.c
	printf 'internal/poll\t%s\ttests/%s\n' "$f" "${c#tests/}" >>"$tmp/gofiles"
done
# The runtime test files whose subject gonet's runtime ports (channels,
# stacks).
RUNTIME_TESTS="chan_test.go proc_test.go stack_test.go"
for b in $RUNTIME_TESTS; do
	printf 'runtime\t%s\ttests/%s.c\n' "$GOSRC/runtime/$b" "${b%.go}" >>"$tmp/gofiles"
done
printf 'dnsmessage\t%s\ttests/dnsmessage/message_test.c\n' \
    tests/testdata/dnsmessage/message_test.go >>"$tmp/gofiles"
# Package sync's tests, and the tests of package time's sleeping half.
for f in "$GOSRC"/sync/*_test.go "$GOSRC"/time/sleep_test.go \
    "$GOSRC"/time/tick_test.go; do
	[ -f "$f" ] || continue
	b=${f##*/}
	d=${f%/*}
	printf '%s\t%s\ttests/%s.c\n' "${d##*/}" "$f" "${b%.go}" >>"$tmp/gofiles"
done
# internal/singleflight (the resolver's lookupGroup) and internal/godebug
# (GODEBUG=netdns): tests/singleflight_test.c, tests/godebug_test.c.
for p in singleflight godebug; do
	printf 'internal/%s\t%s\ttests/%s_test.c\n' "$p" \
	    "$GOSRC/internal/$p/${p}_test.go" "$p" >>"$tmp/gofiles"
done
# Package context: x_test.go holds the TestXxx names (wrapping
# context_test.go's XTestXxx bodies); tests/context_test.c ports them.
printf 'context\t%s\ttests/context_test.c\n' "$GOSRC/context/x_test.go" \
    >>"$tmp/gofiles"
# net/netip: each foo_test.go is tests/netip/foo_test.c.
for f in "$GOSRC"/net/netip/*_test.go; do
	[ -f "$f" ] || continue
	b=${f##*/}
	printf 'net/netip\t%s\ttests/netip/%s.c\n' "$f" "${b%.go}" >>"$tmp/gofiles"
done

# Packages io and bufio: the test files whose subjects gonet's io and bufio
# port (io.go, multi.go, bufio.go), twinned with tests/<pkg>/<base>.c.
for f in "$GOSRC"/io/io_test.go "$GOSRC"/io/multi_test.go \
    "$GOSRC"/bufio/bufio_test.go; do
	[ -f "$f" ] || continue
	b=${f##*/}
	d=${f%/*}
	printf '%s\t%s\ttests/%s/%s.c\n' "${d##*/}" "$f" "${d##*/}" "${b%.go}" >>"$tmp/gofiles"
done

# The C test files, each as "cfile<TAB>twin Go file or empty".
: >"$tmp/cfiles"
for c in tests/*.c; do
	[ -f "$c" ] || continue
	b=${c##*/}
	b=${b%.c}
	twin=
	case $b in
	poll_*)
		[ -f "$GOSRC/internal/poll/${b#poll_}.go" ] &&
		    twin=$GOSRC/internal/poll/${b#poll_}.go ;;
	esac
	case $b in
	context_test) twin=$GOSRC/context/x_test.go ;;
	esac
	if [ -z "$twin" ]; then
		for p in net internal/poll internal/singleflight internal/godebug sync \
		    errors syscall time os runtime; do
			if [ -f "$GOSRC/$p/$b.go" ]; then
				twin=$GOSRC/$p/$b.go
				break
			fi
		done
	fi
	printf '%s\t%s\n' "$c" "$twin" >>"$tmp/cfiles"
done
printf '%s\t%s\n' tests/dnsmessage/message_test.c \
    tests/testdata/dnsmessage/message_test.go >>"$tmp/cfiles"
for c in tests/io/*.c tests/bufio/*.c; do
	[ -f "$c" ] || continue
	b=${c##*/}
	d=${c%/*}
	d=${d##*/}
	twin=
	[ -f "$GOSRC/$d/${b%.c}.go" ] && twin=$GOSRC/$d/${b%.c}.go
	printf '%s\t%s\n' "$c" "$twin" >>"$tmp/cfiles"
done
for c in tests/netip/*.c; do
	[ -f "$c" ] || continue
	b=${c##*/}
	twin=
	[ -f "$GOSRC/net/netip/${b%.c}.go" ] && twin=$GOSRC/net/netip/${b%.c}.go
	printf '%s\t%s\n' "$c" "$twin" >>"$tmp/cfiles"
done

awk -v gosrc="$GOSRC" -v statusfile="$STATUS" -v out="$tmp/new.md" '
BEGIN {
	FS = "\t"
	nerr = 0
	split("aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos", a, " ")
	for (i in a) GOOS[a[i]] = 1
	split("386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm", a, " ")
	for (i in a) GOARCH[a[i]] = 1
	# Linux builds, with and without cgo and netgo: a file applies on
	# Linux when its constraint holds in any of them.
	ncfg = split("cgo||netgo|cgo netgo", CFG, "|")
	split("linux unix gc amd64", a, " ")
	for (i in a) BASE[a[i]] = 1
}
function err(msg) {
	print "gotests: " msg > "/dev/stderr"
	nerr++
}
function warn(msg) {
	print "gotests: warning: " msg > "/dev/stderr"
}

# --- Go //go:build expressions --------------------------------------
function tagval(t) {
	if ((t in BASE) || (t in CUR)) return 1
	if (t ~ /^go1\.[0-9]+$/) return (substr(t, 5) + 0 <= 19)
	return 0
}
function pexpr(   v, r) {
	v = pand()
	while (TOK[tp] == "||") { tp++; r = pand(); v = v || r }
	return v
}
function pand(   v, r) {
	v = punary()
	while (TOK[tp] == "&&") { tp++; r = punary(); v = v && r }
	return v
}
function punary(   v) {
	if (TOK[tp] == "!") { tp++; return !punary() }
	if (TOK[tp] == "(") {
		tp++
		v = pexpr()
		if (TOK[tp] != ")") bad = 1
		tp++
		return v
	}
	if (tp > ntok) { bad = 1; return 0 }
	return tagval(TOK[tp++])
}
function buildok(expr, file,   e, i, k, j, v) {
	e = expr
	gsub(/\(/, " ( ", e); gsub(/\)/, " ) ", e)
	gsub(/&&/, " & ", e); gsub(/\|\|/, " || ", e); gsub(/!/, " ! ", e)
	ntok = split(e, TOK, " ")
	for (k = 1; k <= ncfg; k++) {
		for (j in CUR) delete CUR[j]
		split(CFG[k], a2, " ")
		for (j in a2) if (a2[j] != "") CUR[a2[j]] = 1
		tp = 1; bad = 0
		v = pexpr()
		if (bad || tp <= ntok) { err(file ": cannot parse //go:build " expr); return 1 }
		if (v) return 1
	}
	return 0
}
function nameok(base,   n, p, i) {
	# Go: the part before the first underscore never counts.
	sub(/_test\.go$/, "", base)
	sub(/\.go$/, "", base)
	n = split(base, p, "_")
	if (n >= 3 && (p[n-1] in GOOS) && (p[n] in GOARCH)) return p[n-1] == "linux"
	if (n >= 2 && (p[n] in GOOS)) return p[n] == "linux"
	return 1	# no suffix, or an arch suffix: Linux runs on every arch
}

# --- Go test files ----------------------------------------------------
# Reads f; sets PKG, CONSTRAINT and TESTS[1..n] (Go test functions in
# source order); returns n.
function readgo(f,   line, n, nm) {
	n = 0; PKG = ""; CONSTRAINT = ""
	while ((getline line < f) > 0) {
		if (PKG == "" && CONSTRAINT == "" && line ~ /^\/\/go:build /)
			CONSTRAINT = substr(line, 12)
		if (PKG == "" && line ~ /^package /) {
			PKG = line; sub(/^package[ \t]+/, "", PKG); sub(/[ \t].*/, "", PKG)
		}
		if (line ~ /^func Test([^a-z(][A-Za-z0-9_]*)?\([A-Za-z_0-9]* \*testing\.T\)/) {
			nm = substr(line, 6); sub(/\(.*/, "", nm)
			TESTS[++n] = nm
		}
	}
	close(f)
	return n
}

# --- C test files -----------------------------------------------------
function readc(c,   line, s, m, nm) {
	s = ""
	while ((getline line < c) > 0) s = s " " line
	close(c)
	# Drop comments (roughly: enough that commented-out code never counts).
	gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", s)
	m = s
	while (match(m, /START_TEST[ \t]*\([ \t]*[A-Za-z_][A-Za-z0-9_]*/)) {
		nm = substr(m, RSTART, RLENGTH); sub(/.*\([ \t]*/, "", nm)
		DEF[c, nm] = 1
		if (!((c, nm) in DEFSEEN)) { DEFSEEN[c, nm] = 1; DEFS[c] = DEFS[c] " " nm }
		m = substr(m, RSTART + RLENGTH)
	}
	m = s
	while (match(m, /tcase_add_[a-z_]*test[a-z_]*[ \t]*\([^,()]*,[ \t]*[A-Za-z_][A-Za-z0-9_]*/)) {
		nm = substr(m, RSTART, RLENGTH); sub(/.*,[ \t]*/, "", nm)
		REG[c, nm] = 1
		m = substr(m, RSTART + RLENGTH)
	}
}

function cell(s) { gsub(/\|/, "\\|", s); return s }

END {
	# Status lines.
	nl = 0
	while ((getline line < statusfile) > 0) {
		nl++
		if (line ~ /^[ \t]*(#|$)/) continue
		nf = split(line, F, "\t")
		where = statusfile ":" nl
		if (nf != 4 || F[1] == "" || F[2] == "" || F[4] == "") { err(where ": want GoFile<TAB>TestName<TAB>status<TAB>note"); continue }
		if (F[3] != "pending" && F[3] != "n/a" && F[3] != "partial") { err(where ": status must be pending, partial or n/a, not " F[3]); continue }
		if (F[3] != "n/a" && F[4] !~ /\((issue [0-9]+|later issue)\)$/) { err(where ": " F[3] " note must end with (issue N) or (later issue): " F[4]); continue }
		k = F[1] SUBSEP F[2]
		if (k in ST) { err(where ": duplicate line for " F[1] " " F[2]); continue }
		ST[k] = F[3]; NOTE[k] = F[4]; STLINE[k] = where
	}
	close(statusfile)

	# C files and their twins.
	nc = 0
	while ((getline line < (tmpd "/cfiles")) > 0) {
		split(line, F, "\t")
		CF[++nc] = F[1]; CTWIN[F[1]] = F[2]
		readc(F[1])
	}

	# Go files.
	ng = 0
	while ((getline line < (tmpd "/gofiles")) > 0) {
		split(line, F, "\t")
		ng++
		GDIR[ng] = F[1]; GPATH[ng] = F[2]; GC[ng] = F[3]
		b = F[2]; sub(/.*\//, "", b)
		GREL[ng] = F[1] "/" b
		GBASE[ng] = b
		n = readgo(F[2])
		GN[ng] = n; GPKG[ng] = PKG; GCON[ng] = CONSTRAINT
		for (i = 1; i <= n; i++) { GT[ng, i] = TESTS[i]; KNOWN[GREL[ng], TESTS[i]] = 1 }
		GOK[ng] = nameok(b) && (CONSTRAINT == "" || buildok(CONSTRAINT, GREL[ng]))
	}

	# Drift: every TestXxx a C file defines must be a Go test of its twin.
	for (i = 1; i <= nc; i++) {
		c = CF[i]
		if (DEFS[c] == "") continue
		# Tests of the errors, syscall and time support code twin no
		# file listed here.
		if (CTWIN[c] != "" && CTWIN[c] !~ /\/(net|net\/netip|internal\/poll|internal\/singleflight|internal\/godebug|runtime|sync|context|dnsmessage|io|bufio)\/[^\/]*$/ &&
		    CTWIN[c] !~ /\/time\/(sleep|tick)_test\.go$/) continue
		nd = split(DEFS[c], D, " ")
		tw = CTWIN[c]
		for (k in TW) delete TW[k]
		if (tw != "") { n = readgo(tw); for (j = 1; j <= n; j++) TW[TESTS[j]] = 1 }
		for (j = 1; j <= nd; j++) {
			nm = D[j]
			if (nm !~ /^Test/) continue
			if (tw == "")
				err(c ": defines " nm " but has no twin Go test file")
			else if (!(nm in TW)) {
				t2 = tw; sub("^" gosrc "/", "", t2)
				err(c ": defines " nm ", which is not a Test in " t2)
			} else if (!((c, nm) in REG))
				warn(c ": defines " nm " but never registers it (tcase_add_test)")
		}
	}

	# Status lines must name real tests of applicable files.
	for (k in ST) {
		split(k, P, SUBSEP)
		if (!((P[1], P[2]) in KNOWN)) err(STLINE[k] ": no Test " P[2] " in Go file " P[1])
	}

	# Classify.
	nport = npart = npend = nna = nmiss = nappl = nexcl = 0
	for (g = 1; g <= ng; g++) {
		if (!GOK[g]) {
			for (i = 1; i <= GN[g]; i++)
				if ((GREL[g], GT[g, i]) in ST)
					err(STLINE[GREL[g], GT[g, i]] ": " GREL[g] " is excluded on Linux by its build constraint")
			nexcl += GN[g]
			continue
		}
		for (i = 1; i <= GN[g]; i++) {
			t = GT[g, i]; k = GREL[g] SUBSEP t
			nappl++
			if (((GC[g], t) in DEF) && ((GC[g], t) in REG)) {
				S[g, i] = "ported"; W[g, i] = "`" GC[g] "`"
				if (k in ST && ST[k] == "partial") {
					S[g, i] = "partial"; W[g, i] = W[g, i] "; " NOTE[k]; npart++
				} else if (k in ST)
					err(STLINE[k] ": " t " is ported (" GC[g] "), so its " ST[k] " line is stale: remove it, or mark it partial")
				else
					nport++
			} else if ((k in ST) && ST[k] == "partial") {
				S[g, i] = "**missing**"; W[g, i] = "marked partial but not ported in `" GC[g] "`"
				nmiss++
				err(STLINE[k] ": " t " is marked partial but " GC[g] " does not port it")
			} else if (k in ST) {
				S[g, i] = ST[k]; W[g, i] = NOTE[k]
				if (ST[k] == "pending") {
					npend++
					if (!(NOTE[k] in AREA)) AREAS[++narea] = NOTE[k]
					AREA[NOTE[k]]++
				} else
					nna++
			} else {
				S[g, i] = "**missing**"; W[g, i] = "no port and no line in `" statusfile "`"
				nmiss++
				err(GREL[g] ": " t " has no port in " GC[g] " and no line in " statusfile)
			}
		}
	}

	# Sort the areas by name (few; insertion sort).
	for (i = 2; i <= narea; i++)
		for (j = i; j > 1 && tolower(AREAS[j-1]) > tolower(AREAS[j]); j--) { x = AREAS[j]; AREAS[j] = AREAS[j-1]; AREAS[j-1] = x }

	o = out
	print "# Go 1.19 tests in gonet: net, internal/poll, sync, time, context" > o
	print "" > o
	print "Generated by `sh tools/gotests.sh` from the Go test sources, `tests/*.c` and" > o
	print "`tests/go_tests_status.txt`; do not edit by hand. Edit the status file (or" > o
	print "port a test) and rerun; `sh tools/gotests.sh --check` fails when this file" > o
	print "is stale, when a Go test has neither a port nor a status line, when a" > o
	print "ported test still has a pending or n/a line, or when a C test named" > o
	print "`TestXxx` is not a Test of its twin Go file." > o
	print "" > o
	print "Each Go `foo_test.go` becomes `tests/foo_test.c` (an internal/poll file whose" > o
	print "name is also a net file becomes `tests/poll_foo_test.c`), and each Go" > o
	print "`TestXxx` a Check test of the same name. A test is **ported** when that file" > o
	print "defines `START_TEST(TestXxx)` and registers it with `tcase_add_test` (or" > o
	print "another `tcase_add_*test*`); a **partial** test is ported but some of its" > o
	print "subtests or rows are not yet, and the note says which and the issue that" > o
	print "will add them; **pending** tests name the issue area that will port them;" > o
	print "**n/a** tests cannot apply to gonet on Linux, with the reason. A ported" > o
	print "test has no status line unless it is partial." > o
	print "" > o
	print "## Summary" > o
	print "" > o
	print "| status | tests |" > o
	print "|---|---:|" > o
	print "| ported | " nport " |" > o
	print "| partial (ported, some subtests pending) | " npart " |" > o
	print "| pending | " npend " |" > o
	for (i = 1; i <= narea; i++)
		print "| &nbsp;&nbsp;" cell(AREAS[i]) " | " AREA[AREAS[i]] " |" > o
	print "| n/a | " nna " |" > o
	if (nmiss) print "| **missing** | " nmiss " |" > o
	print "| **total applicable on Linux** | " nappl " |" > o
	print "" > o
	print "Not counted: " nexcl " Test functions in files excluded on Linux by build constraint." > o
	print "" > o

	print "## Files excluded on Linux by build constraint" > o
	print "" > o
	print "Their tests cannot run on Linux, so they have no rows." > o
	print "" > o
	print "| Go file | constraint | Test functions |" > o
	print "|---|---|---:|" > o
	for (g = 1; g <= ng; g++) if (!GOK[g]) {
		con = GCON[g] != "" ? "`//go:build " GCON[g] "`" : ""
		if (!nameok(GBASE[g])) con = (con != "" ? con ", " : "") "file name suffix"
		print "| `" GREL[g] "` | " cell(con) " | " GN[g] " |" > o
	}
	print "" > o

	print "## Files without Test functions" > o
	print "" > o
	print "Helpers, examples and test mains (`TestMain` takes `*testing.M`; it is the" > o
	print "runner, `tests/main_test.c` here), applicable on Linux but with no rows." > o
	print "" > o
	s = ""
	for (g = 1; g <= ng; g++) if (GOK[g] && GN[g] == 0)
		s = s (s != "" ? ", " : "") "`" GREL[g] "`" (GPKG[g] ~ /_test$/ ? " (package " GPKG[g] ")" : "")
	print s "." > o
	print "" > o

	print "## Tests by file" > o
	print "" > o
	print "Most files are package `net` (internal tests); the ones marked otherwise are" > o
	print "external test packages (`net_test`, `poll_test`), which see only exported" > o
	print "names, so their C ports should use only the public headers." > o
	lastdir = "net"
	for (g = 1; g <= ng; g++) {
		if (!GOK[g] || GN[g] == 0) continue
		if (GDIR[g] != lastdir && GDIR[g] != "internal/poll") {
			lastdir = GDIR[g]
			print "" > o
			print "## Package " lastdir > o
			print "" > o
			# Each file below names its own package (internal or _test).
			print "Package `" lastdir "`, ported to `" lastdir "/`." > o
		}
		print "" > o
		print "### " GREL[g] " → " GC[g] > o
		print "" > o
		line = "package " GPKG[g]
		if (GCON[g] != "") line = line "; `//go:build " GCON[g] "`"
		print line > o
		print "" > o
		print "| Test | status | where/why |" > o
		print "|---|---|---|" > o
		for (i = 1; i <= GN[g]; i++)
			print "| " GT[g, i] " | " S[g, i] " | " cell(W[g, i]) " |" > o
	}
	close(o)
	exit nerr ? 1 : 0
}' tmpd="$tmp" /dev/null
rc=$?

if [ ! -s "$tmp/new.md" ]; then
	echo "gotests: generation failed" >&2
	exit 2
fi

if [ $check = 1 ]; then
	if ! cmp -s "$tmp/new.md" "$OUT"; then
		echo "gotests: $OUT is stale; run sh tools/gotests.sh" >&2
		if [ -f "$OUT" ]; then
			diff -u "$OUT" "$tmp/new.md"
		else
			echo "gotests: $OUT does not exist" >&2
		fi
		rc=1
	fi
else
	if ! cmp -s "$tmp/new.md" "$OUT"; then
		cp "$tmp/new.md" "$OUT" || exit 2
		echo "gotests: wrote $OUT" >&2
	fi
fi
[ $rc = 0 ] || echo "gotests: FAIL" >&2
exit $rc
