using Kiln.Build.Cache;
using Kiln.Build.HostTools;
using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Settings;
using Kiln.Build.Sources;
using Kiln.Build.Steps;
using Kiln.Build.Toolchains;
using Kiln.Build.Tools;
using Kiln.Configuration.Choice;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.OpenWrt.Configuration;
using Kiln.OpenWrt.Evaluation;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Pipeline.Packages;

/// <summary>What to build.</summary>
/// <param name="Config">The .config to build with (the tree's, a given one, or a target's defaults).</param>
/// <param name="Packages">Packages named on the command line (tools/NAME for a host tool of tools/); null: those the .config selects.</param>
/// <param name="CacheDirectory">Where the metadata scan keeps its results, or null.</param>
/// <param name="Packager">Packs what is installed (null: packages are installed, not packed).</param>
/// <param name="AlsoWhenKnown">Built besides what the .config selects when the tree has them (the target's default packages).</param>
/// <param name="Then">Runs after a successful build, in the same lock, with the tree's packages as the build read them (the images).</param>
/// <param name="Cache">The build cache to use (null: the one kiln.conf names, if any).</param>
/// <param name="Recalling">The packages as the metadata cache last saw them, being read ahead (<see cref="BuildSession.RecallAhead"/>), or null.</param>
public sealed record BuildRequest(string TopDirectory, DotConfig Config, IReadOnlyList<string>? Packages, int Jobs, StepKind LastStep,
    string? CacheDirectory,
    IPackager? Packager = null,
    IReadOnlyList<string>? AlsoWhenKnown = null,
    Action<BuildContext, TreePackages>? Then = null,
    bool KeepGoing = false,
    CacheSettings? Cache = null,
    Task<TreePackages?>? Recalling = null);

/// <summary>
/// One build: the .config with the external toolchain's symbols, the host tools linked into
/// staging_dir/host/bin, the package metadata of the tree and its feeds, the plan of what to
/// build, and the scheduler that runs it.
/// </summary>
public static class BuildSession
{
    private const int MaxSelectionRounds = 5;

    /// <summary>How long a finished build waits for uploads still going (they run beside the build, so few are left).</summary>
    private static readonly TimeSpan UploadWait = TimeSpan.FromMinutes(2);

    public static BuildResult Run(BuildRequest request, IBuildObserver observer, CancellationToken cancel)
    {
        using var treeLock = TreeLock.Take(request.TopDirectory);
        using var jobserver = new Jobserver(request.Jobs);
        var context = BuildSetup.CreateContext(request.TopDirectory, request.Config, jobserver, observer);
        HostToolset.Prepare(Path.Combine(context.HostStagingDirectory, "bin"));

        ScanOptions ScanOptionsFor(string directory) => OptionsFor(context.TopDirectory, request.CacheDirectory, directory);
        // A build of named packages starts from the metadata as the cache last saw it, and checks only what it uses.
        var requestContext = context;
        var sources = (request.Packages is null || request.CacheDirectory is null ? null
                : request.Recalling is { } recalling ? recalling.GetAwaiter().GetResult()
                : TreePackages.Recall(context.TopDirectory, ScanOptionsFor))
            ?? TreePackages.Read(context.TopDirectory, ScanOptionsFor);
        var cacheSettings = request.Cache ?? KilnSettings.Read(request.TopDirectory).Cache;
        using var cache = cacheSettings.Open() is { } opened ? new BuildCacheSession(opened, cacheSettings.Mode == CacheMode.ReadWrite) : null;
        // tools/ is read only when a host tool of it is asked for.
        var tools = request.Packages?.Any(p => BuildPlanner.ToolName(p) is not null) == true
            ? HostToolTree.Read(context, request.CacheDirectory)
            : null;
        if (tools is not null) HostToolTree.PrepareStaging(context);
        var toolchain = ToolchainCatalog.Identity(context.Toolchain);
        BuildRun run;
        BuildPlanner planner;
        BuildPlan plan;
        while (true)
        {
            try
            {
                (context, run, planner, plan) = Plan(request, requestContext, sources, tools, jobserver, observer, cache, toolchain);
            }
            catch (UserError) when (sources.Recalled)
            {
                // What the cache says may be out of date (a package added since, say): the error stands only if it is current.
                sources = TreePackages.Read(request.TopDirectory, ScanOptionsFor);
                continue;
            }
            var confirmed = sources.Confirm(plan.Nodes.OfType<PackageBuilder>().Select(b => b.Source));
            if (ReferenceEquals(confirmed, sources)) break;
            sources = confirmed;
        }
        foreach (var warning in planner.Warnings) observer.Message(warning);
        var result = new BuildScheduler(jobserver, observer, request.KeepGoing).Run(plan.Nodes, cancel);
        if (result.Succeeded && request.Packager is { } packager && run.PackedDirectories.Count > 0)
        {
            observer.Message("indexing " + string.Join(", ", run.PackedDirectories.Select(d => Path.GetRelativePath(context.TopDirectory, d))));
            packager.Index(run.PackedDirectories, context);
        }
        if (result.Succeeded) request.Then?.Invoke(context, sources);
        return cache is null ? result : result with { Cache = cache.Finish(cacheSettings.Location!, UploadWait) };
    }

    /// <summary>
    /// Starts reading the metadata cache for a build of named packages (<see cref="TreePackages.Recall"/>), which needs no
    /// .config: it goes on while the .config is chosen (a target's defaults take as long).
    /// </summary>
    public static Task<TreePackages?> RecallAhead(string topDirectory, string cacheDirectory)
    {
        var top = MakefileDump.Canonical(topDirectory);
        return Task.Run(() => TreePackages.Recall(top, directory => OptionsFor(top, cacheDirectory, directory)));
    }

    private static ScanOptions OptionsFor(string topDirectory, string? cacheDirectory, string directory) =>
        new(topDirectory, directory) { CacheDirectory = cacheDirectory };

    /// <summary>
    /// The plan for the request. Makefiles read the .config as menuconfig leaves it with what the build selects; a
    /// package's options, once on, may pull in more packages, so it is planned again until it settles.
    /// </summary>
    /// <param name="context">The context of the request's own .config.</param>
    private static (BuildContext Context, BuildRun Run, BuildPlanner Planner, BuildPlan Plan) Plan(BuildRequest request, BuildContext context,
        TreePackages sources, HostToolTree? tools, Jobserver jobserver, IBuildObserver observer, BuildCacheSession? cache, string toolchain)
    {
        var run = new BuildRun(context, observer, toolchain, request.Packager, cache);
        var planner = new BuildPlanner(sources, context.Config, tools);
        var names = request.AlsoWhenKnown is { } extra
            ? [.. request.Packages ?? context.Config.SelectedPackages.ToList(), .. extra.Where(planner.Knows)]
            : request.Packages;
        var plan = planner.Plan(names, run, request.LastStep);
        for (var round = 0; round < MaxSelectionRounds; round++)
        {
            var (config, set) = PackageSelection.Apply(context.TopDirectory, context.Config, planner.SelectedPackages);
            if (set.Count == 0) break;
            observer.Message($"selected as menuconfig would ({set.Count}): " + string.Join(" ", set.Take(10)) + (set.Count > 10 ? " ..." : ""));
            context = BuildSetup.CreateContext(request.TopDirectory, config, jobserver, observer);
            run = new BuildRun(context, observer, toolchain, request.Packager, cache);
            planner = new BuildPlanner(sources, context.Config, tools);
            plan = planner.Plan(names, run, request.LastStep);
        }
        return (context, run, planner, plan);
    }
}
