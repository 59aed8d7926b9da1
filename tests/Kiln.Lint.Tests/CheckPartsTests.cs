using Kiln.Lint.Checks;
using Kiln.Lint.Packages;

namespace Kiln.Lint.Tests;

/// <summary>The pieces the checks judge with: SPDX expressions, patch names, patches read as unified diffs.</summary>
public sealed class CheckPartsTests
{
    private static readonly LicenseList Licenses = LicenseList.Load();

    [Theory]
    [InlineData("GPL-2.0-or-later")]
    [InlineData("GPL-2.0+")]
    [InlineData("MIT OR Apache-2.0")]
    [InlineData("(MIT OR BSD-3-Clause) AND Zlib")]
    [InlineData("GPL-2.0-only WITH Linux-syscall-note")]
    [InlineData("LGPL-2.1-or-later GPL-2.0-or-later")]
    [InlineData("LicenseRef-Proprietary")]
    [InlineData("mit")]
    public void ValidExpressionsPass(string expression) => Assert.Null(LicenseExpression.Problem(expression, Licenses));

    [Theory]
    [InlineData("GPLv2", "'GPLv2' is not an SPDX license identifier")]
    [InlineData("MIT/X11", "separated by spaces")]
    [InlineData("GPL-2.0, MIT", "separated by spaces")]
    [InlineData("MIT OR", "ends with an operator")]
    [InlineData("(MIT", "parentheses")]
    [InlineData("GPL-2.0-only WITH Nonsense", "'Nonsense' is not an SPDX license exception")]
    public void InvalidExpressionsSayWhy(string expression, string reason) =>
        Assert.Contains(reason, LicenseExpression.Problem(expression, Licenses));

    [Theory]
    [InlineData("001-fix-build.patch", true)]
    [InlineData("100-CVE-2024-1234.patch", true)]
    [InlineData("fix-build.patch", false)]
    [InlineData("001_fix_build.patch", false)]
    [InlineData("001-fix-build.diff", false)]
    [InlineData("001-.patch", false)]
    [InlineData("001-fix.build.patch", false)]
    public void PatchNamesAreNumberHyphenNamePatch(string name, bool wellNamed) => Assert.Equal(wellNamed, LayoutCheck.IsWellNamed(name));

    [Fact]
    public void APatchIsReadFileByFileWithItsHeaderLine()
    {
        string[] lines =
        [
            "From: someone", "Subject: two files", "",
            "--- a/configure.ac", "+++ b/configure.ac", "@@ -1 +1 @@", "-a", "+b",
            "--- a/src/Makefile.in", "+++ b/src/Makefile.in\t2024-01-01", "@@ -2 +2 @@", " am__x = 1", "-c", "+d",
        ];
        var patch = PatchFile.Read("p/001-x.patch", lines);
        Assert.True(patch.IsUnifiedDiff);
        Assert.Equal(["configure.ac", "src/Makefile.in"], patch.Files.Select(f => f.Name));
        Assert.Equal([5, 10], patch.Files.Select(f => f.HeaderLine));
        Assert.Contains(" am__x = 1", patch.Files[1].HunkLines);
    }

    [Fact]
    public void AContextDiffIsNotUnified() =>
        Assert.False(PatchFile.Read("x", ["*** a/f", "--- b/f", "***************", "*** 1 ****"]).IsUnifiedDiff);
}
