using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;

namespace Kiln.Build.HostTools;

/// <summary>
/// The host tools of a build. OpenWrt compiles them (tools/); Kiln takes the host's own from
/// Debian's packages and links them into staging_dir/host/bin, where the recipes look for them,
/// writes scripts for those Debian lacks with OpenWrt's command lines, and builds the rest from
/// the tree's tools/ when asked (<c>kiln build tools/NAME</c>), as OpenWrt does.
/// </summary>
public static partial class HostToolset
{
    /// <summary>The programs OpenWrt's tools/firmware-utils installs (firmware-utils' CMakeLists.txt, as OpenWrt 24.10 pins it).</summary>
    public static readonly IReadOnlyList<string> FirmwareUtils =
    [
        "add_header", "addpattern", "asustrx", "asusuimage", "avm-wasp-checksum", "bcm4908asus", "bcm4908kernel", "bcmblob", "bcmclm",
        "buffalo-enc", "buffalo-tag", "buffalo-tftp", "cros-vbutil", "dgfirmware", "dgn3500sum", "dlink-sge-image", "dns313-header",
        "edimax_fw_header", "encode_crc", "fix-u-media-header", "hcsmakeimage", "imagetag", "iptime-crc32", "iptime-naspkg", "jcgimage",
        "linksys-addfwhdr", "lxlfw", "lzma2eva", "makeamitbin", "mkbrncmdline", "mkbrnimg", "mkbuffaloimg", "mkcameofw", "mkcasfw",
        "mkchkimg", "mkcsysimg", "mkdapimg", "mkdapimg2", "mkdhpimg", "mkdlinkfw", "mkdniimg", "mkedimaximg", "mkfwimage", "mkfwimage2",
        "mkh3cimg", "mkh3cvfs", "mkheader_gemtek", "mkhilinkfw", "mkmerakifw", "mkmerakifw-old", "mkmylofw", "mkplanexfw", "mkporayfw",
        "mkqdimg", "mkrasimage", "mkrtn56uimg", "mksenaofw", "mksercommfw", "mktitanimg", "mktplinkfw", "mktplinkfw2", "mkwrggimg",
        "mkwrgimg", "mkzcfw", "mkzynfw", "mkzyxelzldfw", "motorola-bin", "nand_ecc", "nec-enc", "nec-usbatermfw", "nosimg-enc",
        "osbridge-crc", "oseama", "otrx", "pc1crypt", "ptgen", "seama", "sign_dlink_ru", "spw303v", "srec2bin", "tplink-safeloader", "trx",
        "trx2edips", "trx2usr", "uimage_padhdr", "uimage_sgehdr", "wrt400n", "xiaomifw", "xorimage", "zycast", "zyimage", "zytrx", "zyxbcm",
    ];

