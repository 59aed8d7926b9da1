namespace Kiln.Build.HostTools;

/// <summary>
/// The host tools Kiln writes as scripts: OpenWrt builds these programs itself (tools/), and
/// Debian has no package with their command lines, but has the programs that do the work.
/// Each says "(written by Kiln)" in its first comment, which is how Kiln knows it may replace it.
/// </summary>
internal static class HostToolScripts
{
    /// <summary>What marks a script as Kiln's.</summary>
    public const string Marker = "(written by Kiln)";

    /// <summary>mkhash TYPE [FILE...]: a hash of each file (or of stdin), as OpenWrt's mkhash prints it.</summary>
    public const string Mkhash = """
        #!/bin/sh
        # mkhash TYPE [FILE...] (written by Kiln): a hash of each file (or of stdin), as OpenWrt's mkhash prints it.
        type="$1"; shift
        case "$type" in md5) tool=md5sum ;; sha256) tool=sha256sum ;; *) echo "mkhash: unknown type $type" >&2; exit 1 ;; esac
        if [ $# -eq 0 ]; then $tool | cut -d' ' -f1; else for f in "$@"; do $tool "$f" | cut -d' ' -f1; done; fi

        """;

    /// <summary>
    /// OpenWrt's pkg-config (tools/pkgconf/files/pkg-config) over Debian's pkgconf: the staged .pc
    /// files say prefix=/usr, and the build exports where that is (STAGING_PREFIX).
    /// </summary>
    public const string PkgConfig = """
        #!/bin/sh
        # pkg-config (written by Kiln): OpenWrt's wrapper, the .pc files' prefixes moved to STAGING_PREFIX.
        exec pkgconf \
        --keep-system-cflags \
        --keep-system-libs \
        --define-variable=prefix="${STAGING_PREFIX}" \
        --define-variable=prefix_host="${STAGING_DIR_HOST}" \
        --define-variable=prefix_hostpkg="${STAGING_DIR_HOSTPKG}" \
        --define-variable=exec_prefix="${STAGING_PREFIX}" \
        --define-variable=bindir="${STAGING_PREFIX}/bin" \
        $PKG_CONFIG_EXTRAARGS "$@"

        """;

    /// <summary>OpenWrt's lzma (the LZMA SDK's lzma_alone command line) over xz.</summary>
    public const string Lzma = """
        #!/bin/sh
        # lzma e|d INPUT OUTPUT [SWITCHES] (written by Kiln): OpenWrt's lzma, the LZMA SDK's lzma_alone,
        # over xz's .lzma format. Switches may come before, between or after the files: -a0/-a1 (mode),
        # -dN (dictionary of 2^N bytes), -fbN, -mcN, -lcN, -lpN, -pbN, -mfID, -mtN (ignored), -eos
        # (an end marker, size unknown), -si and -so (stdin and stdout for the files).
        command= input= output= eos= si= so= lc=3 lp=0 pb=2 dict=23 nice=128 mf=bt4 mode=normal depth=
        for arg; do
          case "$arg" in
          -a0) mode=fast ;;
          -a1) mode=normal ;;
          -d[0-9]*) dict="${arg#-d}" ;;
          -fb[0-9]*) nice="${arg#-fb}" ;;
          -mc[0-9]*) depth="${arg#-mc}" ;;
          -lc[0-9]*) lc="${arg#-lc}" ;;
          -lp[0-9]*) lp="${arg#-lp}" ;;
          -pb[0-9]*) pb="${arg#-pb}" ;;
          -mf*) mf="${arg#-mf}" ;;
          -mt*) ;;
          -eos) eos=1 ;;
          -si) si=1 ;;
          -so) so=1 ;;
          -*) echo "lzma: unknown switch $arg" >&2; exit 1 ;;
          *)
            if [ -z "$command" ]; then command="$arg"
            elif [ -z "$si" ] && [ -z "$input" ]; then input="$arg"
            elif [ -z "$so" ] && [ -z "$output" ]; then output="$arg"
            else echo "lzma: too many files ($arg)" >&2; exit 1
            fi ;;
          esac
        done
        if { [ -z "$si" ] && [ -z "$input" ]; } || { [ -z "$so" ] && [ -z "$output" ]; }; then
          echo "usage: lzma e|d INPUT OUTPUT [-lcN -lpN -pbN -dN -fbN -mcN -aN -mfID -eos -si -so]" >&2
          exit 1
        fi
        [ -n "$si" ] && input=/dev/stdin
        [ -n "$so" ] && output=/dev/stdout
        case "$command" in
        d) exec xz --format=lzma --decompress --stdout < "$input" > "$output" ;;
        e) ;;
        *) echo "lzma: unknown command '$command' (e or d)" >&2; exit 1 ;;
        esac
        options="lc=$lc,lp=$lp,pb=$pb,dict=$((1 << dict)),nice=$nice,mf=$mf,mode=$mode${depth:+,depth=$depth}"
        temporary="$(mktemp)" || exit 1
        trap 'rm -f "$temporary"' EXIT
        xz --format=lzma --lzma1="$options" --stdout < "$input" > "$temporary" || exit 1
        # xz always leaves the size unknown; lzma_alone states it (and writes no end marker) when it
        # reads a file without -eos, and some boot loaders read it: the size goes into bytes 5-12.
        if [ -z "$eos" ] && [ -z "$si" ]; then
          size=$(($(wc -c < "$input")))
          bytes=
          for _ in 1 2 3 4 5 6 7 8; do
            bytes="$bytes\\$(printf '%03o' $((size & 255)))"
            size=$((size >> 8))
          done
          printf "$bytes" | dd of="$temporary" bs=1 seek=5 conv=notrunc 2>/dev/null || exit 1
        fi
        cat "$temporary" > "$output"

        """;

