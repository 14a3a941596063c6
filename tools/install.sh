#!/bin/sh
# install.sh DESTDIR PREFIX SONAME VERSION: installs the headers, both libraries,
# gonet.pc, gonc (cmd/gonc, linked statically with libgonet.a) and the
# manual pages gonc(1) and gonet(3).  Headers keep their tree (net/net.h,
# runtime/runtime.h, ...) under include/gonet so that the public headers'
# own includes resolve there too.
set -e
destdir=$1 prefix=$2 soname=$3 version=$4
inc=$destdir$prefix/include/gonet
lib=$destdir$prefix/lib
mkdir -p "$destdir$prefix/bin" "$inc/net/netip" "$inc/dnsmessage" \
    "$inc/runtime" "$inc/errors" "$inc/io" "$inc/bufio" "$inc/context" "$inc/os" "$inc/syscall" "$inc/sync" "$inc/time" "$lib/pkgconfig"
cp net/net.h "$inc/net/"
cp net/netip/netip.h "$inc/net/netip/"
cp runtime/runtime.h runtime/chan.h "$inc/runtime/"
cp errors/errors.h "$inc/errors/"
cp io/io.h "$inc/io/"
cp bufio/bufio.h "$inc/bufio/"
cp context/context.h "$inc/context/"
cp os/os.h "$inc/os/"
cp dnsmessage/dnsmessage.h "$inc/dnsmessage/"
cp syscall/syscall.h "$inc/syscall/"
cp sync/sync.h "$inc/sync/"
cp time/time.h "$inc/time/"
cp libgonet.a "$lib/"
cp cmd/gonc/gonc "$destdir$prefix/bin/"
mkdir -p "$destdir$prefix/share/man/man1" "$destdir$prefix/share/man/man3"
cp cmd/gonc/gonc.1 "$destdir$prefix/share/man/man1/"
cp docs/gonet.3 "$destdir$prefix/share/man/man3/"
cp "$soname" "$lib/"
ln -sf "$soname" "$lib/libgonet.so"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" mk/gonet.pc.in >"$lib/pkgconfig/gonet.pc"
echo "installed gonet into $destdir$prefix"
# A program linked against a library the run-time linker cannot find fails
# at start with only the library's name; say here what to do about it.
case $prefix in
/usr) ;;
/usr/local) echo "run ldconfig as root once so that programs find $soname" ;;
*) echo "programs need -Wl,-rpath,$prefix/lib or LD_LIBRARY_PATH=$prefix/lib" \
	"to find $soname; pkg-config needs PKG_CONFIG_PATH=$prefix/lib/pkgconfig" ;;
esac
