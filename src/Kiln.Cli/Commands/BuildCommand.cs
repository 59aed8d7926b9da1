using System.CommandLine;
using Kiln.Build;
using Kiln.Build.Scheduling;
using Kiln.Build.Steps;
using Kiln.Cli.Output;
using Kiln.Make.Diagnostics;
using Kiln.Make.Text;
using Kiln.Targets.Devices;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln build</c>: downloads, prepares, configures, compiles and installs packages (and what
/// they need) with the target's external toolchain; <c>kiln clean</c> takes builds away.
/// </summary>
public static class BuildCommand
{
    private static readonly Option<string?> Target = new("--target")
    {
        Description = "BOARD/SUBTARGET to build for (default: the one the tree's .config selects).",
        HelpName = "TARGET",
    };

    private static readonly Option<string?> Config = new("--config")
    {
        Description = "The .config to build with (default: TREE/.config when it is for the target, else the target's defaults).",
        HelpName = "FILE",
    };

    public static IEnumerable<Command> Create()
    {
        var jobs = new Option<int>("-j", "--jobs")
        {
            Description = "How many jobs run at once, across packages and inside them (a GNU make jobserver).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var step = new Option<string?>("--step") { Description = "Stop the named packages after this step: prepare, configure, compile or install.", HelpName = "STEP" };
        var explain = new Option<bool>("--explain") { Description = "Say why each step runs (or that it is up to date)." };
        var packages = new Argument<string[]>("PACKAGE") { Description = "Packages to build (binary or source names, NAME/host for a host build); none: those the .config selects.", Arity = ArgumentArity.ZeroOrMore };
        var build = new Command("build", "Build packages: download, prepare, configure, compile, install.") { Target, Config, jobs, step, explain, packages };
        build.SetAction(result => Run(result, () =>
        {
            var names = result.GetValue(packages)!;
            var request = new BuildRequest(
                result.GetValue(GlobalOptions.TopDir)!,
                ConfigText(result),
                names.Length == 0 ? null : names.Select(ByteText.FromOs).ToList(),
                Math.Max(1, result.GetValue(jobs)),
                result.GetValue(step) is { } s ? StepNames.Parse(s) : StepKind.InstallDev,
                GlobalOptions.Scan(result, "package").CacheDirectory,
                new Kiln.Packing.Ipk.IpkPackager(result.GetValue(GlobalOptions.TopDir)!));
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += stop;
            var display = new BuildDisplay(result.GetValue(explain));
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = display.Show(() => BuildSession.Run(request, display, cancel.Token));
                if (result.Interrupted)
                {
                    Console.Error.WriteLine("kiln: interrupted (steps that did not finish run again next time)");
                    return ExitCodes.Interrupted;
                }
                foreach (var failure in result.Failures) Report(failure, request.TopDirectory);
                if (result.Failures.Count > 0) return ExitCodes.Failure;
                Console.Error.WriteLine(display.Summary(clock.Elapsed));
                return ExitCodes.Success;
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
        }));
        yield return build;

        var cleanNames = new Argument<string[]>("PACKAGE") { Description = "Packages whose builds to remove; none: every build, staging directory and log.", Arity = ArgumentArity.ZeroOrMore };
        var clean = new Command("clean", "Remove package builds (build directories, staged files, stamps, logs, packed files; without names: also bin/).") { Target, Config, cleanNames };
        clean.SetAction(result => Run(result, () =>
        {
            var names = result.GetValue(cleanNames)!;
            foreach (var removed in BuildCleaner.Clean(result.GetValue(GlobalOptions.TopDir)!, ConfigText(result), names.Select(ByteText.FromOs).ToList()))
                Console.Out.WriteLine("removed " + removed);
            return ExitCodes.Success;
        }));
        yield return clean;
    }

    private static string ConfigText(ParseResult result)
    {
        var topDir = result.GetValue(GlobalOptions.TopDir)!;
        if (result.GetValue(Config) is { } file)
        {
            if (!File.Exists(file)) throw new BuildError($"{file}: no such file");
            return ByteText.Encoding.GetString(File.ReadAllBytes(file));
        }
        if (result.GetValue(Target) is { } target)
            return SubtargetDevices.Configuration(topDir, target, null, TimeSpan.FromSeconds(60)).Text;
        var treeConfig = Path.Combine(topDir, ".config");
        if (!File.Exists(treeConfig)) throw new BuildError($"{topDir} has no .config: give --target BOARD/SUBTARGET (or --config FILE)");
        return ByteText.Encoding.GetString(File.ReadAllBytes(treeConfig));
    }

    private static void Report(NodeFailure failure, string topDir)
    {
        var step = failure.Step;
        Console.Error.WriteLine($"FAILED: {failure.Node}{(step is null ? "" : "/" + Path.GetFileNameWithoutExtension(step.LogPath))}");
        if (step is null)
        {
            Console.Error.WriteLine("  " + failure.Message.Replace("\n", "\n  "));
            if (failure.InternalError is { } error) Console.Error.WriteLine("  " + WriteInternalError(failure.Node, error, topDir));
            return;
        }
        Console.Error.WriteLine($"  command (exit status {step.Status}): {step.Command.Trim()}");
        foreach (var line in step.Tail(20)) Console.Error.WriteLine("  | " + line);
        Console.Error.WriteLine($"  full log: {Path.GetRelativePath(topDir, step.LogPath)}");
    }

    /// <summary>Writes a bug's whole exception (its stack trace) to the node's log directory, for a report; says where.</summary>
    private static string WriteInternalError(string node, Exception error, string topDir)
    {
        var log = Path.Combine(topDir, "logs", node, "internal-error.txt");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(log)!);
            File.WriteAllText(log, error.ToString() + "\n");
            return $"details (please report): {Path.GetRelativePath(topDir, log)}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"details not written to {log}: {e.Message}";
        }
    }

    private static int Run(ParseResult result, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (BuildError e)
        {
            Console.Error.WriteLine("kiln: " + e.Message);
            return ExitCodes.Failure;
        }
        catch (MakeErrorException e)
        {
            Console.Error.WriteLine(e.Format("kiln"));
            return ExitCodes.Failure;
        }
    }
}
