using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Steps;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Build.Tests;

/// <summary>
/// PKG_BUILD_FLAGS builds once per setting: packages asking for gc-sections and lto with a .config
/// that turns nothing on, then packages opting out of everything (no-gc-sections no-lto no-mips16
/// no-mold) beside one that does not, with CONFIG_USE_GC_SECTIONS, CONFIG_USE_LTO and
/// CONFIG_USE_MIPS16 on (which Kiln turns off for Debian's toolchains); then CONFIG_USE_MOLD too,
/// configured only (mold links no MIPS).
/// </summary>
public sealed class BuildFlagsBuild : IDisposable
{
    public const string AllOn = "CONFIG_USE_GC_SECTIONS=y\nCONFIG_USE_LTO=y\nCONFIG_USE_MIPS16=y\n";

    public BuildFlagsBuild()
    {
        PerPackage = Knobs.Tree();
        Builds.Succeed(PerPackage, Builds.Mips, ["flags-gc", "flags-lto", "flags-default"]);

        FromConfig = Knobs.Tree();
        Builds.Succeed(FromConfig, Builds.Mips, ["flags-off", "flags-default"], AllOn);
        // Read now: the mold build configures both again.
        OffCompile = Knobs.Log(FromConfig, "flags-off", "compile");
        OnCompile = Knobs.Log(FromConfig, "flags-default", "compile");
        var (_, failures) = Builds.Run(FromConfig, Builds.Mips, ["flags-off", "flags-default"], AllOn + "CONFIG_USE_MOLD=y\n",
            StepKind.Configure);
        Assert.Empty(failures);
    }

    internal TestTree PerPackage { get; }

    internal TestTree FromConfig { get; }

    /// <summary>The compile logs of the build with the .config's switches on.</summary>
    internal string OffCompile { get; }

    internal string OnCompile { get; }

    public void Dispose()
    {
        PerPackage.Dispose();
        FromConfig.Dispose();
    }
}

public sealed class BuildFlagsTests(BuildFlagsBuild build) : IClassFixture<BuildFlagsBuild>
{
    private const string GcCflags = "-ffunction-sections -fdata-sections";
    private const string GcLdflags = "-Wl,--gc-sections";
    private const string LtoCflags = "-flto=auto -fno-fat-lto-objects";
    private const string LtoLdflags = "-flto=auto -fuse-linker-plugin";
    private const string Mips16Cflags = "-mips16 -minterlink-mips16";

    private static string Cflags(string log) => Knobs.Assignment(log, "CFLAGS");

    private static string Ldflags(string log) => Knobs.Assignment(log, "LDFLAGS");

    private static string Program(TestTree tree, string package) => Path.Combine(Knobs.BuildDirectory(tree, package), "knob");

    private static bool Keeps(TestTree tree, string package, string symbol) =>
        Knobs.Toolchain("nm", Program(tree, package)).Split('\n').Any(l => l.EndsWith(" " + symbol, StringComparison.Ordinal));

    [Fact]
    public void GcSectionsPutsEachFunctionInItsSectionAndTheLinkerDropsTheUnusedOnes()
    {
        var log = Knobs.Log(build.PerPackage, "flags-gc", "compile");
        Assert.Contains(GcCflags, Cflags(log));
        Assert.Contains(GcLdflags, Ldflags(log));
        Assert.False(Keeps(build.PerPackage, "flags-gc", "knob_unused"));

        var plain = Knobs.Log(build.PerPackage, "flags-default", "compile");
        Assert.DoesNotContain(GcCflags, Cflags(plain));
        Assert.DoesNotContain(GcLdflags, Ldflags(plain));
        Assert.True(Keeps(build.PerPackage, "flags-default", "knob_unused"));
    }