    /// <summary>
    /// meson.py, which OpenWrt's meson.mk runs with python3 (tools/meson makes it, a zipapp of meson): here it runs the host's
    /// meson linked beside it, whichever python3 runs the launcher (Debian's meson needs Debian's python3 and its modules).
    /// </summary>
    public const string MesonLauncher = """
        #!/usr/bin/env python3
        # meson.py ARGS (written by Kiln): OpenWrt's meson launcher, running the meson linked beside it with the same arguments.
        import os
        import sys

        meson = os.path.join(os.path.dirname(os.path.abspath(__file__)), "meson")
        os.execv(meson, [meson] + sys.argv[1:])

        """;

    /// <summary>OpenWrt's padjffs2: padding and JFFS2 end marks after a root file system.</summary>
    public const string Padjffs2 = """
        #!/bin/sh
        # padjffs2 FILE [-x OFFSET] [-J|-j] [-c] [KIB...] (written by Kiln), as OpenWrt's padjffs2: for
        # each size (KiB, default 4 8 64 128; smallest first, sizes the file already reached skipped)
        # the file is padded with 0xff bytes to a multiple of it, and a JFFS2 end-of-file-system mark
        # (de ad c0 de; -J/-j: a big/little-endian JFFS2 padding node instead) is written there, so that
        # a JFFS2 overlay can start at any of those erase block sizes. -x: the file starts OFFSET bytes
        # into the flash; -c: the padding goes to stdout, the file is left alone.
        file="$1"
        if [ -z "$file" ]; then
          echo "usage: padjffs2 FILE [-x OFFSET] [-J|-j] [-c] [KIB...]" >&2
          exit 1
        fi
        shift
        offset=0 mark='\336\255\300\336' marklength=4 stdout= mask=0
        while [ $# -gt 0 ]; do
          case "$1" in
          -x) offset=$(($2)); printf 'assuming %u bytes offset\n' "$offset" >&2; shift ;;
          -J) mark='\031\205\040\004\004\000\000\000\304\224\333\364'; marklength=12 ;;
          -j) mark='\205\031\004\040\000\000\000\004\250\373\240\264'; marklength=12 ;;
          -c) stdout=1 ;;
          -*) echo "padjffs2: unknown option $1" >&2; exit 1 ;;
          *) mask=$((mask | ($1) * 1024)) ;;
          esac
          shift
        done
        [ "$mask" -ne 0 ] || mask=$(((4 | 8 | 64 | 128) * 1024))
        [ -f "$file" ] || { echo "padjffs2: $file: no such file" >&2; exit 1; }
        [ -n "$stdout" ] || exec >> "$file"
        length=$(($(wc -c < "$file") + offset))
        written=$length
        while [ "$mask" -ne 0 ]; do
          bit=1024
          while [ $((mask & bit)) -eq 0 ] && [ "$bit" -lt 2147483648 ]; do bit=$((bit * 2)); done
          length=$(((length + bit - 1) / bit * bit))
          bit=1024
          while [ "$bit" -le 2147483648 ]; do
            [ $((length % bit)) -ne 0 ] || mask=$((mask & ~bit))
            bit=$((bit * 2))
          done
          printf 'padding image to %08x\n' $((length - offset)) >&2
          if [ "$length" -gt "$written" ]; then
            head -c $((length - written)) /dev/zero | tr '\000' '\377'
          fi
          printf "$mark"
          written=$((length + marklength))
        done

        """;

