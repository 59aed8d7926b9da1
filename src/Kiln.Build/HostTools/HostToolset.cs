using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;

namespace Kiln.Build.HostTools;

/// <summary>
/// The host tools of a build. OpenWrt compiles them (tools/); Kiln takes the host's own from
/// Debian's packages and links them into staging_dir/host/bin, where the recipes look for them.
/// </summary>
public static class HostToolset
{
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
        new("pkg-config", "pkg-config", "pkgconf", Required: false),
        new("autoconf", "autoconf", "autoconf", Required: false),
        new("autoreconf", "autoreconf", "autoconf", Required: false),
        new("autoheader", "autoheader", "autoconf", Required: false),
        new("autom4te", "autom4te", "autoconf", Required: false),
        new("automake", "automake", "automake", Required: false),
        new("aclocal", "aclocal", "automake", Required: false),
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
        // What image recipes call.
        new("lzma", "xz", "xz-utils", Required: false, HostToolScripts.Lzma),
        new("padjffs2", null, "coreutils", Required: false, HostToolScripts.Padjffs2),
        new("mkimage", "mkimage", "u-boot-tools", Required: false),
        new("mksquashfs4", "mksquashfs", "squashfs-tools", Required: false, HostToolScripts.Mksquashfs4),
        new("make_ext4fs", "mke2fs", "e2fsprogs", Required: false, HostToolScripts.MakeExt4fs),
        new("mkfs.jffs2", "mkfs.jffs2", "mtd-utils", Required: false),
        new("mkfs.ubifs", "mkfs.ubifs", "mtd-utils", Required: false),
        new("ubinize", "ubinize", "mtd-utils", Required: false),
        new("mkfs.erofs", "mkfs.erofs", "erofs-utils", Required: false),
    ];

    /// <summary>Where Debian puts the tools that make file systems (mke2fs, mkfs.jffs2, ...), which a user's PATH may lack.</summary>
    private const string SystemDirectories = ":/usr/sbin:/sbin";

    /// <summary>
    /// Links the host's tools into <paramref name="hostBin"/> (leaving alone what is there already,
    /// such as tools an OpenWrt build made) and stops, naming the Debian packages, when a required
    /// one is missing.
    /// </summary>
    public static void Prepare(string hostBin)
    {
        Directory.CreateDirectory(hostBin);
        var path = Environment.GetEnvironmentVariable("PATH") + SystemDirectories;
        var missing = new List<HostTool>();
        foreach (var tool in All)
        {
            var link = Path.Combine(hostBin, tool.Name);
            var program = tool.Command is null ? null : Executables.Locate(tool.Command, path);
            if (tool.Script is { } script)
            {
                if (File.Exists(link) && !IsKilnScript(link)) continue;
                if (tool.Command is null || program is not null)
                {
                    if (!File.Exists(link) || File.ReadAllText(link) != script) AtomicFile.Write(link, script, (UnixFileMode)0b111_101_101);
                    continue;
                }
                File.Delete(link); // a script of Kiln's whose program is gone: the recipe is told what to install instead
            }
            else
            {
                if (File.Exists(link)) continue;
                if (program is not null)
                {
                    if (new FileInfo(link).LinkTarget is not null) File.Delete(link); // a dangling link left by a removed tool
                    File.CreateSymbolicLink(link, program);
                    continue;
                }
            }
            if (tool.Required) missing.Add(tool);
        }
        if (missing.Count > 0)
            throw new UserError(MissingMessage(missing));
    }

    /// <summary>
    /// The optional tools a recipe calls (through staging_dir/host/bin or by their name at the
    /// start of a command) that this machine lacks.
    /// </summary>
    public static IReadOnlyList<HostTool> MissingFor(string recipe, string hostBin)
    {
        var missing = new List<HostTool>();
        foreach (var tool in All)
        {
            if (tool.Required || File.Exists(Path.Combine(hostBin, tool.Name))) continue;
            if (recipe.Contains("/host/bin/" + tool.Name + " ", StringComparison.Ordinal) ||
                recipe.Contains("/host/bin/" + tool.Name + "\n", StringComparison.Ordinal) ||
                StartsCommand(recipe, tool.Name))
                missing.Add(tool);
        }
        return missing;
    }

    public static string MissingMessage(IReadOnlyList<HostTool> missing) =>
        $"missing host tools: {string.Join(", ", missing.Select(t => t.Script is null ? t.Command : t.Name))} " +
            $"(install the Debian packages: apt-get install {string.Join(' ', missing.Select(t => t.DebianPackage).Distinct())})";

    /// <summary>A script Kiln wrote (and may replace), not a program an OpenWrt build put there.</summary>
    private static bool IsKilnScript(string path)
    {
        if (new FileInfo(path).LinkTarget is not null) return false;
        using var reader = new StreamReader(path, System.Text.Encoding.Latin1);
        var head = new char[256];
        var length = reader.ReadBlock(head, 0, head.Length);
        return new string(head, 0, length).Contains(HostToolScripts.Marker, StringComparison.Ordinal);
    }

    private static bool StartsCommand(string recipe, string name)
    {
        foreach (var line in recipe.Split('\n'))
        {
            var text = line.TrimStart(' ', '\t', '@', '-', '+', '(');
            if (text.StartsWith(name + " ", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