    [Fact]
    public void LtoCompilesToIntermediateCodeThatTheLinkerOptimises()
    {
        var log = Knobs.Log(build.PerPackage, "flags-lto", "compile");
        Assert.Contains(LtoCflags, Cflags(log));
        Assert.Contains(LtoLdflags, Ldflags(log));
        Assert.Contains(".gnu.lto_", Knobs.Toolchain("readelf", "-S", Path.Combine(Knobs.BuildDirectory(build.PerPackage, "flags-lto"), "knob.o")));

        var plain = Knobs.Log(build.PerPackage, "flags-default", "compile");
        Assert.DoesNotContain("-flto", Cflags(plain) + Ldflags(plain));
        Assert.DoesNotContain(".gnu.lto_",
            Knobs.Toolchain("readelf", "-S", Path.Combine(Knobs.BuildDirectory(build.PerPackage, "flags-default"), "knob.o")));
    }

    [Fact]
    public void TheConfigTurnsGcSectionsAndLtoOnForPackagesThatDoNotOptOut()
    {
        Assert.Contains(GcCflags, Cflags(build.OnCompile));
        Assert.Contains(LtoCflags, Cflags(build.OnCompile));
        Assert.Contains(GcLdflags, Ldflags(build.OnCompile));
        Assert.Contains(LtoLdflags, Ldflags(build.OnCompile));
        Assert.False(Keeps(build.FromConfig, "flags-default", "knob_unused"));
        Assert.Equal((0, "knob\n"), Builds.Execute("qemu-mips-static", "-cpu", "24Kf", "-L", "/usr/mips-linux-gnu",
            Program(build.FromConfig, "flags-default")));
    }

    [Fact]
    public void Mips16StaysOffWithDebiansToolchainWhateverTheConfigSays()
    {
        Assert.DoesNotContain(Mips16Cflags, Cflags(build.OnCompile));
        Assert.DoesNotContain("mips16", Knobs.Toolchain("readelf", "-h", Program(build.FromConfig, "flags-default")));
    }

    [Fact]
    public void NoFlagsOptAPackageOutOfWhatTheConfigTurnsOn()
    {
        Assert.DoesNotContain(GcCflags, Cflags(build.OffCompile));
        Assert.DoesNotContain("-flto", Cflags(build.OffCompile) + Ldflags(build.OffCompile));
        Assert.DoesNotContain(GcLdflags, Ldflags(build.OffCompile));
        Assert.True(Keeps(build.FromConfig, "flags-off", "knob_unused"));
    }

    /// <summary>
    /// The package API's no-mips16, where CONFIG_USE_MIPS16 reaches it (given on make's command
    /// line, as Kiln's toolchains never set it): the flags a package compiles with, and the
    /// assembler's without them, as OpenWrt's package.mk has them.
    /// </summary>
    [Theory]
    [InlineData("flags-default", true)]
    [InlineData("flags-off", false)]
    public void NoMips16KeepsAPackageOutOfMips16WhereTheConfigAsksForIt(string package, bool mips16)
    {
        using var jobserver = new Jobserver(1);
        var context = BuildSetup.CreateContext(build.PerPackage.Top, Builds.Config(build.PerPackage, Builds.Mips), jobserver, new SilentObserver());
        var tree = TreePackages.Read(context.TopDirectory, directory => new ScanOptions(context.TopDirectory, directory));
        var makefile = PackageMakefile.Read(context, tree.Sources.Single(s => s.Name == package), ["CONFIG_USE_MIPS16=y"]);

        Assert.Equal(mips16, makefile.Value("TARGET_CFLAGS").Contains(Mips16Cflags, StringComparison.Ordinal));
        Assert.Equal(mips16, makefile.Value("TARGET_CXXFLAGS").Contains(Mips16Cflags, StringComparison.Ordinal));
        Assert.DoesNotContain("-mips16", makefile.Value("TARGET_ASFLAGS"));
    }

    [Fact]
    public void UseMoldLinksWithMoldUnlessThePackageSaysNoMold()
    {
        Assert.Contains("-fuse-ld=mold", Ldflags(Knobs.Log(build.FromConfig, "flags-default", "configure")));
        var optedOut = Ldflags(Knobs.Log(build.FromConfig, "flags-off", "configure"));
        Assert.Contains("-fuse-ld=bfd", optedOut);
        Assert.DoesNotContain("mold", optedOut);
    }
}