    /// <summary>OpenWrt's mksquashfs4 over Debian's mksquashfs.</summary>
    public const string Mksquashfs4 = """
        #!/bin/sh
        # mksquashfs4 SOURCE... IMAGE [OPTIONS] (written by Kiln): OpenWrt's mksquashfs4 is Debian's
        # mksquashfs but for the xz tuning switches OpenWrt adds (-Xpreset N, -Xe, -Xlc N, -Xlp N,
        # -Xpb N), which are left out: they change how small the image is, not what it holds.
        for arg; do
          shift
          if [ -n "$skip" ]; then skip=; continue; fi
          case "$arg" in
          -Xpreset|-Xlc|-Xlp|-Xpb) skip=1 ;;
          -Xe) ;;
          *) set -- "$@" "$arg" ;;
          esac
        done
        exec mksquashfs "$@"

        """;

    /// <summary>OpenWrt's aclocal (tools/automake, patched to skip missing -I directories) over Debian's.</summary>
    public const string Aclocal = """
        #!/bin/sh
        # aclocal [OPTION]... (written by Kiln): Debian's aclocal (the next one in PATH), given only the
        # -I directories that exist, as OpenWrt's patched aclocal skips the others where Debian's stops:
        # PKG_FIXUP's autoreconf names staging directories (and m4) that a build may not have.
        here="$(cd "$(dirname "$0")" && pwd -P)"
        real=
        IFS=:
        for dir in $PATH; do
          [ "$(cd "$dir" 2>/dev/null && pwd -P)" = "$here" ] && continue
          if [ -x "$dir/aclocal" ]; then real="$dir/aclocal"; break; fi
        done
        unset IFS
        [ -n "$real" ] || { echo "aclocal: no aclocal in PATH (apt-get install automake)" >&2; exit 127; }
        for arg; do
          shift
          if [ -n "$include" ]; then
            include=
            if [ -d "$arg" ]; then set -- "$@" -I "$arg"; else echo "aclocal: warning: skipping not existing directory '$arg'" >&2; fi
            continue
          fi
          case "$arg" in
          -I) include=1 ;;
          -I*)
            if [ -d "${arg#-I}" ]; then set -- "$@" "$arg"; else echo "aclocal: warning: skipping not existing directory '${arg#-I}'" >&2; fi ;;
          *) set -- "$@" "$arg" ;;
          esac
        done
        exec "$real" "$@"

        """;

