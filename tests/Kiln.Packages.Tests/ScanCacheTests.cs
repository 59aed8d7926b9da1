using Kiln.Packages.Scanning;

namespace Kiln.Packages.Tests;

/// <summary>
/// Results kept between runs are reused only while everything their evaluation saw is unchanged:
/// file contents, directory listings, probes and $(shell) output.
/// </summary>
public sealed class ScanCacheTests : IDisposable
{
    private const string DemoMakefile = """
        include $(TOPDIR)/rules.mk
        PKG_NAME:=demo
        PKG_VERSION:=1.0
        PKG_RELEASE:=1
        include $(INCLUDE_DIR)/package.mk
        include ../shared.mk
        define Package/demo
          SECTION:=utils
          CATEGORY:=Utilities
          TITLE:=Demo $(shell cat title.txt) $(SHARED) $(notdir $(wildcard extra/*))
        endef
        $(eval $(call BuildPackage,demo))

        """;

    private const string OtherMakefile = """
        include $(TOPDIR)/rules.mk
        PKG_NAME:=other
        PKG_VERSION:=2.0
        PKG_RELEASE:=1
        include $(INCLUDE_DIR)/package.mk
        define Package/other
          SECTION:=utils
          CATEGORY:=Utilities
          TITLE:=Other $(OTHER_FLAVOUR)
        endef
        $(eval $(call BuildPackage,other))

        """;

    private readonly string _tree = Directory.CreateTempSubdirectory("kiln-cache-").FullName;