    public static readonly IReadOnlyList<HostTool> All =
    [
        new("make", "make", "make", Required: true),
        new("gcc", "gcc", "gcc", Required: true),
        new("g++", "g++", "g++", Required: true),
        new("sed", "sed", "sed", Required: true),
        new("patch", "patch", "patch", Required: true),
        new("tar", "tar", "tar", Required: true),
        new("gzip", "gzip", "gzip", Required: true),
        new("libdeflate-gzip", "gzip", "gzip", Required: true),
        new("bzip2", "bzip2", "bzip2", Required: true),
        new("xz", "xz", "xz-utils", Required: true),
        new("install", "install", "coreutils", Required: true),
        new("find", "find", "findutils", Required: true),
        new("mkhash", null, "coreutils", Required: true, HostToolScripts.Mkhash),
        new("zstd", "zstd", "zstd", Required: false),
        new("unzip", "unzip", "unzip", Required: false),
        new("git", "git", "git", Required: false),
        new("cmake", "cmake", "cmake", Required: false),
        new("ninja", "ninja", "ninja-build", Required: false),
        new("meson", "meson", "meson", Required: false),
        new("meson.py", "meson", "meson", Required: false, HostToolScripts.MesonLauncher) { BuiltIn = "tools/meson" },
        new("pkg-config", "pkgconf", "pkgconf", Required: false, HostToolScripts.PkgConfig),
        new("autoconf", "autoconf", "autoconf", Required: false),
        new("autoreconf", "autoreconf", "autoconf", Required: false),
        new("autoheader", "autoheader", "autoconf", Required: false),
        new("autom4te", "autom4te", "autoconf", Required: false),
        new("automake", "automake", "automake", Required: false),
        new("aclocal", "aclocal", "automake", Required: false, HostToolScripts.Aclocal),
        new("libtoolize", "libtoolize", "libtool", Required: false),
        new("libtool", "libtool", "libtool-bin", Required: false),
        new("m4", "m4", "m4", Required: false),
        new("flock", "flock", "util-linux", Required: false),
        new("file", "file", "file", Required: false),
        new("cpio", "cpio", "cpio", Required: false),
        // x86 image recipes: OpenWrt builds grub2 (package/boot/grub2), dosfstools and mtools (tools/); Kiln takes Debian's
        // (sfdisk partitions the example PC's disk images, where OpenWrt runs ptgen).
        new("grub-mkimage", "grub-mkimage", "grub-common", Required: false),
        new("grub-bios-setup", GrubScripts.BiosSetupProgram, "grub-pc-bin", Required: false, GrubScripts.BiosSetup),
        new("mkfs.fat", "mkfs.fat", "dosfstools", Required: false),
        new("mcopy", "mcopy", "mtools", Required: false),
        new("mmd", "mmd", "mtools", Required: false),
        new("sfdisk", "sfdisk", "fdisk", Required: false),
        new("patchelf", "patchelf", "patchelf", Required: false),
        new("fakeroot", "fakeroot", "fakeroot", Required: false),
        new("python3", "python3", "python3", Required: false),
        new("dtc", "dtc", "device-tree-compiler", Required: false),
        // What image recipes call; OpenWrt builds these in tools/ (or as a package's host build).
        new("lzma", "lzma_alone", "lzma-alone", Required: false)
        {
            BuiltIn = "tools/lzma",
            Fallback = new("lzma", "xz", "xz-utils", Required: false, HostToolScripts.Lzma),
        },
        new("padjffs2", null, "coreutils", Required: false, HostToolScripts.Padjffs2) { BuiltIn = "tools/padjffs2" },
        new("mkimage", "mkimage", "u-boot-tools", Required: false) { BuiltIn = "tools/mkimage" },
        new("mkenvimage", "mkenvimage", "u-boot-tools", Required: false) { BuiltIn = "tools/mkimage" },
        new("mksquashfs4", "mksquashfs", "squashfs-tools", Required: false, HostToolScripts.Mksquashfs4) { BuiltIn = "tools/squashfs4" },
        new("make_ext4fs", "mke2fs", "e2fsprogs", Required: false, HostToolScripts.MakeExt4fs) { BuiltIn = "tools/make-ext4fs" },
        new("mkfs.jffs2", "mkfs.jffs2", "mtd-utils", Required: false) { BuiltIn = "tools/mtd-utils" },
        new("mkfs.ubifs", "mkfs.ubifs", "mtd-utils", Required: false) { BuiltIn = "tools/mtd-utils" },
        new("ubinize", "ubinize", "mtd-utils", Required: false) { BuiltIn = "tools/mtd-utils" },
        new("mkfs.erofs", "mkfs.erofs", "erofs-utils", Required: false),
        new("fwtool", "python3", "python3", Required: false, HostToolScripts.Fwtool) { BuiltIn = "package/system/fwtool" },
        new("patch-cmdline", null, null, Required: false) { BuiltIn = "tools/patch-image" },
        new("patch-dtb", null, null, Required: false) { BuiltIn = "tools/patch-image" },
        .. FirmwareUtils.Select(name => new HostTool(name, null, null, Required: false) { BuiltIn = "tools/firmware-utils" }),
    ];