    /// <summary>OpenWrt's make_ext4fs over e2fsprogs' mke2fs.</summary>
    public const string MakeExt4fs = """
        #!/bin/sh
        # make_ext4fs -l SIZE [-b BLOCK] [-L LABEL] [-m PERCENT] [-J] [-j MIB] [-i INODES] [-I BYTES]
        #   [-T TIME] IMAGE [DIRECTORY] (written by Kiln): OpenWrt's make_ext4fs (Android's) over
        # e2fsprogs' mke2fs -d. Every file is owned by root, as make_ext4fs makes them; the volume's
        # UUID follows from the label and size, and -T sets the time of the file system.
        PATH="$PATH:/usr/sbin:/sbin"
        # Without -T, the recipe's SOURCE_DATE_EPOCH (which Kiln's recipes always have): the image is reproducible either way.
        size= block=4096 label= reserved=0 journal=1 journalsize= inodes= inodesize= time="${SOURCE_DATE_EPOCH:-}"
        while getopts "l:b:L:m:Jj:i:I:T:g:a:S:C:D:B:fkszwtcv" option; do
          case "$option" in
          l) size="$OPTARG" ;;
          b) block="$OPTARG" ;;
          L) label="$OPTARG" ;;
          m) reserved="$OPTARG" ;;
          J) journal= ;;
          j) journalsize="$OPTARG" ;;
          i) inodes="$OPTARG" ;;
          I) inodesize="$OPTARG" ;;
          T) time="$OPTARG" ;;
          g|a|S|C|D|B|f|k|s|z|w|t|c|v) ;;
          *) exit 1 ;;
          esac
        done
        shift $((OPTIND - 1))
        image="$1" directory="$2"
        if [ -z "$image" ] || [ -z "$size" ]; then
          echo "usage: make_ext4fs -l SIZE [-b BLOCK] [-L LABEL] [-m PERCENT] [-J] [-T TIME] IMAGE [DIRECTORY]" >&2
          exit 1
        fi
        size=$(($(printf '%s' "$size" | sed 's/[kK]$/ * 1024/; s/[mM]$/ * 1048576/; s/[gG]$/ * 1073741824/')))
        uuid=$(printf '%s %s' "$label" "$size" | md5sum | sed 's/^\(.\{8\}\)\(.\{4\}\)\(.\{4\}\)\(.\{4\}\)\(.\{12\}\).*/\1-\2-\3-\4-\5/')
        set -- -q -F -t ext4 -b "$block" -m "$reserved" -U "$uuid" -E "root_owner=0:0,hash_seed=$uuid"
        [ -z "$label" ] || set -- "$@" -L "$label"
        [ -n "$journal" ] || set -- "$@" -O ^has_journal
        [ -z "$journalsize" ] || set -- "$@" -J "size=$journalsize"
        [ -z "$inodes" ] || set -- "$@" -N "$inodes"
        [ -z "$inodesize" ] || set -- "$@" -I "$inodesize"
        [ -z "$directory" ] || set -- "$@" -d "$directory"
        : > "$image" || exit 1
        # mke2fs -d copies owners as it sees them: under fakeroot, files of a build run by a user are root's.
        fakeroot=
        [ "$(id -u)" -eq 0 ] || ! command -v fakeroot > /dev/null || fakeroot=fakeroot
        # e2fsprogs takes a fake time of 0 for "not set" and reads the clock: the epoch 0 runs from 1.
        [ -z "$time" ] || export E2FSPROGS_FAKE_TIME="$((time > 0 ? time : 1))"
        [ -n "$time" ] && [ -n "$directory" ] || exec $fakeroot mke2fs "$@" "$image" $((size / block))
        $fakeroot mke2fs "$@" "$image" $((size / block)) || exit 1
        # mke2fs -d copies each file's times, the change time being whenever the file was staged:
        # -T dates every file instead, as make_ext4fs does.
        script=$(mktemp) || exit 1
        trap 'rm -f "$script"' EXIT
        (cd "$directory" && find .) | awk -v time="$time" '{
          path = substr($0, 2); if (path == "") path = "/"
          gsub(/"/, "\"\"", path)
          split("atime ctime mtime crtime", fields, " ")
          for (i = 1; i <= 4; i++) printf "sif \"%s\" %s @%s\n", path, fields[i], time
        }' > "$script" || exit 1
        complaints=$(debugfs -w -f "$script" "$image" 2>&1 >/dev/null | grep -v '^debugfs ')
        [ -z "$complaints" ] || { echo "make_ext4fs: debugfs could not date $image: $complaints" >&2; exit 1; }

        """;

