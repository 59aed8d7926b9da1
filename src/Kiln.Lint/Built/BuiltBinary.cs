using Kiln.Images.Rootfs;
using Kiln.Packages.Model;
using Kiln.Packing.Ipk;

namespace Kiln.Lint.Built;

/// <summary>
/// One binary package as built: its .ipk (for one architecture), what the .ipk holds, and its
/// ELF files read.
/// </summary>
public sealed class BuiltBinary
{
    public BuiltBinary(BinaryPackage binary, FeedPackage ipk, BuiltArchitecture architecture)
    {
        Binary = binary;
        Ipk = ipk;
        Architecture = architecture;
        var files = new List<BuiltFile>();
        var elves = new List<(BuiltFile, ElfFile)>();
        foreach (var entry in IpkContents.Read(ipk.IpkPath).DataEntries)
        {
            var path = entry.Name.TrimStart('.').Trim('/');
            if (path.Length == 0) continue;
            var file = new BuiltFile(path, entry.Bytes, entry.LinkTarget);
            files.Add(file);
            if (file.Bytes is { } bytes && ElfFile.Read(bytes) is { } elf) elves.Add((file, elf));
        }
        Files = files;
        Elves = elves;
    }

    public BinaryPackage Binary { get; }

    public FeedPackage Ipk { get; }

    public BuiltArchitecture Architecture { get; }

    /// <summary>Every entry of the package's data, in the archive's order.</summary>
    public IReadOnlyList<BuiltFile> Files { get; }

    /// <summary>The regular files that are ELF files, read.</summary>
    public IReadOnlyList<(BuiltFile File, ElfFile Elf)> Elves { get; }

    /// <summary>
    /// Whether it is what a device runs, not what a developer builds with: not a -dev, -devel, -doc
    /// or -docs package, and not in the Development menu (compilers, header-only libraries,
    /// autotools: their headers and archives are what they are for).
    /// </summary>
    public bool IsRuntime
    {
        get
        {
            var name = Binary.Name;
            if (name.EndsWith("-dev", StringComparison.Ordinal) || name.EndsWith("-devel", StringComparison.Ordinal)
                || name.EndsWith("-doc", StringComparison.Ordinal) || name.EndsWith("-docs", StringComparison.Ordinal)) return false;
            return Binary.Variable("CATEGORY") != "Development";
        }
    }
}
