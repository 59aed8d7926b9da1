using Kiln.Build.Toolchains;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;
using Kiln.Packages.Model;

namespace Kiln.Lint.Checks;

/// <summary>
/// Every package named in DEPENDS or PKG_BUILD_DEPENDS exists in the tree, and a package
/// depends only on its own feed and the base feed (package/), which every tree has.
/// </summary>
public sealed class DependenciesCheck : IPackageCheck
{
    public IEnumerable<Finding> Check(LintedPackage package)
    {
        var findings = new List<Finding>();
        var feed = package.Source.Feed;
        foreach (var binary in package.Source.Packages)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dependency in binary.ParsedDepends)
            {
                if (dependency.Package is not { Length: > 0 } name || !reported.Add(name)) continue;
                var where = package.PackageDefine(binary.Name)?.LineWhere(l => l.Contains("DEPENDS", StringComparison.Ordinal) && l.Contains(name, StringComparison.Ordinal))
                    ?? package.Header;
                // The C library and the compiler's runtime come with the toolchain when the tree does not build them.
                if (ToolchainLibraries.Packages.ContainsKey(name)) continue;
                var providers = package.Tree.Providers(name);
                if (providers.Count == 0)
                {
                    if (!package.Tree.BoardKernelModules.Contains(name)) findings.Add(Unknown(package, where, $"{binary.Name} depends on {name}", name));
                    continue;
                }
                if (providers.Any(p => p.Source.Feed == feed || p.Source.Feed == "base")) continue;
                var feeds = string.Join(", ", providers.Select(p => p.Source.Feed).Distinct().Order(StringComparer.Ordinal));
                findings.Add(new Finding(LintRules.OtherFeedDependency, where,
                    $"{binary.Name} (feed {feed}) depends on {name}, which only feed {feeds} has: a tree without that feed cannot build it; move the package or the dependency"));
            }
        }
        foreach (var buildDependency in package.Source.BuildDepends)
        {
            var name = BuildDependencyName(buildDependency);
            if (name.Length == 0 || package.Tree.Source(name) is not null || package.Tree.Providers(name).Count > 0 || IsHostTool(package, name)) continue;
            findings.Add(Unknown(package, package.Where("PKG_BUILD_DEPENDS"), $"PKG_BUILD_DEPENDS names {buildDependency}", name));
        }
        return findings;
    }

    private static Finding Unknown(LintedPackage package, Core.Errors.SourceLocation where, string what, string name)
    {
        var absent = package.Tree.AbsentFeeds;
        if (absent.Count == 0)
            return new Finding(LintRules.UnknownDependency, where, $"{what}, but no package of the tree or its feeds is called {name} or provides it");
        // The feeds that are configured but not fetched may have it: the lint cannot tell.
        return new Finding(LintRules.UnknownDependency, where,
            $"{what}, but no package here is called {name} or provides it (feeds {string.Join(", ", absent)} are configured but not present: fetch them to check)")
        { Severity = Severity.Warning };
    }

    /// <summary>The package a PKG_BUILD_DEPENDS entry names: "COND:name/host" is "name".</summary>
    private static string BuildDependencyName(string entry)
    {
        var name = entry.TrimStart('+');
        var colon = name.LastIndexOf(':');
        if (colon >= 0) name = name[(colon + 1)..];
        var slash = name.IndexOf('/');
        return slash >= 0 ? name[..slash] : name;
    }

    /// <summary>A host tool of the tree's tools/ (what "name/host" also names).</summary>
    private static bool IsHostTool(LintedPackage package, string name) => Directory.Exists(Path.Combine(package.TopDirectory, "tools", name));
}
