#!/bin/sh
# installcheck.sh: installs into a scratch DESTDIR and builds a small program
# with pkg-config against it, static and shared, to prove the installed tree
# is complete and self-consistent.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
make -s install DESTDIR="$d" PREFIX=/usr >/dev/null
cat >"$d/ip.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/net.h>
#include <context/context.h>
#include <dnsmessage/dnsmessage.h>
#include <errors/errors.h>
#include <io/io.h>
#include <bufio/bufio.h>
#include <os/os.h>
#include <sync/sync.h>
#include <time/time.h>
int main(void) {
	char *s = net_IP_String(net_ParseIP("::ffff:192.0.2.1"));
	/* Channels come from runtime/chan.h, which runtime.h includes. */
	runtime_hchan *ch = runtime_makechan(sizeof(int), 1);
	int v = 7, w = 0;
	runtime_chansend1(ch, &v);
	runtime_chanrecv1(ch, &w);
	runtime_hchan_Free(ch);
	if (w != 7)
		return 1;
	context_Context *ctx = context_WithCancel(context_Background());
	context_Cancel(ctx);
	/* io, context and os symbols must be exported too, not just net's. */
	if (context_Context_Err(ctx) != context_Canceled || io_EOF == NULL)
		return 1;
	if (!errors_Is(os_ErrDeadlineExceeded, os_ErrDeadlineExceeded) ||
	    !net_Error_Timeout(os_ErrDeadlineExceeded))
		return 1;
	/* and package dnsmessage's. */
	char *t = dnsmessage_Type_String(dnsmessage_TypeAAAA);
	if (strcmp(t, "TypeAAAA") != 0)
		return 1;
	free(t);
	context_Free(ctx);
	/* So must sync's and time's. */
	sync_Mutex mu = {0};
	sync_Mutex_Lock(&mu);
	time_Sleep(time_Millisecond);
	sync_Mutex_Unlock(&mu);
	puts(s);
	free(s);
	return 0;
}
C
export PKG_CONFIG_SYSROOT_DIR="$d" PKG_CONFIG_PATH="$d/usr/lib/pkgconfig"
cc -o "$d/ip" "$d/ip.c" $(pkg-config --cflags --libs gonet) -Wl,-rpath,"$d/usr/lib"
out=$("$d/ip")
[ "$out" = "192.0.2.1" ] || { echo "installcheck: got '$out'"; exit 1; }
cc -o "$d/ip-static" "$d/ip.c" $(pkg-config --cflags gonet) "$d/usr/lib/libgonet.a" -pthread
[ "$("$d/ip-static")" = "192.0.2.1" ] || { echo "installcheck: static build failed"; exit 1; }
# The SONAME and gonet.pc's Version come from one version (the Makefile).
v=$(pkg-config --modversion gonet)
so=$(readelf -d "$d/usr/lib/libgonet.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$so" = "libgonet.so.${v%%.*}" ] || {
	echo "installcheck: SONAME $so does not match version $v"
	exit 1
}
# gonc and the manual pages come with the library.
"$d/usr/bin/gonc" --help >/dev/null || { echo "installcheck: gonc --help failed"; exit 1; }
for m in man1/gonc.1 man3/gonet.3; do
	[ -s "$d/usr/share/man/$m" ] || { echo "installcheck: no $m"; exit 1; }
done
echo "installcheck: shared and static builds print $out; $so is version $v;" \
    "gonc and man pages installed"
