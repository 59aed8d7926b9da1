using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;

namespace Kiln.Make.Tests.Unit;

/// <summary>A command whose output follows from its text runs once for every evaluation that asks it the same way; any other runs each time.</summary>
public sealed class SharedPureCommandsTests
{
    /// <summary>A shell that counts its starts in <c>starts</c> beside it, then runs the command with /bin/sh.</summary>
    private static string CountingShell(TemporaryDirectory tree)
    {
        var shell = tree.Path + "/counting-sh";
        File.WriteAllText(shell, $"#!/bin/sh\necho start >> {tree.Path}/starts\nexec /bin/sh \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shell, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return shell;
    }

    private static int Starts(TemporaryDirectory tree) => File.Exists(tree.Path + "/starts") ? File.ReadAllLines(tree.Path + "/starts").Length : 0;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void APureCommandRunsOnceForEveryDirectoryThatAsksIt()
    {
        using var tree = new TemporaryDirectory();
        var shell = CountingShell(tree);
        var runner = new SharedPureCommands();
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["PKG_NAME"] = "one" };
        var first = runner.Run(new ShellInvocation(shell, "-c", "expr 64 + ", tree.Path), environment, Timeout);
        var second = runner.Run(new ShellInvocation(shell, "-c", "expr 64 + ", "/"), new Dictionary<string, string>(environment) { ["PKG_NAME"] = "two" },
            Timeout);
        Assert.Equal(1, Starts(tree));
        Assert.True(first.SameAs(second));
        Assert.Equal(2, first.Status);
    }

    [Fact]
    public void APureCommandAskedWithAnotherPathOrLocaleRunsAgain()
    {
        using var tree = new TemporaryDirectory();
        var shell = CountingShell(tree);
        var runner = new SharedPureCommands();
        var invocation = new ShellInvocation(shell, "-c", "echo 1.2.3 | cut -d. -f1", tree.Path);
        runner.Run(invocation, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, Timeout);
        runner.Run(invocation, new Dictionary<string, string> { ["PATH"] = "/bin:/usr/bin" }, Timeout);
        runner.Run(invocation, new Dictionary<string, string> { ["PATH"] = "/bin:/usr/bin", ["LC_ALL"] = "C" }, Timeout);
        Assert.Equal(3, Starts(tree));
    }

    [Fact]
    public void ACompilerProbeRunsOnceAndAgainWhereTheCompilerIsToldToLookElsewhere()
    {
        using var tree = new TemporaryDirectory();
        var shell = CountingShell(tree);
        var runner = new SharedPureCommands();
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" };
        var ccProbe = new ShellInvocation(shell, "-c", "cc -dM -E - </dev/null | grep -q __LP64__ && echo 64 || echo 32", tree.Path);
        runner.Run(ccProbe, environment, Timeout);
        runner.Run(ccProbe with { WorkingDirectory = "/" }, environment, Timeout);
        Assert.Equal(1, Starts(tree));
        runner.Run(ccProbe, new Dictionary<string, string>(environment) { ["CPATH"] = tree.Path }, Timeout);
        Assert.Equal(2, Starts(tree));
    }

    [Fact]
    public void ACommandThatReadsTheWorldRunsEachTime()
    {
        using var tree = new TemporaryDirectory();
        var shell = CountingShell(tree);
        var runner = new SharedPureCommands();
        File.WriteAllText(tree.Path + "/version", "1");
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" };
        var invocation = new ShellInvocation(shell, "-c", "cat version", tree.Path);
        Assert.Equal("1"u8.ToArray(), runner.Run(invocation, environment, Timeout).Output);
        File.WriteAllText(tree.Path + "/version", "2");
        Assert.Equal("2"u8.ToArray(), runner.Run(invocation, environment, Timeout).Output);
        Assert.Equal(2, Starts(tree));
    }
}
