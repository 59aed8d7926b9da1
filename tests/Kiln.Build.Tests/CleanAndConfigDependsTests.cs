namespace Kiln.Build.Tests;

/// <summary>
/// PKG_CONFIG_DEPENDS on a string option (package/knobs/cleanable): a new value in the .config
/// configures the package again, the same value builds nothing; and `kiln clean PACKAGE` runs the
/// package's Build/Clean, which takes away what it built outside its build directory.
/// </summary>
public sealed class CleanAndConfigDependsTests : IDisposable
{
    private const string Option = "CONFIG_CLEANABLE_GREETING";

    private readonly TestTree _tree = Knobs.Tree();

    public void Dispose() => _tree.Dispose();

    private static string Greeting(string value) => $"CONFIG_PACKAGE_cleanable=y\n{Option}=\"{value}\"\n";

    private string ExtraDirectory => _tree.In($"{Knobs.BuildRoot}/cleanable-extra");

    [Fact]
    public void ANewValueOfTheStringOptionConfiguresThePackageAgain()
    {
        Builds.Succeed(_tree, Builds.Mips, ["cleanable"], Greeting("hello"));
        Assert.Contains("\"hello\"", File.ReadAllText(Path.Combine(ExtraDirectory, "greeting.h")));

        var same = Builds.Succeed(_tree, Builds.Mips, ["cleanable"], Greeting("hello"));
        Assert.Empty(same.Ran);

        var changed = Builds.Succeed(_tree, Builds.Mips, ["cleanable"], Greeting("good day"));
        Assert.Contains(changed.Ran, r => r is ("package/knobs/cleanable", "configure", _) && r.Why.Contains(Option, StringComparison.Ordinal));
        Assert.Contains("\"good day\"", File.ReadAllText(Path.Combine(Knobs.BuildDirectory(_tree, "cleanable"), "greeting.h")));
    }

    [Fact]
    public void CleanRunsBuildClean()
    {
        Builds.Succeed(_tree, Builds.Mips, ["cleanable"], Greeting("hello"));
        Assert.True(Directory.Exists(ExtraDirectory));

        BuildCleaner.Clean(_tree.Top, Builds.Config(_tree, Builds.Mips, Greeting("hello")), ["cleanable"]);

        Assert.False(Directory.Exists(ExtraDirectory));
        Assert.False(Directory.Exists(Knobs.BuildDirectory(_tree, "cleanable")));
        Assert.Contains($"rm -rf {ExtraDirectory}", Knobs.Log(_tree, "cleanable", "clean"));
    }
}
