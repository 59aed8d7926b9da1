using Kiln.Packages.Model;

namespace Kiln.Lint.Built;

/// <summary>What the build produced for one source package: its binary packages' .ipk files, and which were not built.</summary>
public sealed class PackageBuild
{
    private PackageBuild(IReadOnlyList<BuiltBinary> packages, IReadOnlyList<BinaryPackage> notBuilt)
    {
        Packages = packages;
        NotBuilt = notBuilt;
    }

    /// <summary>Each binary package's .ipk, one per architecture it was built for.</summary>
    public IReadOnlyList<BuiltBinary> Packages { get; }

    /// <summary>The binary packages with no .ipk at their current version (BUILDONLY ones, never packed, are not counted).</summary>
    public IReadOnlyList<BinaryPackage> NotBuilt { get; }

    public static PackageBuild Of(SourcePackage source, BuiltTree tree)
    {
        var packages = new List<BuiltBinary>();
        var notBuilt = new List<BinaryPackage>();
        foreach (var binary in source.Packages)
        {
            if (binary.BuildOnly) continue;
            var ipks = tree.IpksOf(binary);
            if (ipks.Count == 0) notBuilt.Add(binary);
            foreach (var (ipk, architecture) in ipks) packages.Add(new BuiltBinary(binary, ipk, architecture));
        }
        return new PackageBuild(packages, notBuilt);
    }
}
