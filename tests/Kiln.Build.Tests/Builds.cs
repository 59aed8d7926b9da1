using Kiln.Build.Cache;
using Kiln.Build.Scheduling;
using Kiln.Build.Steps;
using Kiln.Configuration.Choice;
using Kiln.OpenWrt.Configuration;
using Kiln.Pipeline.Packages;

namespace Kiln.Build.Tests;

/// <summary>Runs builds of a test tree through Kiln.Build, as `kiln build --target T` does.</summary>
internal static class Builds
{
    public const string Mips = "demo/small";
    public const string Pc = "pc/generic";

    /// <summary>The target's default .config (as `--target` gives it), with extra lines added.</summary>
    public static DotConfig Config(TestTree tree, string target, string extra = "") =>
        DotConfig.Parse(ConfigurationChoice.Choose(tree.Top, target, null, TimeSpan.FromSeconds(60)).Config.Write() + extra);

    public static (RecordingObserver Observer, IReadOnlyList<NodeFailure> Failures) Run(
        TestTree tree, string target, IReadOnlyList<string> packages, string extraConfig = "", StepKind lastStep = StepKind.InstallDev, int jobs = 2)
    {
        var observer = new RecordingObserver();
        var request = new BuildRequest(tree.Top, Config(tree, target, extraConfig), packages, jobs, lastStep, CacheDirectory: null,
            new IpkPackager(tree.Top));
        var result = BuildSession.Run(request, observer, CancellationToken.None);
        return (observer, result.Failures);
    }

    /// <summary>A build of the packages with a build cache, reported to <paramref name="observer"/> (a new one when null).</summary>
    public static (RecordingObserver Observer, BuildResult Result) RunCached(TestTree tree, string target, IReadOnlyList<string> packages,
        CacheSettings cache, RecordingObserver? observer = null, string extraConfig = "")
    {
        observer ??= new RecordingObserver();
        var request = new BuildRequest(tree.Top, Config(tree, target, extraConfig), packages, 2, StepKind.InstallDev, CacheDirectory: null,
            new IpkPackager(tree.Top), Cache: cache);
        return (observer, BuildSession.Run(request, observer, CancellationToken.None));
    }

    /// <summary>Builds and fails the test with the first failure's message and log when the build fails.</summary>
    public static RecordingObserver Succeed(TestTree tree, string target, IReadOnlyList<string> packages, string extraConfig = "")
    {
        var (observer, failures) = Run(tree, target, packages, extraConfig);
        Assert.True(failures.Count == 0, string.Join("\n",
            failures.Select(f => $"{f.Node}: {f.Message}\n{string.Join("\n", f.Step?.Tail(30) ?? [])}")));
        return observer;
    }

    /// <summary>Runs a program to its end; returns its exit status and what it printed on stdout.</summary>
    public static (int Status, string Output) Execute(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }
}
