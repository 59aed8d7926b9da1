using Kiln.Core.Errors;

namespace Kiln.Build.Scheduling;

/// <summary>One piece of a build's work, run by <see cref="BuildScheduler"/> after the nodes it depends on.</summary>
public abstract class BuildNode(string name)
{
    /// <summary>How the build names it (package/utils/greeter, package/libs/libgreet/host, toolchain); ready nodes start in this order.</summary>
    public string Name { get; } = name;

    public List<BuildNode> Dependencies { get; } = [];

    /// <summary>Does the work; a <see cref="UserError"/> or <see cref="Recipes.StepFailure"/> is the node's failure as the user sees it, any other
    /// exception an internal error.</summary>
    public abstract void Run(CancellationToken cancel);

    public override string ToString() => Name;
}
