using Kiln.Lint.Built;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Checks;

/// <summary>
/// <c>size/development-files</c>: a runtime package (see <see cref="BuiltBinary.IsRuntime"/>)
/// ships nothing a device does not use: man and info pages, documentation, headers, static
/// libraries. They belong to Build/InstallDev (the staging directory), not Package/NAME/install.
/// </summary>
public sealed class DevelopmentFilesCheck : IPackageCheck
{
    /// <summary>What is development-only: a directory (with what the install step's line would name), or a suffix.</summary>
    private static readonly (string Directory, string Kind, string InstallLine)[] Directories =
    [
        ("usr/include", "headers", "include"),
        ("usr/share/man", "man pages", "man"),
        ("usr/share/info", "info pages", "info"),
        ("usr/share/doc", "documentation", "doc"),
    ];

    public IEnumerable<Finding> Check(LintedPackage package)
    {
        if (package.Built is not { } built) return [];
        var findings = new List<Finding>();
        foreach (var binary in built.Packages)
        {
            if (!binary.IsRuntime) continue;
            var name = binary.Binary.Name;
            var install = package.Own($"Package/{name}/install");
            // One finding per kind, naming the first file and how many there are.
            var found = new SortedDictionary<string, (string First, int Count, string InstallLine)>(StringComparer.Ordinal);
            foreach (var file in binary.Files)
            {
                if (file.IsDirectory) continue;
                var kind = KindOf(file.Path);
                if (kind is null) continue;
                found[kind.Value.Kind] = found.TryGetValue(kind.Value.Kind, out var seen)
                    ? seen with { Count = seen.Count + 1 }
                    : (file.Path, 1, kind.Value.InstallLine);
            }
            foreach (var (kind, (first, count, line)) in found)
            {
                var location = install?.LineWhere(l => l.Contains(line, StringComparison.Ordinal) && !l.Contains("$(INSTALL_DIR)", StringComparison.Ordinal))
                    ?? package.Header;
                var more = count > 1 ? $" and {count - 1} more" : "";
                findings.Add(new Finding(LintRules.DevelopmentFiles, location,
                    $"{name} ships {kind} ({first}{more}), which a device does not use: install them in Build/InstallDev, " +
                    $"not Package/{name}/install (or in a {name}-dev package)"));
            }
        }
        return findings.Distinct();
    }

    private static (string Kind, string InstallLine)? KindOf(string path)
    {
        foreach (var (directory, kind, line) in Directories)
            if (path.StartsWith(directory + "/", StringComparison.Ordinal)) return (kind, line);
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.StartsWith("lib", StringComparison.Ordinal) && name.EndsWith(".a", StringComparison.Ordinal) ? ("static libraries", ".a") : null;
    }
}
