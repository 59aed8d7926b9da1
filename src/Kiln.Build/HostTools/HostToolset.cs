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
    private const string MkhashScript = """
        #!/bin/sh
        # mkhash TYPE [FILE...]: a hash of each file (or of stdin), as OpenWrt's mkhash prints it.
        type="$1"; shift
        case "$type" in md5) tool=md5sum ;; sha256) tool=sha256sum ;; *) echo "mkhash: unknown type $type" >&2; exit 1 ;; esac
        if [ $# -eq 0 ]; then $tool | cut -d' ' -f1; else for f in "$@"; do $tool "$f" | cut -d' ' -f1; done; fi

        """;

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
        new("mkhash", null, "coreutils", Required: true, MkhashScript),
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
        new("patchelf", "patchelf", "patchelf", Required: false),
        new("fakeroot", "fakeroot", "fakeroot", Required: false),
        new("python3", "python3", "python3", Required: false),
    ];

    /// <summary>
    /// Links the host's tools into <paramref name="hostBin"/> (leaving alone what is there already,
    /// such as tools an OpenWrt build made) and stops, naming the Debian packages, when a required
    /// one is missing.
    /// </summary>
    public static void Prepare(string hostBin)
    {
        Directory.CreateDirectory(hostBin);
        var path = Environment.GetEnvironmentVariable("PATH");
        var missing = new List<HostTool>();
        foreach (var tool in All)
        {
            var link = Path.Combine(hostBin, tool.Name);
            if (File.Exists(link)) continue;
            if (tool.Script is { } script)
            {
                AtomicFile.Write(link, script, (UnixFileMode)0b111_101_101);
                continue;
            }
            var program = Executables.Locate(tool.Command!, path);
            if (program is null)
            {
                if (tool.Required) missing.Add(tool);
                continue;
            }
            if (new FileInfo(link).LinkTarget is not null) File.Delete(link); // a dangling link left by a removed tool
            File.CreateSymbolicLink(link, program);
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
        $"missing host tools: {string.Join(", ", missing.Select(t => t.Command ?? t.Name))} (install the Debian packages: apt-get install " +
            $"{string.Join(' ', missing.Select(t => t.DebianPackage).Distinct())})";

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
