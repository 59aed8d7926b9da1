using Kiln.Build.Cache;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;

namespace Kiln.Build.Steps;

/// <summary>A node that runs package steps: a package's target or host build, or the toolchain's libraries.</summary>
public abstract class PackageNode(string name, BuildRun run) : BuildNode(name)
{
    /// <summary>How far it goes: all the way, unless --step stops it (see <see cref="BuildPlanner"/>).</summary>
    public StepKind LastStep { get; set; } = StepKind.InstallDev;

    public sealed override void Run(CancellationToken cancel) => Build(run.Context, run, LastStep, cancel);

    /// <summary>Runs the steps that are not up to date, up to <paramref name="lastStep"/>.</summary>
    protected abstract void Build(BuildContext context, BuildRun run, StepKind lastStep, CancellationToken cancel);
}

/// <summary>What the package nodes of one build share: the context, where they report, the toolchain's identity, what packs.</summary>
/// <param name="ToolchainIdentity">What identifies the toolchain in stamps (see ToolchainCatalog.Identity).</param>
/// <param name="Packager">What packs installed packages (null: they are installed, not packed).</param>
/// <param name="Cache">The build cache steps are taken from and stored in (null: none).</param>
public sealed record BuildRun(BuildContext Context, IBuildObserver Observer, string ToolchainIdentity, IPackager? Packager = null,
    BuildCacheSession? Cache = null)
{
    private readonly HashSet<string> _packed = [];

    /// <summary>The directories packages were written to in this run (for their indexes).</summary>
    public IReadOnlyCollection<string> PackedDirectories
    {
        get
        {
            lock (_packed) return _packed.Order(StringComparer.Ordinal).ToList();
        }
    }

    public void Packed(string directory)
    {
        lock (_packed) _packed.Add(directory);
    }
}

/// <summary>The variant a target build makes (BUILD_VARIANT), and what it shares with the other variant builds of its source.</summary>
/// <param name="Staging">Held while installing into staging (see <see cref="PackageBuilder"/>).</param>
public sealed record BuildVariant(VariantBuild Build, Lock Staging);
