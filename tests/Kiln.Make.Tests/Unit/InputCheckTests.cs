using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;

namespace Kiln.Make.Tests.Unit;

/// <summary>Recorded inputs hold exactly while the world gives the same answers, however the check saves itself work.</summary>
public sealed class InputCheckTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["PATH"] = "/usr/bin:/bin" };

    private static InputCheck NewCheck() => new(Environment, TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(PathQuery.Exists)]
    [InlineData(PathQuery.IsDirectory)]
    [InlineData(PathQuery.IsFile)]
    public void NothingBelowAMissingDirectoryExistsUntilItIsMade(PathQuery query)
    {
        using var tree = new TemporaryDirectory();
        var deep = tree.Path + "/build_dir/target/pkg-1.0/" + (query == PathQuery.IsDirectory ? "sub" : ".quilt_used");
        var absent = new PathQueriedInput(deep, query, Answer: false);
        Assert.True(NewCheck().StillHold([absent, new PathQueriedInput(tree.Path + "/build_dir/target/pkg-1.0/..", query, false)]));

        Directory.CreateDirectory(tree.Path + "/build_dir/target/pkg-1.0");
        if (query == PathQuery.IsDirectory) Directory.CreateDirectory(deep);
        else File.WriteAllText(deep, "");
        Assert.Same(absent, NewCheck().FirstChanged([absent]));
    }

    [Fact]
    public void AFileWhereADirectoryWasExpectedHidesWhatIsBelowIt()
    {
        using var tree = new TemporaryDirectory();
        File.WriteAllText(tree.Path + "/plain", "");
        Assert.True(NewCheck().StillHold([new PathQueriedInput(tree.Path + "/plain/x", PathQuery.Exists, false)]));
    }

    [Fact]
    public void OnlyWhatACommandPrintsOnStdoutAndItsStatusAreCompared()
    {
        using var tree = new TemporaryDirectory();
        File.WriteAllText(tree.Path + "/out", "1");
        File.WriteAllText(tree.Path + "/note", "first");
        var invocation = new ShellInvocation("/bin/sh", "-c", "cat out; cat note >&2", tree.Path);
        var log = new InputLog(Environment);
        log.ShellRan(invocation, invocation.Run(Environment, TimeSpan.FromSeconds(30)));

        File.WriteAllText(tree.Path + "/note", "second");
        Assert.True(NewCheck().StillHold(log.Inputs));
        File.WriteAllText(tree.Path + "/out", "2");
        Assert.Equal("the output of `cat out; cat note >&2` in " + tree.Path, NewCheck().FirstChanged(log.Inputs)?.Describe());
    }

    [Fact]
    public void ACatOfNamedFilesIsCheckedByTheFilesNotRunAgain()
    {
        using var tree = new TemporaryDirectory();
        File.WriteAllText(tree.Path + "/version", "1.2\n");
        File.WriteAllText(tree.Path + "/extra", "x");
        var invocation = new ShellInvocation("/bin/sh", "-c", "cat version " + tree.Path + "/extra", tree.Path);
        var log = new InputLog(Environment);
        log.ShellRan(invocation, invocation.Run(Environment, TimeSpan.FromSeconds(30)));

        Assert.Equal([typeof(ShellRanInput), typeof(FileReadInput), typeof(FileReadInput)], log.Inputs.Select(i => i.GetType()));
        Assert.True(((ShellRanInput)log.Inputs[0]).NotRechecked);
        Assert.True(NewCheck().StillHold(log.Inputs));
        File.WriteAllText(tree.Path + "/extra", "y");
        Assert.Equal($"the bytes of {tree.Path}/extra", NewCheck().FirstChanged(log.Inputs)?.Describe());
    }

    [Fact]
    public void ACatOfAMissingFileIsCheckedByTheFileStillMissingNotRunAgain()
    {
        using var tree = new TemporaryDirectory();
        var invocation = new ShellInvocation("/bin/sh", "-c", "cat build/.vermagic 2>/dev/null", tree.Path);
        var log = new InputLog(Environment);
        log.ShellRan(invocation, invocation.Run(Environment, TimeSpan.FromSeconds(30)));
        Assert.Equal([typeof(ShellRanInput), typeof(PathQueriedInput)], log.Inputs.Select(i => i.GetType()));
        Assert.True(((ShellRanInput)log.Inputs[0]).NotRechecked);
        Assert.True(NewCheck().StillHold(log.Inputs));
        Directory.CreateDirectory(tree.Path + "/build");
        Assert.True(NewCheck().StillHold(log.Inputs));
        File.WriteAllText(tree.Path + "/build/.vermagic", "6.6.106-1-abc");
        Assert.Same(log.Inputs[1], NewCheck().FirstChanged(log.Inputs));
    }

    [Theory]
    [InlineData("cat directory")]
    [InlineData("cat missing other-missing")]
    [InlineData("cat missing 2>/dev/null >&2")]
    public void ACatThatFailedForAnotherReasonOrOfSeveralFilesIsRunAgainToCheck(string command)
    {
        using var tree = new TemporaryDirectory();
        Directory.CreateDirectory(tree.Path + "/directory");
        var invocation = new ShellInvocation("/bin/sh", "-c", command, tree.Path);
        var log = new InputLog(Environment);
        log.ShellRan(invocation, invocation.Run(Environment, TimeSpan.FromSeconds(30)));
        Assert.Equal([typeof(ShellRanInput)], log.Inputs.Select(i => i.GetType()));
        Assert.False(((ShellRanInput)log.Inputs[0]).NotRechecked);
        Directory.Delete(tree.Path + "/directory");
        File.WriteAllText(tree.Path + "/directory", "now a file");
        File.WriteAllText(tree.Path + "/missing", "now here");
        Assert.Same(log.Inputs[0], NewCheck().FirstChanged(log.Inputs));
    }
}
