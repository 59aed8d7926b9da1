using Kiln.Core.Errors;
using Kiln.Lint.Built;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Checks;

/// <summary>
/// How a library's names are installed: <c>libraries/unversioned-link</c> (libfoo.so, the name
/// the linker wants, next to libfoo.so.1 in a runtime package: it belongs to the staging directory)
/// and <c>libraries/copied-symlink</c> (libfoo.so.1 and libfoo.so.1.2.3 as two identical files: the
/// install step copied a link with $(INSTALL_BIN) or $(INSTALL_DATA), which follow it).
/// </summary>
public sealed class LibraryLinksCheck : IPackageCheck
{
    public IEnumerable<Finding> Check(LintedPackage package)
    {
        if (package.Built is not { } built) return [];
        var findings = new List<Finding>();
        foreach (var binary in built.Packages)
        {
            var name = binary.Binary.Name;
            var install = package.Own($"Package/{name}/install");
            var byDirectory = binary.Files.Where(f => !f.IsDirectory && SharedObjectName.Of(f.Name) is not null).GroupBy(f => f.Directory);
            foreach (var directory in byDirectory)
            {
                var files = directory.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
                foreach (var shorter in files)
                {
                    var longer = files.Where(f => SharedObjectName.Extends(shorter.Name, f.Name)).ToList();
                    if (longer.Count == 0) continue;
                    if (binary.IsRuntime && shorter.Name.EndsWith(".so", StringComparison.Ordinal))
                        findings.Add(new Finding(LintRules.UnversionedLink, Line(package, install, l => l.Contains(".so", StringComparison.Ordinal) && !l.Contains("$(INSTALL_DIR)", StringComparison.Ordinal)),
                            $"{name} ships {shorter.Path} next to {longer[0].Name}: the unversioned name is only for linking; " +
                            $"install {shorter.Name}.* instead of {shorter.Name}* (Build/InstallDev puts {shorter.Name} in the staging directory)"));
                    if (shorter.Bytes is { } bytes && longer.FirstOrDefault(f => f.Bytes is { } other && bytes.AsSpan().SequenceEqual(other)) is { } copy)
                        findings.Add(new Finding(LintRules.CopiedSymlink,
                            Line(package, install, l => l.Contains("INSTALL_", StringComparison.Ordinal) && l.Contains(".so", StringComparison.Ordinal)),
                            $"{name} ships {shorter.Path} as a copy of {copy.Name}, not a link to it: install the library's links with $(CP), " +
                            "which keeps them links, not $(INSTALL_BIN) or $(INSTALL_DATA), which copy what they point to"));
                }
            }
        }
        return findings.Distinct();
    }

    /// <summary>The install step's line that <paramref name="matches"/>, else the install define, else the package's header.</summary>
    private static SourceLocation Line(LintedPackage package, MakefileAssignment? install, Func<string, bool> matches) =>
        install?.LineWhere(matches) ?? package.Header;
}
