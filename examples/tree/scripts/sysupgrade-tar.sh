#!/bin/sh
# sysupgrade-tar.sh --board NAME [--kernel FILE] [--rootfs FILE] OUTPUT
# The example tree's own version of the script OpenWrt's Build/sysupgrade-tar runs: a tar of
# sysupgrade-NAME/CONTROL (BOARD=NAME), kernel and root, names sorted, owned by 0, every time
# SOURCE_DATE_EPOCH when it is set; a squashfs root is padded to a whole KiB as sysupgrade writes it.
set -e
board= kernel= rootfs= output=
while [ $# -gt 0 ]; do
	case "$1" in
	--board) board="$2"; shift 2 ;;
	--kernel) kernel="$2"; shift 2 ;;
	--rootfs) rootfs="$2"; shift 2 ;;
	*) [ -z "$output" ] || { echo "sysupgrade-tar.sh: one output file only ($1)" >&2; exit 1; }; output="$1"; shift ;;
	esac
done
if [ -z "$board" ] || [ -z "$output" ] || { [ ! -r "$kernel" ] && [ ! -r "$rootfs" ]; }; then
	echo "usage: sysupgrade-tar.sh --board NAME [--kernel FILE] [--rootfs FILE] OUTPUT" >&2
	exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="$work/sysupgrade-$board"
mkdir -p "$dir"
echo "BOARD=$board" > "$dir/CONTROL"
if [ -n "$rootfs" ]; then
	if [ "$(head -c 4 "$rootfs")" = hsqs ]; then
		dd if="$rootfs" of="$dir/root" bs=1024 conv=sync 2>/dev/null
	else
		cp "$rootfs" "$dir/root"
	fi
fi
[ -z "$kernel" ] || cp "$kernel" "$dir/kernel"
(cd "$work" && tar --sort=name --owner=0 --group=0 --numeric-owner ${SOURCE_DATE_EPOCH:+--mtime=@$SOURCE_DATE_EPOCH} \
	-cf sysupgrade.tar "sysupgrade-$board")
cp "$work/sysupgrade.tar" "$output"
