using Kiln.Images.Rootfs;
using Kiln.Lint.Built;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Checks;

/// <summary>
/// Every library an ELF file of the package needs (DT_NEEDED) is shipped by the package or by a
/// package its control Depends reach, transitively, as installing it with opkg would bring them:
/// else <c>libraries/needed-not-provided</c>, or <c>dependencies/linked-build-depends</c> when the
/// package that ships it comes from a source named in PKG_BUILD_DEPENDS (built first, so the link
/// worked, but never installed with it).
/// </summary>
public sealed class NeededLibrariesCheck : IPackageCheck
{
    public IEnumerable<Finding> Check(LintedPackage package)
    {
        if (package.Built is not { } built) return [];
        var buildDepends = BuildDependedSources(package);
        var findings = new List<Finding>();
        foreach (var binary in built.Packages)
        {
            if (binary.Elves.Count == 0) continue;
            var architecture = binary.Architecture;
            var provided = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in binary.Files)
                if (!file.IsDirectory) provided.Add(file.Name);
            var (closure, unresolved) = architecture.Closure(binary.Ipk);
            foreach (var reached in closure) provided.UnionWith(architecture.SharedObjectsOf(reached));
            // A dependency no package answers to may be the one that would have brought the library.
            var unknown = unresolved.Count == 0 ? ""
                : $" (its Depends reach {string.Join(", ", unresolved)}, which no package built for {architecture.Name} is or provides)";

            // Each missing library once (by file name, which the loader looks for), with the first file in the archive that needs it.
            var missing = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (file, elf) in binary.Elves)
                foreach (var needed in elf.Needed)
                    if (needed[(needed.LastIndexOf('/') + 1)..] is var library && !provided.Contains(library)) missing.TryAdd(library, file.Path);

            var name = binary.Binary.Name;
            foreach (var (library, user) in missing)
            {
                var shipping = architecture.Shipping(library);
                var fromBuildDepends = shipping.FirstOrDefault(p => buildDepends.Contains(p.Control["SourceName"] ?? ""));
                if (fromBuildDepends is not null)
                {
                    findings.Add(new Finding(LintRules.LinkedBuildDependency, package.Where("PKG_BUILD_DEPENDS"),
                        $"{name}: {user} needs {library}, which {fromBuildDepends.Name} ships, but PKG_BUILD_DEPENDS only builds " +
                        $"{fromBuildDepends.Control["SourceName"]} first: add +{DependsName(package, fromBuildDepends)} to DEPENDS of Package/{name}"));
                    continue;
                }
                var advice = shipping.Count > 0
                    ? $"add +{DependsName(package, shipping[0])} to its DEPENDS ({string.Join(", ", shipping.Select(p => p.Name))} ships it)"
                    : "no package built for " + architecture.Name + " ships it: add the package that does to its DEPENDS";
                findings.Add(new Finding(LintRules.NeededNotProvided, package.FieldLocation(name, "DEPENDS"),
                    $"{name}: {user} needs {library}, which neither {name} nor any package its Depends reach ships{unknown}: {advice}"));
            }
        }
        return findings.Distinct();
    }

    /// <summary>The source packages PKG_BUILD_DEPENDS names for the target (not /host), by PKG_NAME: a name there may be a source's or one of its packages'.</summary>
    private static HashSet<string> BuildDependedSources(LintedPackage package)
    {
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in package.Source.BuildDepends)
        {
            var name = word[(word.LastIndexOf(':') + 1)..];
            if (name.EndsWith("/host", StringComparison.Ordinal)) continue;
            if (package.Tree.Source(name) is { } source) sources.Add(source.Name);
            foreach (var (_, provider) in package.Tree.Providers(name)) sources.Add(provider.Name);
        }
        return sources;
    }

    /// <summary>What DEPENDS names for a built package: the tree's binary package it was built from (libfoo for libfoo1), else its installed name.</summary>
    private static string DependsName(LintedPackage package, FeedPackage built)
    {
        if (built.Control["SourceName"] is { } sourceName && package.Tree.Source(sourceName) is { } source)
            foreach (var binary in source.Packages)
                if (binary.InstalledName == built.Name) return binary.Name;
        return built.Name;
    }
}
