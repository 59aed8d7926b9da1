using Kiln.Build.Packages;
using Kiln.Build.Steps;

namespace Kiln.Build.Scheduling;

/// <summary>One piece of a build that runs its steps in turn: a package's target or host build, or the toolchain's libraries.</summary>
public abstract class BuildNode(string name)
{
    /// <summary>How the build names it: package/utils/greeter, package/libs/libgreet/host, toolchain.</summary>
    public string Name { get; } = name;

    public List<BuildNode> Dependencies { get; } = [];

    /// <summary>Runs the steps that are not up to date, up to <paramref name="lastStep"/>.</summary>
    public abstract void Build(BuildContext context, BuildRun run, StepKind lastStep);

    public override string ToString() => Name;
}

/// <summary>How a build runs: where it reports, whether it explains, when it stops.</summary>
/// <param name="ToolchainIdentity">What identifies the toolchain in stamps (see ToolchainCatalog.Identity).</param>
/// <param name="Packager">What packs installed packages (null: they are installed, not packed).</param>
public sealed record BuildRun(IBuildObserver Observer, string ToolchainIdentity, CancellationToken Cancel, IPackager? Packager = null)
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
