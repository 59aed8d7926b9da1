using Kiln.Core.Errors;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Checks;

/// <summary>
/// The package directory holds what the build reads (Makefile, files/, patches/, src/, Config.in,
/// OpenWrt's CI test scripts, shared .mk files, and whatever the Makefile names), and patches/
/// holds unified diffs named NNN-name.patch.
/// </summary>
public sealed class LayoutCheck : IPackageCheck
{
    private static readonly HashSet<string> Expected =
        new(["Makefile", "files", "patches", "src", "Config.in", "test.sh", "pre-test.sh", "test", "tests"], StringComparer.Ordinal);

    /// <summary>What the build reads as directories.</summary>
    private static readonly string[] Directories = ["files", "patches", "src"];

    public IEnumerable<Finding> Check(LintedPackage package)
    {
        var findings = new List<Finding>();
        if (!Directory.Exists(package.Directory)) return findings;
        // What the Makefile or Config.in names is read by the build (a variant's patch directory, a Kconfig file it sources).
        var buildText = string.Join('\n', package.Lines.Of(package.Makefile).Concat(package.Lines.Of(package.Source.Directory + "/Config.in")));
        foreach (var entry in Directory.EnumerateFileSystemEntries(package.Directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (Directories.Contains(name) && File.Exists(entry))
            {
                findings.Add(new Finding(LintRules.UnexpectedFile, new SourceLocation(package.Source.Directory + "/" + name, 0),
                    $"{name} is a file where the build reads a directory ({name}/)"));
                continue;
            }
            if (IsExpected(name) || buildText.Contains(name, StringComparison.Ordinal) || NamedByPattern(name, buildText) || IsPackageOfItsOwn(entry)) continue;
            findings.Add(new Finding(LintRules.UnexpectedFile, new SourceLocation(package.Source.Directory + "/" + name, 0),
                $"{name} is not something the build reads (a package directory holds Makefile, files/, patches/, src/, Config.in and test scripts)"));
        }
        foreach (var patch in package.Patches) CheckPatch(patch, findings);
        return findings;
    }

    /// <summary>Makefile, files/, ..., shared .mk files, Kconfig fragments (*.in, which Config.in files anywhere may source), test scripts, and variants' own patches-*/files-* directories.</summary>
    private static bool IsExpected(string name) =>
        Expected.Contains(name) || name.EndsWith(".mk", StringComparison.Ordinal)
        || name.StartsWith("patches-", StringComparison.Ordinal) || name.StartsWith("files-", StringComparison.Ordinal)
        || name.EndsWith(".in", StringComparison.Ordinal)
        || (name.StartsWith("test-", StringComparison.Ordinal) && name.EndsWith(".sh", StringComparison.Ordinal));

    /// <summary>
    /// The build text names <paramref name="name"/> through a variable, as <c>uEnv-$(UENV).txt</c> or
    /// <c>patches-$(VERSION).x</c>: a word whose text before its first reference (three characters
    /// at least) starts the name, and whose text after its last one ends it.
    /// </summary>
    private static bool NamedByPattern(string name, string buildText)
    {
        foreach (var word in buildText.Split([' ', '\t', '\n', '"', '\'', '/', '=', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var first = word.IndexOf("$(", StringComparison.Ordinal);
            if (first < 3) continue;
            var last = word.LastIndexOf(')');
            var suffix = last > first ? word[(last + 1)..] : "";
            if (name.StartsWith(word[..first], StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
                && name.Length >= first + suffix.Length) return true;
        }
        return false;
    }

    /// <summary>A directory with a Makefile of its own is another package (lang/perl holds perl-cgi, ...).</summary>
    private static bool IsPackageOfItsOwn(string entry) => File.Exists(Path.Combine(entry, "Makefile"));

    private static void CheckPatch(PatchFile patch, List<Finding> findings)
    {
        var name = Path.GetFileName(patch.Path);
        var where = new SourceLocation(patch.Path, 0);
        if (!IsWellNamed(name))
            findings.Add(new Finding(LintRules.PatchName, where,
                $"{name} is not named NNN-name.patch (a number, a hyphen, then ASCII letters, digits and hyphens): patches apply in the order of their names"));
        if (!patch.IsUnifiedDiff)
            findings.Add(new Finding(LintRules.PatchFormat, where, $"{name} is not a unified diff (quilt refresh or git format-patch writes one)"));
    }

    /// <summary>NNN-name.patch: digits, a hyphen, then ASCII letters, digits and hyphens.</summary>
    internal static bool IsWellNamed(string name)
    {
        const string suffix = ".patch";
        if (!name.EndsWith(suffix, StringComparison.Ordinal)) return false;
        var i = 0;
        while (i < name.Length && char.IsAsciiDigit(name[i])) i++;
        if (i == 0 || i >= name.Length - suffix.Length || name[i] != '-') return false;
        var stem = name.AsSpan(i + 1, name.Length - suffix.Length - i - 1);
        if (stem.IsEmpty) return false;
        foreach (var c in stem)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        return true;
    }
}
