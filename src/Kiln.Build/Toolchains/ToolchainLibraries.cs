namespace Kiln.Build.Toolchains;

/// <summary>
/// The binary packages an external toolchain provides (OpenWrt's package/libs/toolchain for
/// external toolchains): the C library and the compiler's runtime libraries, copied from the
/// toolchain's sysroot into their install directories.
/// </summary>
public static class ToolchainLibraries
{
    /// <summary>Package name → file name patterns in the sysroot's library directory.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Packages = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["libc"] = ["ld.so.1", "ld-linux*.so.*", "libc.so.6", "libm.so.6", "libresolv.so.2", "libdl.so.2", "libutil.so.1", "libanl.so.1",
            "libnss_dns.so.2", "libnss_files.so.2"],
        ["libpthread"] = ["libpthread.so.0"],
        ["librt"] = ["librt.so.1"],
        ["libgcc"] = ["libgcc_s.so.1"],
        ["libatomic"] = ["libatomic.so.1"],
        ["libstdcpp"] = ["libstdc++.so.6"],
    };

    /// <summary>Fills the install directory of <paramref name="package"/>'s files (under lib/), following links to their files.</summary>
    public static void Install(Toolchain toolchain, string package, string installDirectory)
    {
        if (Directory.Exists(installDirectory)) Directory.Delete(installDirectory, recursive: true);
        var lib = Path.Combine(installDirectory, "lib");
        Directory.CreateDirectory(lib);
        var sources = new[] { toolchain.LibraryDirectory, toolchain.Native ? "/lib64" : Path.Combine(toolchain.Sysroot, "lib64") };
        foreach (var pattern in Packages[package])
            foreach (var directory in sources.Where(Directory.Exists))
                foreach (var file in Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal))
                {
                    var destination = Path.Combine(lib, Path.GetFileName(file));
                    if (!File.Exists(destination)) File.Copy(file, destination);
                }
    }

    /// <summary>The C library's version, as glibc states it in libc.so.6 ("release version 2.36"), or "unknown".</summary>
    public static string Version(Toolchain toolchain)
    {
        var path = Path.Combine(toolchain.LibraryDirectory, "libc.so.6");
        if (!File.Exists(path)) return "unknown";
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        var at = text.IndexOf("release version ", StringComparison.Ordinal);
        if (at < 0) return "unknown";
        var start = at + "release version ".Length;
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.')) end++;
        return text[start..end].TrimEnd('.');
    }
}
