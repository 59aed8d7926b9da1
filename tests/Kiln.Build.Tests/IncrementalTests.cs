namespace Kiln.Build.Tests;

/// <summary>After a change, exactly the steps it affects run again, and --explain's reasons name the change.</summary>
public sealed class IncrementalTests : IDisposable
{
    private static readonly string[] Packages = ["greeter", "greet-test"];
    private readonly TestTree _tree = new();

    public IncrementalTests() => Builds.Succeed(_tree, Builds.Mips, Packages);

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void TouchingAPatchRebuildsOnlyThatPackageFromPrepare()
    {
        File.SetLastWriteTimeUtc(_tree.In("package/utils/greeter/patches/010-default-message.patch"), DateTime.UtcNow.AddMinutes(1));
        var again = Builds.Succeed(_tree, Builds.Mips, Packages);
        Assert.Equal(
            ["package/utils/greeter compile", "package/utils/greeter configure", "package/utils/greeter install", "package/utils/greeter pack",
                "package/utils/greeter prepare"],
            again.RanSteps);
        var why = again.Ran.Single(r => r.Step == "prepare").Why;
        Assert.Contains("file package/utils/greeter/patches/010-default-message.patch: changed", why);
    }

    [Fact]
    public void ChangingAConfigDependsSymbolRerunsConfigureOnward()
    {
        var again = Builds.Succeed(_tree, Builds.Mips, Packages, extraConfig: "CONFIG_GREETER_COLOUR=y\n");
        Assert.Equal(["package/utils/greeter compile", "package/utils/greeter configure", "package/utils/greeter install",
            "package/utils/greeter pack"], again.RanSteps);
        Assert.Contains("config CONFIG_GREETER_COLOUR: n -> y", again.Ran.Single(r => r.Step == "configure").Why);

        // The symbol reached the compiler: the greeting is in colour now.
        var build = _tree.In("build_dir/target-mips-linux-gnu_glibc");
        var greeter = Directory.GetFiles(build, "greeter", SearchOption.AllDirectories).Single(f => f.Contains("/ipkg-mips_24kc/greeter/usr/bin/",
            StringComparison.Ordinal));
        var libraries = Directory.GetDirectories(build, "lib", SearchOption.AllDirectories).Single(d => d.EndsWith("ipkg-mips_24kc/libgreet/usr/lib",
            StringComparison.Ordinal));
        var (_, output) = Builds.Execute("qemu-mips-static", "-cpu", "24Kf", "-L", "/usr/mips-linux-gnu", "-E", "LD_LIBRARY_PATH=" + libraries,
            greeter);
        Assert.StartsWith("\u001b[1;32mHello, world!\u001b[0m\n", output);
    }

    [Fact]
    public void BumpingALibrarysAbiVersionRebuildsItsDependents()
    {
        var makefile = _tree.In("package/libs/libgreet/Makefile");
        File.WriteAllText(makefile, File.ReadAllText(makefile).Replace("ABI_VERSION:=1", "ABI_VERSION:=2"));
        var again = Builds.Succeed(_tree, Builds.Mips, Packages);
        Assert.Contains("package/utils/greeter prepare", again.RanSteps);
        Assert.Contains("package/libs/libgreet prepare", again.RanSteps);
        Assert.Contains("abi libgreet: 1 -> 2", again.Ran.Single(r => r.Node == "package/utils/greeter" && r.Step == "prepare").Why);
    }

    [Fact]
    public void ANoOpRebuildTakesTheMakefilesAnswersFromTheLastRunWithoutReadingThem()
    {
        var kept = Directory.GetFiles(_tree.In("tmp/kiln/makefiles"), "*.answers").ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.NotEmpty(kept);
        Assert.Empty(Builds.Succeed(_tree, Builds.Mips, Packages).RanSteps);
        // A Makefile read again would have its answers written again.
        Assert.All(kept, file => Assert.Equal(file.Value, File.GetLastWriteTimeUtc(file.Key)));
    }

