using System.Globalization;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;
using Kiln.Packages.Model;

namespace Kiln.Lint.Checks;

/// <summary>
/// What users and tools read about a package: a description for each package (a missing TITLE
/// stops the Makefile, so the linter reports it from that error), a
/// license as an SPDX expression, a maintainer, and no OpenWrt.org copyright copied into a
/// feed's newer package.
/// </summary>
public sealed class MetadataCheck(LicenseList licenses) : IPackageCheck
{
    /// <summary>The packages feed moved out of OpenWrt's tree in 2014; later OpenWrt.org lines there were copied from older Makefiles.</summary>
    private const int FirstYearOutsideTheTree = 2015;

    /// <summary>How far into the Makefile a copyright line is looked for.</summary>
    private const int HeaderLines = 15;

    public IEnumerable<Finding> Check(LintedPackage package)
    {
        var findings = new List<Finding>();
        var undescribed = new List<(string Name, Core.Errors.SourceLocation Where)>();
        foreach (var binary in package.Source.Packages)
        {
            if (binary.BuildOnly) continue;
            var where = package.PackageDefine(binary.Name)?.Location ?? package.Header;
            // A HIDDEN package is never offered to a user (it only gathers dependencies), so nobody reads its description.
            if (!HasDescription(package, binary) && string.IsNullOrWhiteSpace(binary.Variable("HIDDEN"))) undescribed.Add((binary.Name, where));
            if (package.PackageDefine(binary.Name) is not null && binary.Variable("LICENSE") is { Length: > 0 } own
                && own.Trim() != (package.Variable("PKG_LICENSE") ?? "").Trim())
                CheckLicense(own.Trim(), package.FieldLocation(binary.Name, "LICENSE"), "LICENSE", findings);
        }
        // Packages a template defines share its line: one finding there, naming them, rather than one each.
        foreach (var group in undescribed.GroupBy(u => u.Where))
        {
            var names = group.Select(u => u.Name).ToList();
            findings.Add(new Finding(LintRules.DescriptionMissing, group.Key, names.Count == 1
                ? $"package {names[0]} has no description: add define Package/{names[0]}/description"
                : $"{names.Count} packages defined here have no description ({Listing(names)}): give the template a Package/NAME/description"));
        }
        CheckSourceLicense(package, findings);
        if (string.IsNullOrWhiteSpace(package.Variable("PKG_MAINTAINER")) && !package.Source.Packages.All(p => !string.IsNullOrWhiteSpace(p.Variable("MAINTAINER"))))
            findings.Add(new Finding(LintRules.MaintainerMissing, package.Where("PKG_MAINTAINER"),
                "PKG_MAINTAINER is not set: name who looks after the package (Name <address>)"));
        CheckCopyright(package, findings);
        return findings;
    }

    private static string Listing(List<string> names) =>
        names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";

    /// <summary>
    /// Whether the package has a description of its own. BuildPackage defines a missing one as the
    /// TITLE, from its $(eval) line; a description written in a define (or a template's) is the package's.
    /// </summary>
    private static bool HasDescription(LintedPackage package, BinaryPackage binary)
    {
        var name = binary.Name;
        if (name.StartsWith("kmod-", StringComparison.Ordinal) && package.Own($"KernelPackage/{name[5..]}/description") is not null) return true;
        return package.Own($"Package/{name}/description") is { } description
            && (description.IsDefine || description.RawValue.Trim() != (binary.Field("Title") ?? "").Trim());
    }

    private void CheckSourceLicense(LintedPackage package, List<Finding> findings)
    {
        var license = package.Variable("PKG_LICENSE")?.Trim() ?? "";
        if (license.Length > 0)
            CheckLicense(license, package.Where("PKG_LICENSE"), "PKG_LICENSE", findings);
        else if (package.Source.Packages.Count > 0 && package.Source.Packages.Any(p => string.IsNullOrWhiteSpace(p.Field("License"))))
            findings.Add(new Finding(LintRules.LicenseMissing, package.Where("PKG_LICENSE"),
                "PKG_LICENSE is not set: name the license as an SPDX expression (and PKG_LICENSE_FILES where the text is)"));
    }

    private void CheckLicense(string license, Core.Errors.SourceLocation where, string variable, List<Finding> findings)
    {
        if (LicenseExpression.Problem(license, licenses) is { } problem)
            findings.Add(new Finding(LintRules.LicenseInvalid, where, $"{variable} '{license}' is not an SPDX license expression: {problem}"));
    }

    private static void CheckCopyright(LintedPackage package, List<Finding> findings)
    {
        if (package.Source.Feed == "base") return;
        var lines = package.Lines.Of(package.Makefile);
        for (var i = 0; i < Math.Min(HeaderLines, lines.Length); i++)
        {
            var line = lines[i];
            if (!line.Contains("Copyright", StringComparison.OrdinalIgnoreCase) || !line.Contains("OpenWrt.org", StringComparison.OrdinalIgnoreCase)) continue;
            if (FirstYear(line) is { } year && year >= FirstYearOutsideTheTree)
                findings.Add(new Finding(LintRules.CopiedCopyright, new Core.Errors.SourceLocation(package.Makefile, i + 1),
                    $"an OpenWrt.org copyright of {year} in a package of feed {package.Source.Feed}: the OpenWrt project did not write it; name its authors, or leave the line out"));
        }
    }

    /// <summary>The first year a copyright line names: when the Makefile was written (later years are updates).</summary>
    private static int? FirstYear(string line)
    {
        for (var i = 0; i + 4 <= line.Length; i++)
            if ((i == 0 || !char.IsAsciiDigit(line[i - 1])) && (i + 4 == line.Length || !char.IsAsciiDigit(line[i + 4]))
                && int.TryParse(line.AsSpan(i, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1990 and <= 2100)
                return year;
        return null;
    }
}
