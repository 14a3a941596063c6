#!/bin/sh
# install.sh DESTDIR PREFIX SONAME: installs the headers, both libraries and
# gonet.pc.  Headers keep their tree (net/net.h, runtime/runtime.h, ...) under
# include/gonet so that the public headers' own includes resolve there too.
set -e
destdir=$1 prefix=$2 soname=$3
inc=$destdir$prefix/include/gonet
lib=$destdir$prefix/lib
mkdir -p "$inc/net/netip" "$inc/dnsmessage" "$inc/runtime" "$inc/syscall" \
    "$inc/sync" "$inc/time" "$lib/pkgconfig"
cp net/net.h "$inc/net/"
cp net/netip/netip.h "$inc/net/netip/"
cp runtime/runtime.h runtime/chan.h "$inc/runtime/"
cp dnsmessage/dnsmessage.h "$inc/dnsmessage/"
cp syscall/syscall.h "$inc/syscall/"
cp sync/sync.h "$inc/sync/"
cp time/time.h "$inc/time/"
cp libgonet.a "$lib/"
cp "$soname" "$lib/"
ln -sf "$soname" "$lib/libgonet.so"
sed -e "s|@PREFIX@|$prefix|g" mk/gonet.pc.in >"$lib/pkgconfig/gonet.pc"
echo "installed gonet into $destdir$prefix"
