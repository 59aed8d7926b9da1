using System.Globalization;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Checks;

/// <summary>
/// PKG_RELEASE is a positive integer; a checkout has a PKG_SOURCE_DATE (YYYY-MM-DD) when no
/// PKG_VERSION names it, a git checkout a full commit id, and PKG_VERSION agrees with them.
/// </summary>
public sealed class VersionsCheck : IPackageCheck
{
    public IEnumerable<Finding> Check(LintedPackage package)
    {
        var findings = new List<Finding>();
        CheckRelease(package, findings);
        if (package.SourceKind() == SourceKind.Checkout) CheckCheckout(package, findings);
        return findings;
    }

    private static void CheckRelease(LintedPackage package, List<Finding> findings)
    {
        var release = package.Variable("PKG_RELEASE")?.Trim() ?? "";
        if (release.Length == 0)
            findings.Add(new Finding(LintRules.ReleaseMissing, package.Where("PKG_RELEASE"), "PKG_RELEASE is not set: add PKG_RELEASE:=1"));
        // A release computed by the Makefile ($(COMMITCOUNT), $(LINUX_VERSION)) is the Makefile's design, not a number to judge.
        else if (package.Own("PKG_RELEASE")?.IsComputed != true
                 && (!int.TryParse(release, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1))
            findings.Add(new Finding(LintRules.ReleaseMissing, package.Where("PKG_RELEASE"),
                $"PKG_RELEASE is '{release}': it is a positive integer, 1 for a new PKG_VERSION, raised by one for each change of the package"));
    }

    private static void CheckCheckout(LintedPackage package, List<Finding> findings)
    {
        var protocol = package.Variable("PKG_SOURCE_PROTO")!.Trim();
        var date = package.Variable("PKG_SOURCE_DATE")?.Trim() ?? "";
        var version = package.Variable("PKG_VERSION")?.Trim() ?? "";
        var revision = package.Variable("PKG_SOURCE_VERSION")?.Trim() ?? "";
        if (date.Length > 0 && !IsDate(date))
            findings.Add(new Finding(LintRules.SourceDate, package.Where("PKG_SOURCE_DATE"), $"PKG_SOURCE_DATE is '{date}', not a date written YYYY-MM-DD"));
        else if (date.Length == 0 && version.Length == 0)
            findings.Add(new Finding(LintRules.SourceDate, package.Header,
                $"a {protocol} checkout without PKG_VERSION needs PKG_SOURCE_DATE (the date of PKG_SOURCE_VERSION, YYYY-MM-DD): the package's version is made from it"));
        // A release tag a forge serves as a tarball is sources/scm-clone's finding: the fix is the tarball, not a commit id.
        if (protocol == "git" && !SourceKinds.IsCommitId(revision) && package.ReleaseTarballHost() is null)
            findings.Add(new Finding(LintRules.SourceVersion, package.Where("PKG_SOURCE_VERSION"),
                revision.Length == 0 ? "a git checkout needs PKG_SOURCE_VERSION, the full commit id"
                : $"PKG_SOURCE_VERSION is '{revision}', not a full commit id: a tag or a short id can move or become ambiguous; use the 40-digit id"));
        if (version.Length > 0 && (date.Length == 0 || IsDate(date)) && Contradiction(version, date, revision) is { } why)
            findings.Add(new Finding(LintRules.VersionContradicts, package.Where("PKG_VERSION"), why));
    }

    /// <summary>What in PKG_VERSION disagrees with the date or the commit, or null.</summary>
    private static string? Contradiction(string version, string date, string revision)
    {
        if (date.Length > 0 && DateIn(version) is { } versionDate && versionDate != date)
            return $"PKG_VERSION '{version}' names the date {versionDate}, but PKG_SOURCE_DATE is {date}";
        if (SourceKinds.IsCommitId(revision) && HexRunIn(version) is { } hex && !revision.StartsWith(hex, StringComparison.Ordinal))
            return $"PKG_VERSION '{version}' names commit {hex}, but PKG_SOURCE_VERSION is {revision}";
        return null;
    }

    private static bool IsDate(string text) =>
        text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static readonly (int Length, string Format)[] DateFormats = [(10, "yyyy-MM-dd"), (10, "yyyy.MM.dd"), (8, "yyyyMMdd")];

    /// <summary>A date in a version (2024-01-31, 2024.01.31 or 20240131 at the start or after a separator), as YYYY-MM-DD.</summary>
    private static string? DateIn(string version)
    {
        for (var i = 0; i + 8 <= version.Length; i++)
        {
            if (i > 0 && char.IsAsciiDigit(version[i - 1])) continue;
            foreach (var (length, format) in DateFormats)
            {
                if (i + length > version.Length || (i + length < version.Length && char.IsAsciiDigit(version[i + length]))) continue;
                if (DateTime.TryParseExact(version.AsSpan(i, length), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    && parsed.Year is >= 1990 and <= 2100)
                    return parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    /// <summary>A run of 7 to 40 lower-case hex digits holding a letter (a short commit id, not a number), or null.</summary>
    private static string? HexRunIn(string version)
    {
        var start = -1;
        for (var i = 0; i <= version.Length; i++)
        {
            if (i < version.Length && char.IsAsciiHexDigitLower(version[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                var run = version[start..i];
                var delimited = (start == 0 || !char.IsAsciiLetter(version[start - 1])) && (i == version.Length || !char.IsAsciiLetter(version[i]));
                if (run.Length is >= 7 and <= 40 && delimited && run.Any(char.IsAsciiLetter) && run.Any(char.IsAsciiDigit)) return run;
                start = -1;
            }
        }
        return null;
    }
}
