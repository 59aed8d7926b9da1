namespace Kiln.Build.HostTools;

/// <summary>
/// The grub programs OpenWrt's x86 image recipes call from staging_dir/host/bin, where OpenWrt's
/// grub2 host build (package/boot/grub2) puts them, as Debian's grub (grub-common, grub-pc-bin).
/// </summary>
internal static class GrubScripts
{
    /// <summary>Where Debian's grub-pc-bin installs grub-bios-setup (outside PATH).</summary>
    public const string BiosSetupProgram = "/usr/lib/grub/i386-pc/grub-bios-setup";

    /// <summary>OpenWrt's grub-bios-setup (with its <c>-r DEVICE</c>) over Debian's.</summary>
    public const string BiosSetup = """
        #!/bin/sh
        # grub-bios-setup [OPTION...] -r ROOT IMAGE (written by Kiln): OpenWrt's grub-bios-setup over Debian's
        # (grub-pc-bin). OpenWrt's takes the root device with -r (its grub2 package's 100-grub_setup_root.patch);
        # Debian's has no -r and guesses the root device from the mount that holds the -d directory, which for a
        # directory in a build tree is the build machine's own disk. This script gives it the disk image instead:
        # in a mount namespace of its own (unshare), the -d directory's files are put in a tmpfs mounted with the
        # image (the file the -m device map gives for ROOT's drive) as its source, so that Debian's guess is the
        # image. GRUB embeds core.img in the gap before the first partition (or the BIOS boot partition); there
        # the root device decides nothing that is written.
        program=/usr/lib/grub/i386-pc/grub-bios-setup
        if [ ! -x "$program" ]; then
          echo "grub-bios-setup: $program is missing: apt-get install grub-pc-bin" >&2
          exit 127
        fi
        if [ -n "$KILN_GRUB_ROOT" ]; then
          # In the namespace: the tmpfs named after the image, holding the directory's files.
          mount -t tmpfs -o size=16m "$KILN_GRUB_ROOT" "$KILN_GRUB_MOUNT" || exit 1
          cp -R "$KILN_GRUB_DIR"/. "$KILN_GRUB_MOUNT"/ || exit 1
          exec "$program" "$@"
        fi
        map=/boot/grub/device.map dir=/boot/grub root=
        work=$(mktemp -d) || exit 1
        trap 'rm -rf "$work"' EXIT
        mkdir "$work/grub"
        # Each argument is taken from the front and put back at the end, with -r left out and -d's directory
        # replaced by the tmpfs.
        count=$#
        while [ "$count" -gt 0 ]; do
          arg="$1"; shift; count=$((count - 1))
          case "$arg" in
          -r|--root-device) root="$1"; shift; count=$((count - 1)) ;;
          --root-device=*) root="${arg#*=}" ;;
          -r?*) root="${arg#-r}" ;;
          -d|--directory) dir="$1"; shift; count=$((count - 1)); set -- "$@" -d "$work/grub" ;;
          --directory=*) dir="${arg#*=}"; set -- "$@" -d "$work/grub" ;;
          -d?*) dir="${arg#-d}"; set -- "$@" -d "$work/grub" ;;
          -m|--device-map) map="$1"; set -- "$@" "$arg" "$1"; shift; count=$((count - 1)) ;;
          --device-map=*) map="${arg#*=}"; set -- "$@" "$arg" ;;
          -m?*) map="${arg#-m}"; set -- "$@" "$arg" ;;
          -b|-c|--boot-image|--core-image) set -- "$@" "$arg" "$1"; shift; count=$((count - 1)) ;;
          *) set -- "$@" "$arg" ;;
          esac
        done
        if [ -z "$root" ]; then
          echo "grub-bios-setup: no -r ROOT (Kiln's grub-bios-setup takes the root device as OpenWrt's does: -r hd0,msdos1)" >&2
          exit 64
        fi
        drive="${root#(}"; drive="${drive%)}"; drive="${drive%%,*}"
        image=$(sed -n "s/^[[:space:]]*($drive)[[:space:]]*//p" "$map" | head -n 1)
        if [ -z "$image" ] || [ ! -f "$image" ]; then
          echo "grub-bios-setup: -r $root: the device map $map names no image file for ($drive)" >&2
          exit 1
        fi
        # The namespace: a mount namespace alone as root, with a user namespace otherwise.
        namespace=-m
        [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null || namespace=-rm
        KILN_GRUB_ROOT=$(realpath "$image") KILN_GRUB_MOUNT="$work/grub" KILN_GRUB_DIR="$dir" \
          unshare $namespace "$0" "$@"
        status=$?
        if [ "$status" -ne 0 ] && ! unshare $namespace true 2>/dev/null; then
          echo "grub-bios-setup: cannot make a mount namespace (unshare $namespace), which Kiln's grub-bios-setup needs to give" \
            "Debian's the image as its root device: allow user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run as root" >&2
        fi
        exit "$status"

        """;
}
