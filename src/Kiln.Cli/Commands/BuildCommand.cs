using System.CommandLine;
using Kiln.Build.Scheduling;
using Kiln.Build.Steps;
using Kiln.Build;
using Kiln.Build.Settings;
using Kiln.Cli.Output;
using Kiln.Configuration.Choice;
using Kiln.Cli.Errors;
using Kiln.Core.Errors;
using Kiln.Make.Text;
using Kiln.OpenWrt.Configuration;
using Kiln.Images.Firmware;
using Kiln.Pipeline.ImageBuilder;
using Kiln.Pipeline.Images;
using Kiln.Pipeline.Packages;

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
        var step = new Option<string?>("--step") { Description = "Stop the named packages after this step: prepare, configure, compile or install.",
            HelpName = "STEP" };
        var explain = new Option<bool>("--explain") { Description = "Say why each step runs (or that it is up to date)." };
        var keepGoing = new Option<bool>("-k", "--keep-going")
        {
            Description = "After a failure, go on with the packages that do not need the failed one (as make -k), and list every failure.",
        };
        var cache = new Option<string?>("--cache")
        {
            Description = "The build cache: a Bazel remote-cache server's URL or a directory (default: kiln.conf's cache).",
            HelpName = "URL|DIR",
        };
        var cacheMode = new Option<string?>("--cache-mode")
        {
            Description = "read (take from the cache only), readwrite (also store what is built; the default) or off.",
            HelpName = "MODE",
        };
        var packages = new Argument<string[]>("PACKAGE")
        {
            Description = "Packages to build (binary or source names, NAME/host for a host build, tools/NAME for a host tool of tools/); " +
                "none: those the .config selects.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var build = new Command("build",
            "Build packages: download, prepare, configure, compile, install; without names, every selected package and then the images.")
        {
            Target, Config, jobs, step, explain, keepGoing, cache, cacheMode, ImageCommands.Kernel, ImageCommands.Profile, packages,
        };
        build.SetAction(result =>
        {
            var names = CommandLineErrors.Operands(result.GetValue(packages)!);
            // Options first: a mistake in them is reported before any work.
            var jobCount = Jobs(result.GetValue(jobs));
            var lastStep = result.GetValue(step) is { } s ? StepNames.Parse(s) : StepKind.InstallDev;
            var tree = GlobalOptions.Tree(result);
            var cacheSettings = KilnSettings.Read(tree).Cache.With(result.GetValue(cache), result.GetValue(cacheMode),
                Environment.CurrentDirectory);
            if (ImageBuilderDirectory.Open(tree) is { } builder) throw new UserError(builder.BuildsNothing);
            var scanCache = GlobalOptions.CacheDirectory(result);
            var recalling = names.Length > 0 && scanCache is not null ? BuildSession.RecallAhead(tree, scanCache) : null;
            var config = Configuration(result, tree);
            var firmware = names.Length == 0 && result.GetValue(step) is null ? Firmware(result, tree, config) : null;
            FirmwareResult? made = null;
            var display = new BuildDisplay(result.GetValue(explain));
            using var cancel = new CancellationTokenSource();
            var request = new BuildRequest(
                tree,
                config,
                names.Length == 0 ? null : names.Select(ByteText.FromOs).ToList(),
                jobCount,
                lastStep,
                scanCache,
                new IpkPackager(tree),
                firmware?.Packages,
                firmware is null ? null
                    : (context, packages) => made = FirmwareSession.Images(context, firmware.Target, firmware.Request, display, cancel.Token,
                        packages),
                KeepGoing: result.GetValue(keepGoing),
                Cache: cacheSettings,
                Recalling: recalling);
            ConsoleCancelEventHandler stop = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += stop;
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var outcome = display.Show(() => BuildSession.Run(request, display, cancel.Token));
                if (outcome.Interrupted)
                {
                    Console.Error.WriteLine("kiln: interrupted (steps that did not finish run again next time)");
                    return ExitCodes.Interrupted;
                }
                foreach (var failure in outcome.Failures) Report(failure, request.TopDirectory);
                if (outcome.Failures.Count > 0) return ExitCodes.Failure;
                Console.Error.WriteLine(display.Summary(clock.Elapsed));
                if (outcome.Cache is { } cacheReport)
                    foreach (var line in BuildDisplay.CacheSummary(cacheReport)) Console.Error.WriteLine(line);
                if (made is not null) ImageCommands.ReportImages(made, tree);
                return ExitCodes.Success;
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
        });
        yield return build;

        var cleanNames = new Argument<string[]>("PACKAGE")
        {
            Description = "Packages whose builds to remove; none: every build, staging directory and log.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var clean = new Command("clean",
            "Remove package builds (build directories, staged files, stamps, logs, packed files; without names: also bin/).")
        {
            Target, Config, cleanNames,
        };
        clean.SetAction(result =>
        {
            var names = CommandLineErrors.Operands(result.GetValue(cleanNames)!);
            var tree = GlobalOptions.Tree(result);
            foreach (var removed in BuildCleaner.Clean(tree, Configuration(result, tree), names.Select(ByteText.FromOs).ToList()))
                Console.Out.WriteLine("removed " + removed);
            return ExitCodes.Success;
        });
        yield return clean;
    }

    /// <summary>What a build of the whole .config ends with: the images of its target, with the target's default packages built too.</summary>
    private static FirmwarePlan Firmware(ParseResult result, string tree, DotConfig config)
    {
        var id = result.GetValue(Target)
            ?? $"{config.Text("TARGET_BOARD") ?? throw new UserError("the .config names no target (CONFIG_TARGET_BOARD)")}/" +
               (config.Text("TARGET_SUBTARGET") ?? "generic");
        var request = new ImageBuildRequest(tree, config, id, result.GetValue(ImageCommands.Kernel), null, OnlyListed: false, FromConfig: true,
            result.GetValue(ImageCommands.Profile) ?? [], [], RootfsOnly: false);
        var target = FirmwareSession.FindTarget(tree, id);
        // The kernel is checked before anything is built, not after.
        FirmwareSession.RequireKernel(request, target);
        return new FirmwarePlan(target, request, [.. target.DefaultPackages.Where(p => !p.StartsWith('-'))]);
    }

    private sealed record FirmwarePlan(Kiln.Targets.Model.Target Target, ImageBuildRequest Request, IReadOnlyList<string> Packages);

    private static DotConfig Configuration(ParseResult result, string tree) =>
        ConfigurationChoice.Choose(tree, result.GetValue(Target), result.GetValue(Config), TimeSpan.FromSeconds(60),
            GlobalOptions.CacheDirectory(result)).Config;

    private static int Jobs(int jobs) => jobs >= 1 ? jobs : throw new UserError($"-j {jobs}: the number of jobs must be at least 1");

    private static void Report(NodeFailure failure, string topDir)
    {
        var step = failure.Step;
        Console.Error.WriteLine($"FAILED: {failure.Node}{(step is null ? "" : "/" + Path.GetFileNameWithoutExtension(step.LogPath))}");
        if (step is null)
        {
            Console.Error.WriteLine("  " + (failure.InternalError is { } bug ? InternalErrorLog.Report(bug, failure.Node) : failure.Message)
                .Replace("\n", "\n  "));
            return;
        }
        Console.Error.WriteLine($"  command (exit status {step.Status}): {step.Command.Trim()}");
        foreach (var line in step.Tail(20)) Console.Error.WriteLine("  | " + line);
        Console.Error.WriteLine($"  full log: {Path.GetRelativePath(topDir, step.LogPath)}");
    }
}
