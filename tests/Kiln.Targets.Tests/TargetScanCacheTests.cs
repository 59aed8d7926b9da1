using Kiln.Targets.Scanning;

namespace Kiln.Targets.Tests;

/// <summary>Boards read by an earlier scan are taken from its cache while everything their evaluations saw is unchanged.</summary>
public sealed class TargetScanCacheTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("kiln-target-cache-").FullName;

    public TargetScanCacheTests()
    {
        foreach (var file in Directory.EnumerateFiles(Fixtures.Example, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Fixtures.Example, file);
            if (!relative.StartsWith("target", StringComparison.Ordinal) && !relative.StartsWith("include", StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_tree, relative))!);
            File.Copy(file, Path.Combine(_tree, relative));
        }
    }

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    private Dictionary<string, string> _environment = new() { ["PATH"] = "/usr/bin:/bin" };

    private TargetScanResult Scan(string? cache = "tmp/kiln") => new TargetScanner(new TargetScanOptions(_tree)
    {
        CacheDirectory = cache is null ? null : Path.Combine(_tree, cache), Environment = _environment,
    }).Run();

    private static string Text(TargetScanResult result) => string.Concat(result.Boards.Select(b => b.Block));

    [Fact]
    public void ASecondScanReusesEveryBoardAndPrintsTheSame()
    {
        var first = Scan();
        var second = Scan();
        Assert.Equal(0, first.Reused);
        Assert.Equal(first.Boards.Count, second.Reused);
        Assert.Equal(Text(Scan(cache: null)), Text(second));
    }

    [Fact]
    public void AChangedDeviceFileIsNoticedAndOnlyItsBoardIsReadAgain()
    {
        var first = Scan();
        var devices = Path.Combine(_tree, "target/linux/demo/image/small.mk");
        File.WriteAllText(devices, File.ReadAllText(devices).Replace("DEVICE_MODEL := R1", "DEVICE_MODEL := R1-renamed"));
        var second = Scan();
        Assert.Equal(first.Boards.Count - 1, second.Reused);
        Assert.Contains("R1-renamed", Text(second));
        Assert.Equal(Text(Scan(cache: null)), Text(second));
    }

    [Fact]
    public void ABoardMovedBehindALinkIsReadAgain()
    {
        var first = Scan();
        Directory.Move(Path.Combine(_tree, "target/linux/demo"), Path.Combine(_tree, "demo-checkout"));
        File.CreateSymbolicLink(Path.Combine(_tree, "target/linux/demo"), Path.Combine(_tree, "demo-checkout"));
        var second = Scan();
        Assert.Equal(first.Boards.Count - 1, second.Reused);
        Assert.Equal(Text(Scan(cache: null)), Text(second));
    }

    [Fact]
    public void AnEnvironmentVariableNoBoardLookedUpKeepsEveryBoardAndOneLookedUpReadsThemAgain()
    {
        var first = Scan();
        _environment = new(_environment) { ["TMUX_PANE"] = "%1" };
        Assert.Equal(first.Boards.Count, Scan().Reused);
        // The image Makefiles look up V (verbosity), which is not set.
        _environment = new(_environment) { ["V"] = "s" };
        var third = Scan();
        Assert.Equal(0, third.Reused);
        Assert.Equal(Text(Scan(cache: null)), Text(third));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OneBoardAskedForReadsAsInTheWholeScan(bool behindALink)
    {
        if (behindALink)
        {
            Directory.Move(Path.Combine(_tree, "target/linux/demo"), Path.Combine(_tree, "demo-checkout"));
            File.CreateSymbolicLink(Path.Combine(_tree, "target/linux/demo"), Path.Combine(_tree, "demo-checkout"));
        }
        var whole = Scan(cache: null).Boards.Single(b => b.SourceMakefile.Contains("/demo/", StringComparison.Ordinal));
        var one = new TargetScanner(new TargetScanOptions(_tree) { OnlyBoard = "demo", Environment = _environment }).Run();
        Assert.Equal(whole.Block, Assert.Single(one.Boards).Block);
        Assert.Empty(new TargetScanner(new TargetScanOptions(_tree) { OnlyBoard = "missing", Environment = _environment }).Run().Boards);
    }
}