    [Fact]
    public void AChangeSeenOnlyThroughAShellCommandIsNoticedThoughTheAnswersAreKept()
    {
        var makefile = _tree.In("package/utils/greeter/Makefile");
        File.WriteAllText(_tree.In("package/utils/greeter/note.txt"), "1\n");
        File.WriteAllText(makefile, File.ReadAllText(makefile).Replace("TARGET_CFLAGS +=", "TARGET_CFLAGS += -DGREETER_NOTE=$(shell cat note.txt)"));
        Builds.Succeed(_tree, Builds.Mips, Packages);
        Assert.Empty(Builds.Succeed(_tree, Builds.Mips, Packages).RanSteps);

        File.WriteAllText(_tree.In("package/utils/greeter/note.txt"), "2\n");
        var again = Builds.Succeed(_tree, Builds.Mips, Packages);
        Assert.Contains("package/utils/greeter compile", again.RanSteps);
        Assert.Contains("-DGREETER_NOTE=2", File.ReadAllText(Directory.GetFiles(_tree.In("logs/package/utils/greeter"), "compile.txt").Single()));
    }

    [Fact]
    public void AChangeToAPackageThatNothingDependsOnLeavesTheRestAlone()
    {
        var makefile = _tree.In("package/utils/greeter/Makefile");
        File.AppendAllText(makefile, "\n# a comment changes the Makefile, not what it builds\n");
        var again = Builds.Succeed(_tree, Builds.Mips, Packages);
        Assert.All(again.RanSteps, step => Assert.StartsWith("package/utils/greeter ", step));
    }

    [Fact]
    public void ABuildStoppedDuringCompileStartsAgainFromPrepare()
    {
        var buildDirectory = Directory.GetDirectories(_tree.In("build_dir/target-mips-linux-gnu_glibc"), "greeter-*").Single();
        File.WriteAllText(Path.Combine(buildDirectory, ".kiln-running"), "compile\n");
        var again = Builds.Succeed(_tree, Builds.Mips, Packages);
        Assert.Contains("package/utils/greeter prepare", again.RanSteps);
        Assert.Contains(again.Messages, m => m.Contains("stopped during compile", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(buildDirectory, ".kiln-running")));
    }

    [Fact]
    public void StepStopsTheNamedPackageAfterThatStep()
    {
        var greeterStamp = Directory.GetDirectories(_tree.In("build_dir/target-mips-linux-gnu_glibc"), "greeter-*").Single();
        File.SetLastWriteTimeUtc(_tree.In("package/utils/greeter/Makefile"), DateTime.UtcNow.AddMinutes(1));
        var (observer, failures) = Builds.Run(_tree, Builds.Mips, ["greeter"], lastStep: Steps.StepKind.Configure);
        Assert.Empty(failures);
        Assert.Equal(["package/utils/greeter configure", "package/utils/greeter prepare"],
            observer.RanSteps.Where(s => s.StartsWith("package/utils/greeter ", StringComparison.Ordinal)));
        Assert.False(File.Exists(Path.Combine(greeterStamp, ".built")));
    }

    [Fact]
    public void CleaningAPackageTakesAwayItsBuildAndPackagesAndOnlyIt()
    {
        var removed = BuildCleaner.Clean(_tree.Top, Builds.Config(_tree, Builds.Mips), ["greeter"]);
        Assert.Contains(removed, r => r.StartsWith("build_dir/target-mips-linux-gnu_glibc/greeter-", StringComparison.Ordinal));
        Assert.Contains("bin/packages/mips_24kc/base/greeter_2025.03.14~3c1f0d2b-r1_mips_24kc.ipk", removed);
        Assert.DoesNotContain(removed, r => r.Contains("libgreet", StringComparison.Ordinal));
        Assert.True(File.Exists(_tree.In("bin/packages/mips_24kc/base/libgreet1_1.4.0-r2_mips_24kc.ipk")));

        var again = Builds.Succeed(_tree, Builds.Mips, Packages);
        Assert.All(again.RanSteps, step => Assert.StartsWith("package/utils/greeter ", step));
    }
}
