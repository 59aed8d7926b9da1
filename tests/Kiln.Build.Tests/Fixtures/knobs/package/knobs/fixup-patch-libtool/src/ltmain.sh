#! /bin/sh
# A stand-in for the ltmain.sh of GNU libtool 2.4 that a source ships: PKG_FIXUP:=patch-libtool
# reads its VERSION and applies the tree's tools/libtool/files/libtool-v2.4.patch to it.
VERSION=2.4.7
progname=libtool

func_echo ()
{
    echo "$progname: $*"
}
