using Kiln.Configuration.Kconfig;

namespace Kiln.Configuration.Tests;

/// <summary>
/// $(shell,...) with the commands of an earlier load remembered: they start before the load asks for them, yet every
/// load sees what they print now, and the list follows what the files ask for.
/// </summary>
public sealed class KconfigShellTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("kiln-kconfig-shell-").FullName;

    public KconfigShellTests()
    {
        File.WriteAllText(Path.Combine(_tree, "value"), "one\n");
        WriteConfig("cat value");
    }

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    private string Remembered => Path.Combine(_tree, "tmp", "kiln", "kconfig-commands");

    /// <summary>A Config.in whose string default is what COMMAND prints; each run of it is logged in runs.log.</summary>
    private void WriteConfig(string command) => File.WriteAllText(Path.Combine(_tree, "Config.in"),
        $"VALUE := $(shell, echo ran >> runs.log; {command})\nconfig VALUE\n\tstring\n\tdefault \"$(VALUE)\"\n");

    private string Load()
    {
        using var shell = new KconfigShell(_tree, Remembered);
        return Value(KconfigTree.Load(_tree, "Config.in", shell: shell));
    }

    private static string Value(KconfigTree tree)
    {
        var evaluator = new KconfigEvaluator(tree);
        KconfigConf.Complete(evaluator, ConfMode.Defconfig, "", "test");
        return evaluator.StringValue(tree.Find("VALUE")!);
    }

    private int Runs => File.Exists(Path.Combine(_tree, "runs.log")) ? File.ReadAllLines(Path.Combine(_tree, "runs.log")).Length : 0;

    [Fact]
    public void RememberedCommandsStartAheadAndEveryLoadSeesWhatTheyPrintNow()
    {
        Assert.Equal("one", Load());
        Assert.Equal(1, Runs);
        Assert.Equal(" echo ran >> runs.log; cat value\0", File.ReadAllText(Remembered));
        File.WriteAllText(Path.Combine(_tree, "value"), "two\n");
        using (var shell = new KconfigShell(_tree, Remembered))
        {
            // Started as the shell is made, before any file asks for it.
            var waited = 0;
            while (Runs < 2 && waited++ < 500) Thread.Sleep(10);
            Assert.Equal(2, Runs);
            Assert.Equal("two", Value(KconfigTree.Load(_tree, "Config.in", shell: shell)));
        }
        // The command started ahead answered the load: it ran once, not twice.
        Assert.Equal(2, Runs);
    }

    [Fact]
    public void ACommandNoLongerAskedForIsWaitedForAndForgotten()
    {
        Load();
        WriteConfig("echo other");
        Assert.Equal("other", Load());
        // The old command ran ahead (and was waited for), the new one when asked: two runs in this load.
        Assert.Equal(3, Runs);
        Assert.Equal(" echo ran >> runs.log; echo other\0", File.ReadAllText(Remembered));
        Assert.Equal("other", Load());
        Assert.Equal(4, Runs);
    }

    [Fact]
    public void WhatACommandStartedAheadPrintsOnStderrIsPassedOnOnlyWhenALoadAsksForIt()
    {
        WriteConfig("echo asked >&2; cat value");
        Load();
        var errors = new StringWriter();
        using (var shell = new KconfigShell(_tree, Remembered, errors))
            Assert.Equal("one", Value(KconfigTree.Load(_tree, "Config.in", shell: shell)));
        Assert.Equal("asked\n", errors.ToString());

        WriteConfig("echo other");
        errors = new StringWriter();
        using (var shell = new KconfigShell(_tree, Remembered, errors))
            Assert.Equal("other", Value(KconfigTree.Load(_tree, "Config.in", shell: shell)));
        Assert.Equal("", errors.ToString());
    }

    [Fact]
    public void WithoutARememberedListCommandsRunWhenAsked()
    {
        using (var shell = new KconfigShell(_tree, null))
            Assert.Equal("one", Value(KconfigTree.Load(_tree, "Config.in", shell: shell)));
        Assert.Equal("one", Value(KconfigTree.Load(_tree, "Config.in")));
        Assert.Equal(2, Runs);
        Assert.False(File.Exists(Remembered));
    }
}