    public ScanCacheTests()
    {
        Write("package/demo/Makefile", DemoMakefile);
        Write("package/demo/title.txt", "one");
        Write("package/shared.mk", "SHARED:=shared-a\n");
        Write("package/other/Makefile", OtherMakefile);
    }

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
    }

    private Dictionary<string, string> _environment = new() { ["PATH"] = "/usr/bin:/bin", ["OTHER_FLAVOUR"] = "plain", ["UNUSED"] = "1" };

    private ScanOptions Options => new(_tree, "package") { CacheDirectory = Path.Combine(_tree, "tmp", "kiln"), Environment = _environment };

    private ScanResult Scan(ScanOptions? options = null) => new MetadataScanner(options ?? Options).Run();

    private static string Title(ScanResult result, string package) =>
        result.Makefiles.Single(m => m.SourceMakefile == $"package/{package}/Makefile").Output
            .Split('\n').Single(l => l.StartsWith("Title: ", StringComparison.Ordinal));

    [Fact]
    public void SecondRunReusesEveryResultAndPrintsTheSame()
    {
        var first = Scan();
        var second = Scan();
        Assert.Equal(0, first.Reused);
        Assert.Equal(2, second.Reused);
        Assert.Equal(first.Makefiles, second.Makefiles);
        Assert.Equal("Title: Demo one shared-a ", Title(second, "demo"));
    }

    /// <summary>Sees the evaluations of package/demo only, recording what its TITLE was when the Makefile was read.</summary>
    private sealed class DemoInspector : IMakefileInspector
    {
        public List<(string Directory, string? Title)> Seen { get; } = [];

        public bool Wants(string directory) => directory == "package/demo";

        public void Inspect(string directory, Kiln.Make.Evaluation.Evaluator evaluator)
        {
            lock (Seen) Seen.Add((directory, evaluator.Variables.Lookup("Package/demo")?.Value));
        }
    }

    [Fact]
    public void AnInspectedMakefileIsEvaluatedEvenWhenItsResultIsKept()
    {
        var first = Scan();
        var inspector = new DemoInspector();
        var second = Scan(Options with { Inspector = inspector });
        Assert.Equal(1, second.Reused);
        var (directory, title) = Assert.Single(inspector.Seen);
        Assert.Equal("package/demo", directory);
        Assert.Contains("TITLE:=Demo", title);
        Assert.Equal(first.Makefiles, second.Makefiles);
        // Its kept result is left as it was: a plain scan afterwards still reuses it.
        Assert.Equal(2, Scan().Reused);
    }

    [Fact]
    public void ChangedMakefileIsEvaluatedAgainAndTheOthersAreNot()
    {
        Scan();
        Write("package/other/Makefile", OtherMakefile.Replace("TITLE:=Other", "TITLE:=Renamed"));
        var result = Scan();
        Assert.Equal(1, result.Reused);
        Assert.Equal("Title: Renamed plain", Title(result, "other"));
    }

    [Fact]
    public void NewTimestampWithTheSameContentKeepsTheResult()
    {
        Scan();
        File.SetLastWriteTimeUtc(Path.Combine(_tree, "package/demo/Makefile"), DateTime.UtcNow.AddMinutes(5));
        Assert.Equal(2, Scan().Reused);
    }

    [Fact]
    public void ChangedIncludedFileIsNoticed()
    {
        Scan();
        Write("package/shared.mk", "SHARED:=shared-b\n");
        var result = Scan();
        Assert.Equal(1, result.Reused);
        Assert.Equal("Title: Demo one shared-b ", Title(result, "demo"));
    }

    [Fact]
    public void ChangedShellOutputIsNoticed()
    {
        Scan();
        Write("package/demo/title.txt", "two");
        var result = Scan();
        Assert.Equal("Title: Demo two shared-a ", Title(result, "demo"));
        // A cat of a named file is checked by the file (FileReadingCommand), not run again.
        Assert.Equal([$"package/demo: the bytes of {_tree}/package/demo/title.txt changed"], result.Changes);
    }

    [Fact]
    public void APackageMovedBehindALinkIsEvaluatedAgainInItsNewPlace()
    {
        // Same files, same bytes: only CURDIR tells, as when a feed copied into feeds/ is replaced by a link to a checkout.
        Write("package/other/Makefile", OtherMakefile.Replace("TITLE:=Other $(OTHER_FLAVOUR)", "TITLE:=Other in $(CURDIR)"));
        Assert.Equal($"Title: Other in {_tree}/package/other", Title(Scan(), "other"));
        Directory.Move(Path.Combine(_tree, "package", "other"), Path.Combine(_tree, "checkout"));
        File.CreateSymbolicLink(Path.Combine(_tree, "package", "other"), Path.Combine(_tree, "checkout"));
        var result = Scan();
        Assert.Equal($"Title: Other in {_tree}/checkout", Title(result, "other"));
        Assert.Equal([$"package/other: its physical directory changed (from {_tree}/package/other to {_tree}/checkout)"], result.Changes);
    }

    [Fact]
    public void WhatACommandPrintsOnStderrIsNotAnInput()
    {
        // gcc -dM -E piped into grep -q reports a broken pipe only now and then: that must not make a result stale.
        Write("package/demo/Makefile", DemoMakefile.Replace("$(shell cat title.txt)", "$(shell cat title.txt; cat note.txt >&2)"));
        Write("package/demo/note.txt", "first");
        Scan();
        Write("package/demo/note.txt", "second");
        var result = Scan();
        Assert.Equal(2, result.Reused);
        Assert.Empty(result.Changes);
        Write("package/demo/title.txt", "two");
        Assert.Equal("Title: Demo two shared-a ", Title(Scan(), "demo"));
    }

    [Fact]
    public void NewFileMatchingAWildcardIsNoticed()
    {
        Scan();
        Write("package/demo/extra/added", "");
        var result = Scan();
        Assert.Equal(1, result.Reused);
        Assert.Equal("Title: Demo one shared-a added", Title(result, "demo"));
    }

    [Fact]
    public void EnvironmentVariableReadByAMakefileIsAnInputOfThatMakefileOnly()
    {
        Scan();
        _environment = new(_environment) { ["OTHER_FLAVOUR"] = "spicy", ["UNUSED"] = "2" };
        var result = Scan();
        Assert.Equal(1, result.Reused);
        Assert.Equal("Title: Other spicy", Title(result, "other"));
    }

    [Fact]
    public void ANewEnvironmentVariableThatNoMakefileLookedUpKeepsEveryResult()
    {
        var first = Scan();
        _environment = new(_environment) { ["SSH_CONNECTION"] = "10.0.0.1 22" };
        var second = Scan();
        Assert.Equal(2, second.Reused);
        Assert.Equal(first.Makefiles, second.Makefiles);
    }

    [Theory]
    [InlineData("V", "s")]                  // looked up by rules.mk, and not found
    [InlineData("LC_ALL", "C.UTF-8")]       // the locale of every command
    [InlineData("MAKEFLAGS", "-e")]         // read by make as it starts
    public void ANewEnvironmentVariableThatAnEvaluationDependsOnStartsAfresh(string name, string value)
    {
        Scan();
        _environment = new(_environment) { [name] = value };
        Assert.Equal(0, Scan().Reused);
    }

    [Fact]
    public void OtherOptionsDoNotShareResults()
    {
        Scan();
        Assert.Equal(0, Scan(Options with { Feed = "elsewhere" }).Reused);
    }

    [Fact]
    public void DamagedCacheIsIgnored()
    {
        var expected = Scan().Makefiles;
        foreach (var file in Directory.GetFiles(Path.Combine(_tree, "tmp", "kiln")))
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..100]);
        var result = Scan();
        Assert.Equal(0, result.Reused);
        Assert.Equal(expected, result.Makefiles);
    }

    [Fact]
    public void CacheDamagedInItsHeaderIsIgnoredWhole()
    {
        var expected = Scan().Makefiles;
        Damage(40);   // in the key
        var result = Scan();
        Assert.Equal(0, result.Reused);
        Assert.Equal(expected, result.Makefiles);
    }

    [Fact]
    public void ARecordDamagedInTheCacheIsSetAsideAlone()
    {
        // Records are read when first used: damage must be caught there, by the record's SHA-256, not when it is decoded.
        var expected = Scan().Makefiles;
        Damage(^1);   // the last record: other's inputs
        var result = Scan();
        Assert.Equal(1, result.Reused);
        Assert.Equal(expected, result.Makefiles);
        Assert.Equal(2, Scan().Reused);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARecordDamagedInTheCacheIsReadAgainFromItsMakefileWhereItWouldBeTakenOnTrust(bool all)
    {
        Scan();
        Write("package/other/Makefile", OtherMakefile.Replace("TITLE:=Other", "TITLE:=Renamed"));
        Damage(^1);   // other's record: the change is found although nothing confirmed it
        var scanner = new MetadataScanner(Options);
        scanner.Recall();
        var other = all ? scanner.RecalledResult().Makefiles.Single(m => m.SourceMakefile == "package/other/Makefile") : scanner.RecalledScan("other");
        Assert.Contains("Title: Renamed plain", other.Output);
        Assert.Contains("Title: Demo one", scanner.RecalledScan("demo").Output);
        Assert.Equal(2, Scan().Reused);
    }

    private void Damage(Index at)
    {
        var file = Path.Combine(_tree, "tmp", "kiln", "scan-package.cache");
        var bytes = File.ReadAllBytes(file);
        bytes[at] ^= 0xff;
        File.WriteAllBytes(file, bytes);
    }

    [Fact]
    public void MakefileThatWritesAFileIsAlwaysEvaluated()
    {
        Write("package/other/Makefile", OtherMakefile.Replace("TITLE:=Other", "TITLE:=Other$(file >written.txt,x)"));
        Scan();
        Assert.Equal(1, Scan().Reused);
    }

    [Fact]
    public void WithoutACacheDirectoryNothingIsKept()
    {
        Scan(Options with { CacheDirectory = null });
        Assert.False(Directory.Exists(Path.Combine(_tree, "tmp")));
    }

    [Fact]
    public void RecallTakesTheKeptResultsOnTrustUntilConfirmed()
    {
        var first = Scan();
        Write("package/demo/title.txt", "two");
        var scanner = new MetadataScanner(Options);
        Assert.Equal(["demo", "other"], scanner.Recall()!.Directories);
        // Nothing is checked yet: the old title stands.
        Assert.Equal(first.Makefiles, scanner.RecalledResult().Makefiles);
        Assert.False(scanner.Confirm(["other"]));
        Assert.True(scanner.Confirm(["demo"]));
        Assert.Equal("Title: Demo two shared-a ", Title(scanner.RecalledResult(), "demo"));
        // The cache was updated: a full scan reuses both.
        Assert.Equal(2, Scan().Reused);
    }

    [Fact]
    public void ConfirmingAMakefileThatIsGoneTakesItsResultAway()
    {
        Scan();
        Directory.Delete(Path.Combine(_tree, "package/other"), recursive: true);
        var scanner = new MetadataScanner(Options);
        scanner.Recall();
        Assert.True(scanner.Confirm(["other"]));
        Assert.Equal(["package/demo/Makefile"], scanner.RecalledResult().Makefiles.Select(m => m.SourceMakefile));
    }

    [Fact]
    public void NothingToRecallWithoutAKeptScan()
    {
        Assert.Null(new MetadataScanner(Options).Recall());
        Assert.Null(new MetadataScanner(Options with { CacheDirectory = null }).Recall());
    }

    [Fact]
    public void ACommandWhoseOutputChangesEveryTimeWithoutChangingTheResultStopsBeingRunAndARealChangeIsStillNoticed()
    {
        Write("package/demo/Makefile", DemoMakefile.Replace("include ../shared.mk", "include ../shared.mk\nSCRATCH:=$(shell mktemp -u XXXXXXXXXX)"));
        Assert.Equal(0, Scan().Reused);
        // Its output changed, the result did not: the Makefile is evaluated again once, and the command marked.
        Assert.Equal(1, Scan().Reused);
        Assert.Equal(2, Scan().Reused);
        Assert.Equal(2, Scan().Reused);

        Write("package/demo/title.txt", "two");
        Assert.Equal("Title: Demo two shared-a ", Title(Scan(), "demo"));
    }

    [Fact]
    public void ACommandWhoseOutputChangesTheResultIsRunEveryTime()
    {
        Write("package/other/Makefile", OtherMakefile.Replace("TITLE:=Other", "TITLE:=Other $(shell mktemp -u XXXXXXXXXX)"));
        var titles = Enumerable.Range(0, 3).Select(_ => Title(Scan(), "other")).ToList();
        Assert.Equal(3, titles.Distinct().Count());
    }
}
