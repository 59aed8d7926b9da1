namespace Kiln.Cli.Tests;

/// <summary>
/// <c>dump packages --stats</c> and <c>dump targets --stats</c> end with a table of what each part of the
/// evaluations cost (where a cold scan's time goes), on stderr: the metadata on stdout is unchanged.
/// </summary>
public sealed class ScanStatsTests
{
    private static KilnRun Kiln(Scratch scratch, params string[] arguments) =>
        KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, "--no-cache", .. arguments]);

    /// <summary>The table's rows by part: its count, then the part's name.</summary>
    private static Dictionary<string, int> CountsByPart(string stderr)
    {
        var lines = stderr.Split('\n');
        var heading = Array.FindIndex(lines, l => l.StartsWith("count ", StringComparison.Ordinal));
        Assert.True(heading > 0, stderr);
        var rows = new Dictionary<string, int>();
        foreach (var line in lines.Skip(heading + 1).TakeWhile(l => l.Length > 0))
        {
            var cells = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, cells.Length);
            foreach (var number in cells[..4]) Assert.True(double.TryParse(number, out _), line);
            rows.Add(cells[4].Trim(), int.Parse(cells[0]));
        }
        return rows;
    }

    [Fact]
    public void DumpPackagesCountsEachMakefileAndItsIncludesWithoutChangingTheMetadata()
    {
        using var scratch = new Scratch(withTree: true);
        var plain = Kiln(scratch, "dump", "packages");
        var stats = Kiln(scratch, "dump", "packages", "--stats");
        Assert.True(stats.Status == 0, stats.ToString());
        Assert.Equal(plain.Stdout, stats.Stdout);

        var makefiles = stats.Stdout.Split('\n').Count(l => l.StartsWith("Source-Makefile: ", StringComparison.Ordinal));
        var parts = CountsByPart(stats.Stderr);
        Assert.True(makefiles >= 4, stats.Stdout);
        Assert.Equal(makefiles, parts["whole makefile"]);
        Assert.Equal(makefiles, parts["setting up"]);
        Assert.Equal(makefiles, parts["package.mk"]);
        Assert.Equal(makefiles, parts["rules.mk"] + parts.GetValueOrDefault("restoring the shared first statement"));
    }

    [Fact]
    public void DumpTargetsCountsTheBoardsTargetMk()
    {
        using var scratch = new Scratch(withTree: true);
        var stats = Kiln(scratch, "dump", "targets", "--stats");
        Assert.True(stats.Status == 0, stats.ToString());
        var parts = CountsByPart(stats.Stderr);
        var boards = stats.Stdout.Split('\n').Count(l => l.StartsWith("Source-Makefile: ", StringComparison.Ordinal));
        Assert.True(boards >= 3, stats.Stdout);
        Assert.True(parts["target.mk"] >= boards, stats.Stderr);
        Assert.True(parts["whole makefile"] >= boards, stats.Stderr);
    }
}
