using Kiln.Packages.Scanning;

namespace Kiln.Packages.Tests;

/// <summary>Broken Makefiles are reported with file, line and make's message; the others are still dumped.</summary>
public sealed class BadInputTests
{
    private static readonly Lazy<ScanResult> Result = new(() =>
        new MetadataScanner(new ScanOptions(Fixtures.Broken, "package") { ShellTimeout = TimeSpan.FromSeconds(2) }).Run());

    private static string ErrorOf(string package) =>
        Result.Value.Makefiles.Single(m => m.SourceMakefile == $"package/{package}/Makefile").Error ?? "(no error)";

    [Fact]
    public void GoodPackageIsStillDumped()
    {
        var good = Result.Value.Makefiles.Single(m => m.SourceMakefile == "package/good/Makefile");
        Assert.Null(good.Error);
        Assert.Contains("Title: Still dumped", good.Output);
    }

    [Fact]
    public void MissingTitleNamesThePackageAndField() =>
        Assert.Equal("package/notitle/Makefile:9: *** Package/notitle is missing the TITLE field.  Stop.", ErrorOf("notitle"));

    [Fact]
    public void ErrorFunctionReportsItsLine() =>
        Assert.Equal("package/errorcall/Makefile:5: *** this package is not supported here.  Stop.", ErrorOf("errorcall"));

    [Fact]
    public void SelfReferenceIsReported() =>
        Assert.Equal("package/recursion/Makefile:3: *** Recursive variable 'PKG_VERSION' references itself (eventually).  Stop.",
            ErrorOf("recursion"));

    [Fact]
    public void EndlessRecursionStopsWithAnError()
    {
        var error = ErrorOf("endless");
        Assert.StartsWith("package/endless/Makefile:4: *** expansion nested more than", error);
        Assert.Contains("'forever'", error);
    }

    [Fact]
    public void HangingShellIsStopped()
    {
        var error = ErrorOf("hangs");
        Assert.StartsWith("package/hangs/Makefile:3: *** $(shell sleep 600) did not finish within 2 seconds", error);
    }

    [Fact]
    public void MissingIncludeIsReported() =>
        Assert.Equal("package/missinginclude/Makefile:4: *** ../../not-there.mk: No such file or directory.  Stop.", ErrorOf("missinginclude"));

    [Fact]
    public void MissingEndefNamesTheDefineLine() =>
        Assert.Equal("package/noendef/Makefile:6: *** missing 'endef', unterminated 'define'.  Stop.", ErrorOf("noendef"));

    [Fact]
    public void FailuresAreLeftOutOfTheOutput() =>
        Assert.Equal(7, Result.Value.Failures.Count());
}
