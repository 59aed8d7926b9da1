namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln defconfig</c> and the config commands on Fixtures/kconfig-tree, an OpenWrt-like tree:
/// the .config kiln writes for each seed is byte for byte what OpenWrt 24.10's own
/// <c>make defconfig</c> wrote for it (expected-NAME.config; the fixture's README says how they were made).
/// </summary>
public sealed class DefconfigTests : IDisposable
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "kconfig-tree");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kiln-cli-tests", Guid.NewGuid().ToString("N"));

    public DefconfigTests()
    {
        Copy(Fixture, Top);
    }

    private string Top => Path.Combine(_root, "tree");

    private string DotConfig => Path.Combine(Top, ".config");

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private KilnRun Kiln(params string[] arguments) => KilnProcess.Run(_root, ["--topdir", Top, .. arguments]);

    private KilnRun Succeeds(params string[] arguments)
    {
        var run = Kiln(arguments);
        Assert.True(run.Status == 0, run.ToString());
        Assert.DoesNotContain("   at ", run.Stderr);
        return run;
    }

    private void Defconfig(string seed)
    {
        File.Copy(Path.Combine(Top, $"seed-{seed}.config"), DotConfig, overwrite: true);
        Succeeds("defconfig");
    }

    public static TheoryData<string> Seeds => new() { "alpha-tiny-all", "beta-all", "alpha-big-b2", "alpha-big-packages" };

    [Theory, MemberData(nameof(Seeds))]
    public void DefconfigWritesWhatOpenWrtsMakeDefconfigWrote(string seed)
    {
        var expected = File.ReadAllBytes(Path.Combine(Top, $"expected-{seed}.config"));

        // The seed given with --config; the result goes to TREE/.config.
        var run = Succeeds("defconfig", "--config", Path.Combine(Top, $"seed-{seed}.config"));
        Assert.Contains($"# configuration written to {DotConfig}", run.Stdout);
        Assert.Equal(expected, File.ReadAllBytes(DotConfig));

        // The seed as TREE/.config, as OpenWrt's make defconfig reads it.
        File.Copy(Path.Combine(Top, $"seed-{seed}.config"), DotConfig, overwrite: true);
        Succeeds("defconfig");
        Assert.Equal(expected, File.ReadAllBytes(DotConfig));

        // A complete .config is its own fixed point.
        Succeeds("defconfig");
        Assert.Equal(expected, File.ReadAllBytes(DotConfig));
    }

    [Fact]
    public void ASeedNamingAnUnknownSymbolIsCompletedAsConfCompletesIt()
    {
        File.WriteAllText(DotConfig, "CONFIG_TARGET_beta=y\nCONFIG_NO_SUCH_THING=y\nCONFIG_ALSO_UNKNOWN=\"x\"\nCONFIG_TARGET_MULTI_PROFILE=y\nCONFIG_TARGET_ALL_PROFILES=y\n");
        Succeeds("defconfig");
        // Unknown symbols are dropped; everything else is as the seed without them.
        Assert.Equal(File.ReadAllBytes(Path.Combine(Top, "expected-beta-all.config")), File.ReadAllBytes(DotConfig));
    }

    [Fact]
    public void ConfigGetPrintsTheCompletedValues()
    {
        Defconfig("beta-all");
        var run = Succeeds("config", "get", "PACKAGE_toolbox", "CONFIG_PACKAGE_helper", "TARGET_ARCH_PACKAGES");
        Assert.Equal(
            "CONFIG_PACKAGE_toolbox=y\n# CONFIG_PACKAGE_helper is not set\nCONFIG_TARGET_ARCH_PACKAGES=\"aarch64_cortex-a53\"\n",
            run.Stdout.Replace("\r", ""));

        // A package option appears once its package is on.
        Defconfig("alpha-big-packages");
        run = Succeeds("config", "get", "PACKAGE_menuy", "MENUY_LEVEL", "MENUY_BACKEND_NET", "NETCFG_HOSTNAME");
        Assert.Equal("CONFIG_PACKAGE_menuy=m\nCONFIG_MENUY_LEVEL=7\nCONFIG_MENUY_BACKEND_NET=y\nCONFIG_NETCFG_HOSTNAME=\"fixture\"\n", run.Stdout);
    }

    [Fact]
    public void ConfigSetAVisiblePackageAndItsOptionThenDiffShowsTheTargetAndWhatWasSet()
    {
        Defconfig("beta-all");
        Assert.DoesNotContain("CONFIG_PACKAGE_netcfg=y", File.ReadAllText(DotConfig));

        Succeeds("config", "set", "PACKAGE_netcfg=y", "CONFIG_NETCFG_HOSTNAME=\"box\"");
        var config = File.ReadAllText(DotConfig);
        Assert.Contains("CONFIG_PACKAGE_netcfg=y\n", config);
        Assert.Contains("CONFIG_NETCFG_HOSTNAME=\"box\"\n", config);
        Assert.Contains("CONFIG_NETCFG_IPV6=y\n", config);

        // What OpenWrt's scripts/diffconfig.sh printed for the same .config.
        var diff = Succeeds("config", "diff");
        Assert.Equal("""
            CONFIG_TARGET_beta=y
            CONFIG_TARGET_MULTI_PROFILE=y
            CONFIG_TARGET_ALL_PROFILES=y
            CONFIG_TARGET_DEVICE_beta_DEVICE_beta_one=y
            CONFIG_TARGET_DEVICE_beta_DEVICE_beta_two=y
            CONFIG_NETCFG_HOSTNAME="box"
            CONFIG_NETCFG_IPV6=y
            CONFIG_PACKAGE_netcfg=y

            """, diff.Stdout);
    }

    [Fact]
    public void ConfigSetOfAPackageWhoseDependencyIsUnmetFailsAndSaysWhy()
    {
        Defconfig("beta-all");
        var before = File.ReadAllBytes(DotConfig);

        var run = Kiln("config", "set", "PACKAGE_helper=y");
        Assert.True(run.Status == 2, run.ToString());
        Assert.StartsWith("kiln: CONFIG_PACKAGE_helper=y: not possible here", run.FirstErrorLine);
        Assert.Contains("depends on TARGET_alpha [=n]", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(before, File.ReadAllBytes(DotConfig));
    }

    [Fact]
    public void ConfigSetOfAnUnknownSymbolFailsNamingIt()
    {
        Defconfig("beta-all");
        var before = File.ReadAllBytes(DotConfig);

        var run = Kiln("config", "set", "NOSUCH=y");
        Assert.True(run.Status == 2, run.ToString());
        Assert.Equal("kiln: NOSUCH: no such symbol in the tree's Kconfig", run.FirstErrorLine);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(before, File.ReadAllBytes(DotConfig));
    }

    [Fact]
    public void WhyNamesTheSelectingSymbolOrTheUnmetDependency()
    {
        Defconfig("beta-all");

        // libtiny is nobody's choice of its own: the packages that select it are named.
        var why = Succeeds("why", "libtiny").Stdout;
        Assert.StartsWith("PACKAGE_libtiny = y (tmp/.config-package.in:", why);
        Assert.Contains("selected by PACKAGE_menuy [=y]", why);
        Assert.Contains("selected by PACKAGE_toolbox [=y]", why);

        // helper is only for the alpha board.
        why = Succeeds("why", "helper").Stdout;
        Assert.StartsWith("PACKAGE_helper = n (tmp/.config-package.in:", why);
        Assert.Contains("depends on TARGET_alpha [=n]", why);
        Assert.Contains("not met, so it cannot be on", why);

        // acme_b2 drops the default toolbox, but its device package fancy selects it.
        Defconfig("alpha-big-b2");
        why = Succeeds("why", "toolbox").Stdout;
        Assert.StartsWith("PACKAGE_toolbox = y (tmp/.config-package.in:", why);
        Assert.Contains("selected by PACKAGE_fancy [=y]", why);
    }

    [Fact]
    public void AConfigInWithASyntaxErrorIsOneLineNamingFileAndLine()
    {
        Defconfig("beta-all");
        var before = File.ReadAllBytes(DotConfig);
        // Config.in has 19 lines: the unclosed parenthesis is on line 22.
        File.AppendAllText(Path.Combine(Top, "Config.in"), "config BROKEN\n\tbool \"broken\"\n\tdepends on (DEVEL\n");

        foreach (var command in new[] { new[] { "defconfig" }, ["config", "get", "PACKAGE_toolbox"], ["config", "set", "PACKAGE_netcfg=y"], ["why", "toolbox"] })
        {
            var run = Kiln(command);
            Assert.True(run.Status == 2, run.ToString());
            Assert.Equal("kiln: Config.in:22: syntax error: invalid statement\n", run.Stderr);
            Assert.Equal(before, File.ReadAllBytes(DotConfig));
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