    /// <summary>
    /// The directories of OpenWrt's tools/ whose programs Kiln takes from the host (the Debian
    /// package that has them): a tool that needs one of them (tools/Makefile's
    /// <c>$(curdir)/X/compile += $(curdir)/Y/compile</c>) does not wait for a build of it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ToolsFromDebian = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["autoconf"] = "autoconf", ["autoconf-archive"] = "autoconf-archive", ["automake"] = "automake", ["bash"] = "bash", ["bc"] = "bc",
        ["bison"] = "bison", ["bzip2"] = "bzip2", ["ccache"] = "ccache", ["cmake"] = "cmake", ["coreutils"] = "coreutils", ["cpio"] = "cpio",
        ["dosfstools"] = "dosfstools", ["dwarves"] = "dwarves", ["e2fsprogs"] = "e2fsprogs", ["elfutils"] = "libelf-dev",
        ["expat"] = "libexpat1-dev", ["fakeroot"] = "fakeroot", ["findutils"] = "findutils", ["flex"] = "flex", ["flock"] = "util-linux",
        ["genext2fs"] = "genext2fs", ["gengetopt"] = "gengetopt", ["gmp"] = "libgmp-dev", ["gnulib"] = "gnulib", ["isl"] = "libisl-dev",
        ["libdeflate"] = "gzip", ["liblzo"] = "liblzo2-dev", ["libressl"] = "libssl-dev", ["libtool"] = "libtool", ["lz4"] = "lz4",
        ["lzma"] = "lzma-alone", ["lzop"] = "lzop", ["m4"] = "m4", ["make-ext4fs"] = "e2fsprogs", ["meson"] = "meson",
        ["missing-macros"] = "autoconf-archive", ["mkimage"] = "u-boot-tools", ["mpc"] = "libmpc-dev", ["mpfr"] = "libmpfr-dev",
        ["mtd-utils"] = "mtd-utils", ["mtools"] = "mtools", ["ninja"] = "ninja-build", ["padjffs2"] = "coreutils", ["patch"] = "patch",
        ["patchelf"] = "patchelf", ["pkgconf"] = "pkgconf", ["quilt"] = "quilt", ["sed"] = "sed", ["squashfs4"] = "squashfs-tools",
        ["tar"] = "tar", ["util-linux"] = "util-linux", ["xz"] = "xz-utils", ["zip"] = "zip", ["zlib"] = "zlib1g-dev", ["zstd"] = "zstd",
    };

    /// <summary>Where Debian puts the tools that make file systems (mke2fs, mkfs.jffs2, ...), which a user's PATH may lack.</summary>
    private const string SystemDirectories = ":/usr/sbin:/sbin";

    /// <summary>The host's compilers, which only a build of packages or tools needs.</summary>
    private static readonly string[] Compilers = ["gcc", "g++"];

    /// <summary>
    /// Links the host's tools into <paramref name="hostBin"/> and writes Kiln's scripts there,
    /// leaving alone what is there already (such as tools a build from tools/ made), and stops,
    /// naming the Debian packages, when a required one is missing.
    /// </summary>
    /// <param name="compiles">Something is compiled (else the compilers are linked only when the host has them, as images need none).</param>
    public static void Prepare(string hostBin, bool compiles = true)
    {
        Directory.CreateDirectory(hostBin);
        var path = Environment.GetEnvironmentVariable("PATH") + SystemDirectories;
        var missing = new List<HostTool>();
        foreach (var tool in All)
            if (!Place(tool, Path.Combine(hostBin, tool.Name), path) && tool.Required && (compiles || !Compilers.Contains(tool.Name)))
                missing.Add(tool);
        if (missing.Count > 0)
            throw new UserError(MissingMessage(missing));
        MesonFiles.Place(Path.Combine(Path.GetDirectoryName(hostBin.TrimEnd('/'))!, "lib", "meson"));
    }

    /// <summary>Puts the tool's first choice this machine has at <paramref name="link"/>; false when it has none.</summary>
    private static bool Place(HostTool tool, string link, string path)
    {
        if (tool.BuiltOnly) return File.Exists(link);
        var info = new FileInfo(link);
        // A live link stays (Kiln's, or one a user made); so does a program that is not Kiln's script (a build from the tree). Where Kiln
        // writes a script now, a link is an older Kiln's link to the host's program (pkg-config was one before it became OpenWrt's wrapper).
        var stays = info.LinkTarget is not null ? File.Exists(link) && tool.Script is null : info.Exists && !IsKilnScript(link);
        if (stays) return true;
        for (var choice = tool; choice is not null; choice = choice.Fallback)
        {
            var program = choice.Command is null ? null : Executables.Locate(choice.Command, path);
            if (choice.Script is { } script)
            {
                if (choice.Command is not null && program is null) continue;
                if (info.LinkTarget is not null) File.Delete(link); // a link to a program that is gone
                if (!File.Exists(link) || File.ReadAllText(link) != script) AtomicFile.Write(link, script, (UnixFileMode)0b111_101_101);
                return true;
            }
            if (program is null) continue;
            // A script of Kiln's that stood in, or a dangling link left by a removed tool.
            if (info.Exists || info.LinkTarget is not null) File.Delete(link);
            File.CreateSymbolicLink(link, program);
            return true;
        }
        // A script of Kiln's whose program is gone: the recipe is told what to install instead.
        if (info.Exists || info.LinkTarget is not null) File.Delete(link);
        return false;
    }

    /// <summary>
    /// The optional tools a recipe calls (through staging_dir/host/bin or by their name at the
    /// start of a command) that <paramref name="hostBin"/> lacks.
    /// </summary>
    public static IReadOnlyList<HostTool> MissingFor(string recipe, string hostBin)
    {
        var called = CalledPrograms(recipe);
        return All.Where(tool => !tool.Required && called.Contains(tool.Name) && !File.Exists(Path.Combine(hostBin, tool.Name))).ToList();
    }

    /// <summary>
    /// Why a recipe cannot run on this machine, or null when it can: the tools it calls that
    /// <paramref name="hostBin"/> lacks, each with where it comes from (the Debian package, Kiln's
    /// script and the program it runs, the tree's tools/ directory and the command that builds it).
    /// </summary>
    /// <param name="who">What runs the recipe (a device, a package).</param>
    /// <param name="step">Which of its steps (an image's pipeline step, a package's build step).</param>
    public static string? MissingMessage(string recipe, string hostBin, string who, string step) =>
        MissingFor(recipe, hostBin) is { Count: > 0 } missing ? $"{who}: {step} cannot run: {MissingMessage(missing)}" : null;

    /// <summary>"missing host tool(s) NAME (where it comes from), ...".</summary>
    public static string MissingMessage(IReadOnlyList<HostTool> missing) =>
        $"missing host tool{(missing.Count == 1 ? "" : "s")} " + string.Join("; ", missing.Select(t => $"{t.Name} ({t.Source})"));

    /// <summary>
    /// The links of Kiln's (to the host's programs) that a host-install recipe could write
    /// through: those named like a file it copies in from elsewhere (<c>$(CP) BUILD/tools/mkimage
    /// $(STAGING_DIR_HOST)/bin/</c> would otherwise overwrite Debian's mkimage). They are taken
    /// away for the step and given back by <see cref="Relink"/> where the step put nothing.
    /// </summary>
    public static IReadOnlyList<(string Name, string Target)> ReleaseLinks(string hostBin, string recipe)
    {
        var released = new List<(string, string)>();
        var copied = new HashSet<string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match path in PathWord().Matches(recipe))
            if (Path.GetDirectoryName(path.Value) != hostBin.TrimEnd('/')) copied.Add(Path.GetFileName(path.Value));
        foreach (var tool in All)
        {
            var link = Path.Combine(hostBin, tool.Name);
            if (!copied.Contains(tool.Name) || new FileInfo(link).LinkTarget is not { } target) continue;
            File.Delete(link);
            released.Add((tool.Name, target));
        }
        return released;
    }

    /// <summary>Gives back the links <see cref="ReleaseLinks"/> took, where nothing took their place.</summary>
    public static void Relink(string hostBin, IReadOnlyList<(string Name, string Target)> released)
    {
        foreach (var (name, target) in released)
        {
            var link = Path.Combine(hostBin, name);
            if (!File.Exists(link) && new FileInfo(link).LinkTarget is null) File.CreateSymbolicLink(link, target);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/[^\s'"";|&()<>]+")]
    private static partial System.Text.RegularExpressions.Regex PathWord();

    /// <summary>
    /// The programs of <paramref name="hostBin"/> a build of the tree's tools/ or of a package's host build put there: regular
    /// files that are neither links to the host's programs nor Kiln's scripts (which <see cref="Prepare"/> makes anywhere).
    /// </summary>
    public static IReadOnlyList<string> BuiltPrograms(string hostBin)
    {
        if (!Directory.Exists(hostBin)) return [];
        var built = new List<string>();
        foreach (var path in Directory.EnumerateFiles(hostBin))
            if (new FileInfo(path).LinkTarget is null && !IsKilnScript(path)) built.Add(path);
        built.Sort(StringComparer.Ordinal);
        return built;
    }

    /// <summary>A script Kiln wrote (and may replace), not a program an OpenWrt build put there.</summary>
    internal static bool IsKilnScript(string path)
    {
        if (new FileInfo(path).LinkTarget is not null) return false;
        using var reader = new StreamReader(path, System.Text.Encoding.Latin1);
        var head = new char[256];
        var length = reader.ReadBlock(head, 0, head.Length);
        return new string(head, 0, length).Contains(HostToolScripts.Marker, StringComparison.Ordinal);
    }

    /// <summary>
    /// The names of the programs a recipe calls: the first word of each line and of each command
    /// after <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>(</c> or <c>{</c>, past make's <c>@-+</c>
    /// prefixes and <c>NAME=VALUE</c> assignments, by their base name (so that
    /// <c>$(STAGING_DIR_HOST)/bin/mktplinkfw</c> is mktplinkfw), and any file of staging_dir/host/bin
    /// a word names.
    /// </summary>
    public static IReadOnlySet<string> CalledPrograms(string recipe)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in recipe.Split('\n'))
        {
            var start = true;
            foreach (System.Text.RegularExpressions.Match token in CommandToken().Matches(line))
            {
                var word = token.Value.Trim('"', '\'');
                // A path into staging_dir/host/bin names its tool wherever it stands (CMAKE_MAKE_PROGRAM=.../host/bin/ninja).
                if (word.LastIndexOf("/host/bin/", StringComparison.Ordinal) is >= 0 and var at) names.Add(word[(at + 10)..]);
                if (word is ";" or "&&" or "||" or "|" or "(" or "{" or "!" or "then" or "do" or "else" or "exec" or "xargs")
                {
                    start = true;
                    continue;
                }
                if (word is ")" or "}" or "fi" or "done" or "esac") continue;
                if (!start) continue;
                word = word.TrimStart('@', '-', '+');
                if (word.Length == 0 || (word.Contains('=') && !word.StartsWith('/'))) continue; // a prefix, or VAR=value before the command
                names.Add(word.Contains('/') ? word[(word.LastIndexOf('/') + 1)..] : word);
                start = false;
            }
        }
        return names;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"&&|\|\||[;|(){}]|""[^""]*""|'[^']*'|[^\s;|&(){}]+")]
    private static partial System.Text.RegularExpressions.Regex CommandToken();
}
