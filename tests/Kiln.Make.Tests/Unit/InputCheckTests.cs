using System.Security.Cryptography;
using Kiln.Core.Files;
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

    private const string VersionFromConfigure = "sed -n -e '/^AC_INIT/s/.*\\[\\([0-9.]*\\)\\].*/\\1/p' configure.ac";

    [Fact]
    public void ASedOfAFileThatSettledBeforeTheEvaluationIsCheckedByTheFileNotRunAgain()
    {
        using var tree = new TemporaryDirectory();
        File.WriteAllText(tree.Path + "/configure.ac", "AC_INIT([usbip-utils], [2.0])\n");
        Thread.Sleep(FileStamp.Settled + TimeSpan.FromMilliseconds(100));
        var log = RunLogged(VersionFromConfigure, tree.Path, Environment);

        Assert.Equal([typeof(ShellRanInput), typeof(FileReadInput)], log.Inputs.Select(i => i.GetType()));
        Assert.True(((ShellRanInput)log.Inputs[0]).NotRechecked);
        Assert.True(NewCheck().StillHold(log.Inputs));
        File.WriteAllText(tree.Path + "/configure.ac", "AC_INIT([usbip-utils], [2.1])\n");
        Assert.Equal($"the bytes of {tree.Path}/configure.ac", NewCheck().FirstChanged(log.Inputs)?.Describe());
    }

    [Fact]
    public void ASedOfAFileChangedJustBeforeTheEvaluationIsRunAgainToCheck()
    {
        using var tree = new TemporaryDirectory();
        File.WriteAllText(tree.Path + "/configure.ac", "AC_INIT([usbip-utils], [2.0])\n");
        var log = RunLogged(VersionFromConfigure, tree.Path, Environment);
        Assert.Equal([typeof(ShellRanInput)], log.Inputs.Select(i => i.GetType()));
        Assert.False(((ShellRanInput)log.Inputs[0]).NotRechecked);
        File.WriteAllText(tree.Path + "/configure.ac", "AC_INIT([usbip-utils], [2.1])\n");
        Assert.Same(log.Inputs[0], NewCheck().FirstChanged(log.Inputs));
    }

    [Fact]
    public void ASedOfAMissingFileIsCheckedByTheFileStillMissingNotRunAgain()
    {
        using var tree = new TemporaryDirectory();
        var log = RunLogged(VersionFromConfigure, tree.Path, Environment);
        Assert.Equal([typeof(ShellRanInput), typeof(PathQueriedInput)], log.Inputs.Select(i => i.GetType()));
        Assert.True(((ShellRanInput)log.Inputs[0]).NotRechecked);
        Assert.True(NewCheck().StillHold(log.Inputs));
        File.WriteAllText(tree.Path + "/configure.ac", "AC_INIT([usbip-utils], [2.0])\n");
        Assert.Same(log.Inputs[1], NewCheck().FirstChanged(log.Inputs));
    }

    private const string ModulesListed = "find patches -mindepth 1 -maxdepth 1 -type d -name 'nginx-mod-*' | sed -E 's,^patches/nginx-mod-,,'";

    [Fact]
    public void AFindOfADirectoryThatSettledBeforeTheEvaluationIsCheckedByItsEntriesNotRunAgain()
    {
        using var tree = new TemporaryDirectory();
        Directory.CreateDirectory(tree.Path + "/patches/nginx-mod-lua");
        File.WriteAllText(tree.Path + "/patches/nginx-mod-notes", "");
        Thread.Sleep(FileStamp.Settled + TimeSpan.FromMilliseconds(100));
        var log = RunLogged(ModulesListed, tree.Path, Environment);
        Assert.Equal([typeof(ShellRanInput), typeof(DirectoryEntriesInput)], log.Inputs.Select(i => i.GetType()));
        Assert.True(((ShellRanInput)log.Inputs[0]).NotRechecked);
        var decoded = RecordedInputCodec.Decode(RecordedInputCodec.Encode(log.Inputs))!;
        Assert.Equal(((DirectoryEntriesInput)log.Inputs[1]).EntriesHash, Assert.IsType<DirectoryEntriesInput>(decoded[1]).EntriesHash);
        Assert.True(NewCheck().StillHold(decoded));

        // A file become a directory of the same name lists the same names: its type tells.
        File.Delete(tree.Path + "/patches/nginx-mod-notes");
        Directory.CreateDirectory(tree.Path + "/patches/nginx-mod-notes");
        Assert.Equal($"the entries of {tree.Path}/patches", NewCheck().FirstChanged(decoded)?.Describe());
    }

    [Fact]
    public void AFindOfADirectoryChangedJustBeforeTheEvaluationIsRunAgainToCheck()
    {
        using var tree = new TemporaryDirectory();
        Directory.CreateDirectory(tree.Path + "/patches/nginx-mod-lua");
        var log = RunLogged(ModulesListed, tree.Path, Environment);
        Assert.Equal([typeof(ShellRanInput)], log.Inputs.Select(i => i.GetType()));
        Assert.False(((ShellRanInput)log.Inputs[0]).NotRechecked);
    }

    [Fact]
    public void AFindOfALinkToADirectoryIsRunAgainToCheck()
    {
        using var tree = new TemporaryDirectory();
        Directory.CreateDirectory(tree.Path + "/real/nginx-mod-lua");
        File.CreateSymbolicLink(tree.Path + "/patches", tree.Path + "/real");
        Thread.Sleep(FileStamp.Settled + TimeSpan.FromMilliseconds(100));
        var log = RunLogged(ModulesListed, tree.Path, Environment);
        Assert.Equal([typeof(ShellRanInput)], log.Inputs.Select(i => i.GetType()));
        Assert.False(((ShellRanInput)log.Inputs[0]).NotRechecked);
    }

    [Fact]
    public void AFindOfAMissingDirectoryHoldsUntilTheDirectoryIsMade()
    {
        using var tree = new TemporaryDirectory();
        var log = RunLogged(ModulesListed, tree.Path, Environment);
        Assert.IsType<DirectoryEntriesInput>(log.Inputs[1]);
        Assert.True(NewCheck().StillHold(log.Inputs));
        Directory.CreateDirectory(tree.Path + "/patches");
        Assert.Same(log.Inputs[1], NewCheck().FirstChanged(log.Inputs));
    }

    [Fact]
    public void APureCommandThatFailsWithItsOwnStatusIsNotRunAgain()
    {
        using var tree = new TemporaryDirectory();
        var log = RunLogged("expr 64 + ", tree.Path, Environment);
        var shell = Assert.IsType<ShellRanInput>(Assert.Single(log.Inputs));
        Assert.True(shell.NotRechecked);
    }

    [Fact]
    public void ADigestByAProgramNamedByPathIsCheckedByThatProgramMissingOrThere()
    {
        using var tree = new TemporaryDirectory();
        var mkhash = tree.Path + "/staging_dir/host/bin/mkhash";
        var command = $"echo shared no-tests | {mkhash} md5";
        var missing = RunLogged(command, tree.Path, Environment);
        Assert.True(((ShellRanInput)missing.Inputs[0]).NotRechecked);
        Assert.Null(Assert.IsType<ProgramIdentityInput>(missing.Inputs[1]).Resolved);
        Assert.True(NewCheck().StillHold(missing.Inputs));

        var counter = tree.Path + "/runs";
        Directory.CreateDirectory(Path.GetDirectoryName(mkhash)!);
        File.WriteAllText(mkhash, $"#!/bin/sh\necho run >> {counter}\nmd5sum | cut -c1-32\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(mkhash, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Same(missing.Inputs[1], NewCheck().FirstChanged(missing.Inputs));

        var there = RunLogged(command, tree.Path, Environment);
        Assert.Equal(1, Runs(counter));
        Assert.Equal(mkhash, Assert.IsType<ProgramIdentityInput>(there.Inputs[1]).Resolved);
        Assert.True(NewCheck().StillHold(there.Inputs));
        File.AppendAllText(mkhash, "# rebuilt\n");
        Assert.Same(there.Inputs[1], NewCheck().FirstChanged(there.Inputs));
        Assert.Equal(1, Runs(counter));
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

    private const string LongModeProbe = "fake-gcc -dM -E - </dev/null | grep -q __LP64__ && echo 64 || echo 32";

    /// <summary>A gcc that counts its runs in <c>runs</c> beside it, in <paramref name="directory"/>.</summary>
    private static void WriteFakeCompiler(string directory, string counter, string extra = "")
    {
        var path = directory + "/fake-gcc";
        File.WriteAllText(path, $"#!/bin/sh\necho run >> {counter}\necho '#define __LP64__ 1'\n{extra}");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static int Runs(string counter) => File.Exists(counter) ? File.ReadAllLines(counter).Length : 0;

    private static InputLog RunLogged(string command, string directory, Dictionary<string, string> environment)
    {
        var invocation = new ShellInvocation("/bin/sh", "-c", command, directory);
        var log = new InputLog(environment);
        log.ShellRan(invocation, invocation.Run(environment, TimeSpan.FromSeconds(30)));
        return log;
    }

    [Fact]
    public void ACompilerProbeIsCheckedByTheCompilerNotRunAgainAndANewCompilerIsNoticed()
    {
        using var tree = new TemporaryDirectory();
        var counter = tree.Path + "/runs";
        WriteFakeCompiler(tree.Path, counter);
        var environment = new Dictionary<string, string> { ["PATH"] = tree.Path + ":/usr/bin:/bin" };
        var log = RunLogged(LongModeProbe, tree.Path, environment);
        Assert.Equal(1, Runs(counter));
        Assert.True(((ShellRanInput)log.Inputs[0]).NotRechecked);
        var compiler = Assert.IsType<ProgramIdentityInput>(log.Inputs[1]);
        Assert.Equal("fake-gcc", compiler.Program);
        Assert.Equal(tree.Path + "/fake-gcc", compiler.Resolved);

        Assert.True(new InputCheck(environment, TimeSpan.FromSeconds(30)).StillHold(log.Inputs));
        Assert.Equal(1, Runs(counter));

        WriteFakeCompiler(tree.Path, counter, extra: "# rebuilt\n");
        Assert.Same(log.Inputs[1], new InputCheck(environment, TimeSpan.FromSeconds(30)).FirstChanged(log.Inputs));
        Assert.Equal($"the program fake-gcc ({tree.Path}/fake-gcc)", log.Inputs[1].Describe());
        Assert.Equal(1, Runs(counter));
    }

    [Fact]
    public void AnotherCompilerOfTheSameNameEarlierInPathIsNoticed()
    {
        using var tree = new TemporaryDirectory();
        Directory.CreateDirectory(tree.Path + "/first");
        Directory.CreateDirectory(tree.Path + "/second");
        var counter = tree.Path + "/runs";
        WriteFakeCompiler(tree.Path + "/second", counter);
        var environment = new Dictionary<string, string> { ["PATH"] = tree.Path + "/first:" + tree.Path + "/second:/usr/bin:/bin" };
        var log = RunLogged(LongModeProbe, tree.Path, environment);
        Assert.True(new InputCheck(environment, TimeSpan.FromSeconds(30)).StillHold(log.Inputs));

        // The same bytes: only where the shell finds it differs.
        WriteFakeCompiler(tree.Path + "/first", counter);
        Assert.Same(log.Inputs[1], new InputCheck(environment, TimeSpan.FromSeconds(30)).FirstChanged(log.Inputs));
        Assert.Equal(1, Runs(counter));
    }

    [Fact]
    public void AProbeOfACompilerThatIsNotThereHoldsUntilOneIsInstalled()
    {
        using var tree = new TemporaryDirectory();
        var counter = tree.Path + "/runs";
        var environment = new Dictionary<string, string> { ["PATH"] = tree.Path + ":/usr/bin:/bin" };
        var log = RunLogged(LongModeProbe, tree.Path, environment);
        Assert.True(((ShellRanInput)log.Inputs[0]).NotRechecked);
        Assert.Null(Assert.IsType<ProgramIdentityInput>(log.Inputs[1]).Resolved);
        Assert.True(new InputCheck(environment, TimeSpan.FromSeconds(30)).StillHold(log.Inputs));

        WriteFakeCompiler(tree.Path, counter);
        Assert.Same(log.Inputs[1], new InputCheck(environment, TimeSpan.FromSeconds(30)).FirstChanged(log.Inputs));
        Assert.Equal(0, Runs(counter));
    }

    [Fact]
    public void ACompilerRunOnAFileTheCommandDidNotWriteIsRunAgainToCheck()
    {
        using var tree = new TemporaryDirectory();
        var counter = tree.Path + "/runs";
        WriteFakeCompiler(tree.Path, counter);
        File.WriteAllText(tree.Path + "/probe.c", "int x;\n");
        var environment = new Dictionary<string, string> { ["PATH"] = tree.Path + ":/usr/bin:/bin" };
        var log = RunLogged("fake-gcc -E probe.c | grep -q __LP64__ && echo 64 || echo 32", tree.Path, environment);
        Assert.Equal([typeof(ShellRanInput)], log.Inputs.Select(i => i.GetType()));
        Assert.False(((ShellRanInput)log.Inputs[0]).NotRechecked);

        Assert.True(new InputCheck(environment, TimeSpan.FromSeconds(30)).StillHold(log.Inputs));
        Assert.Equal(2, Runs(counter));
    }

    [Fact]
    public void ACompilerProbeIsCheckedByTheVariablesThatTellTheCompilerWhereToLook()
    {
        using var tree = new TemporaryDirectory();
        WriteFakeCompiler(tree.Path, tree.Path + "/runs");
        var environment = new Dictionary<string, string> { ["PATH"] = tree.Path + ":/usr/bin:/bin" };
        var log = RunLogged(LongModeProbe, tree.Path, environment);
        var changed = new Dictionary<string, string>(environment) { ["C_INCLUDE_PATH"] = tree.Path };
        Assert.Equal("the environment variable C_INCLUDE_PATH", new InputCheck(changed, TimeSpan.FromSeconds(30)).FirstChanged(log.Inputs)?.Describe());
    }

    [Fact]
    public void ACompilerProbeReadBackFromItsBinaryFormStillHoldsByTheSameCompiler()
    {
        using var tree = new TemporaryDirectory();
        var counter = tree.Path + "/runs";
        WriteFakeCompiler(tree.Path, counter);
        var environment = new Dictionary<string, string> { ["PATH"] = tree.Path + ":/usr/bin:/bin" };
        var log = RunLogged(LongModeProbe, tree.Path, environment);

        var decoded = RecordedInputCodec.Decode(RecordedInputCodec.Encode(log.Inputs));
        Assert.NotNull(decoded);
        Assert.Equal(log.Inputs.Select(i => i.Describe()), decoded.Select(i => i.Describe()));
        Assert.True(((ShellRanInput)decoded[0]).NotRechecked);
        Assert.Equal(log.Inputs[1], decoded[1]);
        Assert.True(new InputCheck(environment, TimeSpan.FromSeconds(30)).StillHold(decoded));
        Assert.Equal(1, Runs(counter));
    }

    [Fact]
    public void AFileThatSettledBeforeTheEvaluationIsCheckedByItsStampUntilTheStampChanges()
    {
        using var tree = new TemporaryDirectory();
        var path = tree.Path + "/version.mk";
        File.WriteAllText(path, "PKG_VERSION:=1.0\n");
        Thread.Sleep(FileStamp.Settled + TimeSpan.FromMilliseconds(100));
        var log = new InputLog(Environment);
        log.FileRead(path, SHA256.HashData(File.ReadAllBytes(path)));
        var read = Assert.IsType<FileReadInput>(Assert.Single(log.Inputs));
        Assert.Equal(FileStatus.Stat(path)!.Value.Stamp, read.Stamp);
        var decoded = RecordedInputCodec.Decode(RecordedInputCodec.Encode(log.Inputs))!;
        Assert.Equal(read.Stamp, Assert.IsType<FileReadInput>(Assert.Single(decoded)).Stamp);

        // The stamp vouches for the bytes: they are not read again (a recorded hash that is not theirs goes unnoticed).
        Assert.True(NewCheck().StillHold([read with { ContentHash = new byte[32] }]));
        Assert.True(NewCheck().StillHold(decoded));
        var encoded = RecordedInputCodec.Encode(log.Inputs);
        Assert.Null(NewCheck().FirstChanged(encoded));

        // The same length, other bytes: the stamp changed, so the bytes are hashed and found changed.
        File.WriteAllText(path, "PKG_VERSION:=2.0\n");
        Assert.Same(decoded[0], NewCheck().FirstChanged(decoded));
        Assert.Equal($"the bytes of {path}", NewCheck().FirstChanged(encoded)?.Describe());
    }

    [Fact]
    public void AFileChangedJustBeforeTheEvaluationIsNotStampedAndIsHashedAgain()
    {
        using var tree = new TemporaryDirectory();
        var path = tree.Path + "/version.mk";
        File.WriteAllText(path, "PKG_VERSION:=1.0\n");
        var log = new InputLog(Environment);
        log.FileRead(path, SHA256.HashData(File.ReadAllBytes(path)));
        var read = Assert.IsType<FileReadInput>(Assert.Single(log.Inputs));
        Assert.Null(read.Stamp);
        Assert.True(NewCheck().StillHold(log.Inputs));
        Assert.False(NewCheck().StillHold([read with { ContentHash = new byte[32] }]));
    }

    [Fact]
    public void EncodedInputsAreCheckedAsTheyAreAndTheFirstChangedIsDecoded()
    {
        using var tree = new TemporaryDirectory();
        File.WriteAllText(tree.Path + "/a", "1");
        RecordedInput[] inputs =
        [
            new PathQueriedInput(tree.Path + "/a", PathQuery.IsFile, true),
            new EnvironmentReadInput("PATH", "/usr/bin:/bin"),
            new PathQueriedInput(tree.Path + "/b", PathQuery.Exists, false),
        ];
        var encoded = RecordedInputCodec.Encode(inputs);
        Assert.Equal(inputs, RecordedInputCodec.Decode(encoded));
        var check = NewCheck();
        Assert.Null(check.FirstChanged(encoded));
        Assert.Null(check.FirstChanged(RecordedInputCodec.Encode([inputs[2], inputs[0]])));

        File.WriteAllText(tree.Path + "/b", "");
        Assert.Equal(inputs[2], NewCheck().FirstChanged(encoded));
        Assert.Throws<InvalidDataException>(() => NewCheck().FirstChanged(encoded.AsMemory(0, encoded.Length - 1)));
        Assert.Null(RecordedInputCodec.Decode(encoded.AsMemory(0, encoded.Length - 1)));
    }
}
