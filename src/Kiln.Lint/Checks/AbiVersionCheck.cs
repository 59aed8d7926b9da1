using Kiln.Lint.Built;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;
using Kiln.Packages.Model;

namespace Kiln.Lint.Checks;

/// <summary>
/// <c>libraries/abi-version</c> and <c>libraries/abi-version-soname</c>: a package that ships a
/// shared library with a versioned SONAME in the library path sets ABI_VERSION to that version,
/// so that a new SONAME gives a new package name and what links the old one keeps it.
/// </summary>
public sealed class AbiVersionCheck : IPackageCheck
{
    public IEnumerable<Finding> Check(LintedPackage package)
    {
        if (package.Built is not { } built) return [];
        var findings = new List<Finding>();
        foreach (var binary in built.Packages)
        {
            var versions = new SortedDictionary<string, string>(StringComparer.Ordinal); // ABI version -> the SONAME that has it
            foreach (var (file, elf) in binary.Elves)
                if (elf.Type == ElfType.Shared && IsInLibraryPath(file) && elf.SoName is { } soname
                    && SharedObjectName.AbiVersion(soname) is { } version)
                    versions.TryAdd(version, soname);
            if (versions.Count == 0) continue;
            var name = binary.Binary.Name;
            var location = package.FieldLocation(name, "ABI_VERSION");
            var abi = binary.Binary.AbiVersion;
            var (expected, principal) = Principal(name, versions);
            if (abi.Length == 0)
                findings.Add(new Finding(LintRules.AbiVersionMissing, location,
                    $"{name} ships {string.Join(", ", versions.Values)} but has no ABI_VERSION: set ABI_VERSION:={expected} in Package/{name}, " +
                    $"the version {principal} carries (the package is then installed as {BinaryPackage.InstalledNameOf(name, expected)})"));
            else if (!versions.Values.Any(s => SharedObjectName.Carries(s, abi)))
                findings.Add(new Finding(LintRules.AbiVersionMismatch, location,
                    $"{name} has ABI_VERSION {abi} but ships {string.Join(", ", versions.Values)}: set ABI_VERSION:={expected}, the version {principal} carries"));
        }
        return findings.Distinct();
    }

    /// <summary>
    /// The library the package is named after (libfoo for libfoo.so.N, or foo's libfoo), whose
    /// version ABI_VERSION follows when a package ships several; else the first by version.
    /// </summary>
    private static (string Version, string SoName) Principal(string package, SortedDictionary<string, string> versions)
    {
        var stem = package.StartsWith("lib", StringComparison.Ordinal) ? package : "lib" + package;
        foreach (var (version, soname) in versions)
            if (soname.StartsWith(stem + ".so", StringComparison.Ordinal) || soname.StartsWith(stem + "-", StringComparison.Ordinal)) return (version, soname);
        var (first, name) = versions.First();
        return (first, name);
    }

    /// <summary>Where the loader finds libraries by name: /lib and /usr/lib (a plugin directory's objects are no one's link dependency).</summary>
    internal static bool IsInLibraryPath(BuiltFile file) => file.Directory is "lib" or "usr/lib";
}
