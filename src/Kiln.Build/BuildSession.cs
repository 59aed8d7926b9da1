using Kiln.Build.Configuration;
using Kiln.Build.Files;
using Kiln.Build.HostTools;
using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Settings;
using Kiln.Build.Sources;
using Kiln.Build.Steps;
using Kiln.Build.Toolchains;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Build;

/// <summary>What to build.</summary>
/// <param name="ConfigText">The .config to build with (the tree's, a given one, or a target's defaults).</param>
/// <param name="Packages">Packages named on the command line; null: those the .config selects.</param>
/// <param name="CacheDirectory">Where the metadata scan keeps its results, or null.</param>
/// <param name="Packager">Packs what is installed (null: packages are installed, not packed).</param>
public sealed record BuildRequest(string TopDirectory, string ConfigText, IReadOnlyList<string>? Packages, int Jobs, StepKind LastStep, string? CacheDirectory,
    IPackager? Packager = null);

/// <summary>
/// One build: the .config with the external toolchain's symbols, the host tools linked into
/// staging_dir/host/bin, the package metadata of the tree and its feeds, the plan of what to
/// build, and the scheduler that runs it.
/// </summary>
public static class BuildSession
{
    public static BuildResult Run(BuildRequest request, IBuildObserver observer, CancellationToken cancel)
    {
        using var treeLock = TreeLock.Take(request.TopDirectory);
        using var jobserver = new Jobserver(request.Jobs);
        var context = CreateContext(request.TopDirectory, request.ConfigText, jobserver, observer);
        HostToolset.Prepare(Path.Combine(context.HostStagingDirectory, "bin"));

        var sources = TreePackages.Read(context.TopDirectory, directory => new ScanOptions(context.TopDirectory, directory)
        {
            CacheDirectory = request.CacheDirectory,
        });
        var run = new BuildRun(context, observer, ToolchainCatalog.Identity(context.Toolchain), request.Packager);
        var plan = new BuildPlanner(sources, context.Config).Plan(request.Packages, run, request.LastStep);
        var result = new BuildScheduler(jobserver, observer).Run(plan.Nodes, cancel);
        if (result.Succeeded && request.Packager is { } packager && run.PackedDirectories.Count > 0)
        {
            observer.Message("indexing " + string.Join(", ", run.PackedDirectories.Select(d => Path.GetRelativePath(context.TopDirectory, d))));
            packager.Index(run.PackedDirectories);
        }
        return result;
    }

    /// <summary>The .config with the toolchain of its architecture, and what rules.mk derives from them.</summary>
    public static BuildContext CreateContext(string topDirectory, string configText, Jobserver jobserver, IBuildObserver observer)
    {
        var config = DotConfig.Parse(configText);
        var arch = config.Text("ARCH") is { Length: > 0 } a ? a
            : throw new BuildError("the .config names no architecture (CONFIG_ARCH): give --target BOARD/SUBTARGET or a .config made for one");
        var toolchain = ToolchainCatalog.For(arch);
        ToolchainCatalog.Check(toolchain);
        var wrapperRoot = Path.Combine(Path.GetFullPath(topDirectory), "staging_dir", "toolchain-" + toolchain.GnuTargetName + "_kiln");
        ToolchainWrappers.Write(toolchain, wrapperRoot);
        foreach (var (symbol, value) in toolchain.ConfigSymbols(wrapperRoot)) config.Set(symbol, value);
        // Binaries are stripped with the toolchain's strip, as OpenWrt does for glibc, unless the .config says not to.
        if (!config.IsEnabled("NO_STRIP"))
        {
            config.Set("USE_STRIP", "y");
            if (config.Value("STRIP_ARGS") is null) config.Set("STRIP_ARGS", "\"--strip-all\"");
        }

        var settings = KilnSettings.Read(topDirectory);
        var downloader = new Downloader(Path.Combine(topDirectory, "dl"), settings.Mirrors,
            new Progress<DownloadProgress>(p => observer.Message($"downloading {p.File}: {p.Bytes >> 20} MiB" + (p.Total is { } t ? $" of {t >> 20} MiB" : ""))));
        return new BuildContext(topDirectory, config, toolchain, downloader, jobserver, Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
    }
}