    /// <summary>OpenWrt's fwtool (the host build of package/system/fwtool) in python3: the same trailers, byte for byte.</summary>
    public const string Fwtool = """
        #!/usr/bin/env python3
        # fwtool <options> <firmware> (written by Kiln): OpenWrt's fwtool (project/fwtool.git at 8f7fe925, the
        # host build of package/system/fwtool), byte for byte: -I FILE and -S FILE append a metadata or signature
        # chunk and its trailer (magic FWx0, a CRC-32 of everything before it: the reflected polynomial, starting
        # at ~0, not inverted at the end, big-endian, type, size), -i FILE and -s FILE extract the last one of
        # that kind, -t cuts what was extracted off the file, -T writes the file without it to stdout, -q is quiet.
        import os
        import struct
        import sys
        import zlib

        MAGIC = 0x46577830
        METADATA_MAXLEN = 30 * 1024
        SIGNATURE_MAXLEN = 1 * 1024
        BUFLEN = METADATA_MAXLEN + SIGNATURE_MAXLEN + 1024
        SIGNATURE, INFO = 0, 1
        APPEND, EXTRACT = 1, 0


        def crc32(value, data):
            return ~zlib.crc32(data, ~value & 0xFFFFFFFF) & 0xFFFFFFFF


        class Tool:
            def __init__(self):
                self.quiet = False
                self.mode = -1
                self.files = {}
                self.truncate = False
                self.write_truncated = False
                self.stdout = sys.stdout.buffer

            def msg(self, text):
                if not self.quiet:
                    sys.stderr.write(text)
                    sys.stderr.flush()

            def open_file(self, name, write):
                if name == "-":
                    return self.stdout if write else sys.stdin.buffer
                try:
                    return open(name, "wb" if write else "r+b")
                except OSError:
                    if write:
                        return None
                try:
                    return open(name, "rb")
                except OSError:
                    return None

            def set_file(self, kind, name, mode):
                if self.mode < 0:
                    self.mode = mode
                elif self.mode != mode:
                    self.msg("Error: mixing appending and extracting data is not supported\n")
                    return 1
                if self.files.get(kind) is not None:
                    self.msg("Error: the same append/extract option cannot be used multiple times\n")
                    return 1
                self.files[kind] = self.open_file(name, mode == EXTRACT)
                return 0 if self.files[kind] is not None else 1

            def add_data(self, name):
                try:
                    firmware = open(name, "r+b")
                except OSError:
                    self.msg("Failed to open firmware file\n")
                    return 1
                self.firmware = firmware
                crc = 0xFFFFFFFF
                length = 0
                while True:
                    block = firmware.read(512)
                    if not block:
                        break
                    length += len(block)
                    crc = crc32(crc, block)
                metadata, signature = self.files.get(INFO), self.files.get(SIGNATURE)
                if metadata is not None:
                    kind, source, maxlen, header = INFO, metadata, METADATA_MAXLEN, bytes(8)
                else:
                    kind, source, maxlen, header = SIGNATURE, signature, SIGNATURE_MAXLEN, b""
                size = 16 + len(header)
                crc = crc32(crc, header)
                firmware.write(header)
                failed = False
                while True:
                    block = source.read(512)
                    if not block:
                        break
                    maxlen -= len(block)
                    if maxlen < 0:
                        failed = True
                        break
                    size += len(block)
                    crc = crc32(crc, block)
                    firmware.write(block)
                if not failed:
                    firmware.write(struct.pack(">IIB3xI", MAGIC, crc, kind, size & 0xFFFFFFFF))
                    return 0
                # What was written goes again; fwtool then returns what ftruncate returned.
                firmware.flush()
                try:
                    os.ftruncate(firmware.fileno(), length)
                except OSError as e:
                    self.msg("Error during ftruncate: %s\n" % os.strerror(e.errno))
                    return -1
                return 0

            def extract_data(self, name):
                firmware = self.open_file(name, False)
                if firmware is None:
                    self.msg("Failed to open firmware file\n")
                    return 1
                self.firmware = firmware
                if self.truncate and firmware is sys.stdin.buffer:
                    self.msg("Cannot truncate file when reading from stdin\n")
                    return 1
                out = self.stdout
                crc = 0xFFFFFFFF
                # The last two blocks of the file, as fwtool keeps them: the trailers are read from its end.
                self.cur = self.prev = None
                self.cur_len = self.file_len = 0
                while True:
                    previous = self.cur
                    if self.write_truncated and self.prev is not None:
                        out.write(self.prev)
                    self.cur, self.prev = self.prev, previous
                    if self.cur is not None:
                        crc = crc32(crc, self.cur)
                    block = b""
                    while len(block) < BUFLEN:
                        more = firmware.read(BUFLEN - len(block))
                        if not more:
                            break
                        block += more
                    self.cur = block
                    self.cur_len = len(block)
                    self.file_len += self.cur_len
                    if self.cur_len != BUFLEN:
                        break

                buf = bytearray(BUFLEN)
                trailer = bytearray(16)
                data_len = 0
                ret = 1
                keep = False
                metadata, signature = self.files.get(INFO), self.files.get(SIGNATURE)
                while True:
                    if self.extract_tail(trailer, 16):
                        self.msg("unable to extract trailer header\n")
                        break
                    magic, stored, kind, size = struct.unpack(">IIB3xI", trailer)
                    if magic != MAGIC:
                        self.msg("Data not found\n")
                        keep = True
                        break
                    data_len = (size - 16) & 0xFFFFFFFF
                    if data_len >= 1 << 31:
                        data_len -= 1 << 32
                    tail = crc
                    if self.prev is not None:
                        tail = crc32(tail, self.prev)
                    if stored != crc32(tail, self.cur[:self.cur_len]):
                        self.msg("CRC error\n")
                        break
                    if data_len > BUFLEN or data_len < 0:
                        self.msg("Size error\n")
                        break
                    if self.extract_tail(buf, data_len):
                        self.msg("unable to extract trailer data\n")
                        break
                    if kind == SIGNATURE:
                        if signature is None:
                            continue
                        signature.write(buf[:data_len])
                        ret = 0
                        break
                    elif kind == INFO:
                        if metadata is None:
                            self.file_len += data_len + 16
                            keep = True
                            break
                        data_len -= 8
                        if buf[0:4] != bytes(4):
                            continue
                        metadata.write(buf[8:8 + data_len])
                        ret = 0
                        break

                if ret == 0 and self.truncate:
                    try:
                        firmware.flush()
                        os.ftruncate(firmware.fileno(), self.file_len)
                    except OSError as e:
                        self.msg("Error during ftruncate: %s\n" % os.strerror(e.errno))
                        return -1
                if self.write_truncated:
                    if self.prev is not None:
                        out.write(self.prev)
                    if self.cur is not None:
                        out.write(self.cur[:self.cur_len])
                    if keep:
                        out.write(buf[:data_len])
                        out.write(trailer)
                return ret

            def remove_tail(self, length):
                self.cur_len -= length
                self.file_len -= length
                if self.cur_len:
                    return
                self.cur, self.prev, self.cur_len = self.prev, None, BUFLEN

            def extract_tail(self, dest, length):
                if self.cur is None:
                    return 1
                take = min(self.cur_len, length)
                dest[length - take:length] = self.cur[self.cur_len - take:self.cur_len]
                self.remove_tail(take)
                rest = length - take
                if rest < 0 or self.cur is None:
                    return 1
                dest[0:rest] = self.cur[self.cur_len - rest:self.cur_len]
                self.remove_tail(rest)
                return 0

            def usage(self, program):
                sys.stderr.write("Usage: %s <options> <firmware>\n"
                                 "\n"
                                 "Options:\n"
                                 "  -S <file>:\t\tAppend signature file to firmware image\n"
                                 "  -I <file>:\t\tAppend metadata file to firmware image\n"
                                 "  -s <file>:\t\tExtract signature file from firmware image\n"
                                 "  -i <file>:\t\tExtract metadata file from firmware image\n"
                                 "  -t:\t\t\tRemove extracted chunks from firmare image (using -s, -i)\n"
                                 "  -T:\t\t\tOutput firmware image without extracted chunks to stdout (using -s, -i)\n"
                                 "  -q:\t\t\tQuiet (suppress error messages)\n"
                                 "\n" % program)
                return 1

            def run(self, argv):
                program = argv[0]
                arguments = argv[1:]
                operands = []
                i = 0
                # getopt("i:I:qs:S:tT") as glibc runs it: options anywhere, in order; a bad one is said and passed over.
                while i < len(arguments):
                    word = arguments[i]
                    i += 1
                    if word == "--":
                        operands += arguments[i:]
                        break
                    if not word.startswith("-") or word == "-":
                        operands.append(word)
                        continue
                    j = 1
                    while j < len(word):
                        option = word[j]
                        j += 1
                        if option in "iIsS":
                            if j < len(word):
                                value, j = word[j:], len(word)
                            elif i < len(arguments):
                                value = arguments[i]
                                i += 1
                            else:
                                sys.stderr.write("%s: option requires an argument -- '%s'\n" % (program, option))
                                continue
                            kind = INFO if option in "iI" else SIGNATURE
                            mode = APPEND if option in "IS" else EXTRACT
                            if self.set_file(kind, value, mode):
                                return 1
                        elif option == "t":
                            self.truncate = True
                        elif option == "T":
                            self.write_truncated = True
                        elif option == "q":
                            self.quiet = True
                        else:
                            sys.stderr.write("%s: invalid option -- '%s'\n" % (program, option))
                if not operands or self.mode < 0:
                    return self.usage(program)
                if self.files.get(INFO) is not None and self.files.get(SIGNATURE) is not None:
                    self.msg("Cannot append/extract metadata and signature in one run\n")
                    return 1
                return self.add_data(operands[0]) if self.mode == APPEND else self.extract_data(operands[0])


        def main():
            tool = Tool()
            try:
                status = tool.run(sys.argv)
            finally:
                tool.stdout.flush()
                for f in list(tool.files.values()) + [getattr(tool, "firmware", None)]:
                    if f is not None and f not in (sys.stdin.buffer, tool.stdout):
                        f.close()
            sys.exit(status & 0xFF)


        main()

        """;
}
