namespace Kiln.Build.Tests;

/// <summary>
/// OpenWrt's own layout of the configuration menu: Config.in opens with <c>mainmenu</c> and reads
/// the generated target menu through target/Config.in, not itself. A target's default .config is
/// made from it as from the example tree's layout (where Config.in reads the menu itself).
/// </summary>
public sealed class TargetMenuLayoutTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void TheGeneratedTargetMenuReadThroughTargetConfigInGivesTheTargetsDefaults()
    {
        var top = _tree.In("Config.in");
        var text = File.ReadAllText(top);
        Assert.StartsWith("mainmenu", text.Split('\n').First(l => l.Length > 0 && l[0] != '#'));
        File.WriteAllText(top, text.Replace("source \"tmp/.config-target.in\"", "source \"target/Config.in\"", StringComparison.Ordinal));
        _tree.Write("target/Config.in", "source \"tmp/.config-target.in\"\n");

        var config = Builds.Config(_tree, Builds.Mips);
        Assert.Equal("y", config.Value("TARGET_demo"));
        Assert.Equal("y", config.Value("TARGET_demo_small"));
    }
}
