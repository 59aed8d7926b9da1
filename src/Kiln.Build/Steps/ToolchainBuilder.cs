using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Stamps;
using Kiln.Build.Toolchains;

namespace Kiln.Build.Steps;

/// <summary>The packages the toolchain provides (libc, libgcc, ...), installed from its sysroot.</summary>
public sealed class ToolchainBuilder(IReadOnlyList<string> packages) : BuildNode("toolchain")
{
    public IReadOnlyList<string> Packages { get; } = packages;

    /// <summary>Where a toolchain package's files are put together.</summary>
    public static string InstallDirectory(BuildContext context, string package) =>
        Path.Combine(context.BuildDirectory, "toolchain", "ipkg-" + context.ArchPackages, package);

    public override void Build(BuildContext context, BuildRun run, StepKind lastStep)
    {
        if (lastStep < StepKind.Install) return;
        var stamp = Path.Combine(context.BuildDirectory, "toolchain", ".installed");
        var inputs = new StepInputs().Add("toolchain", run.ToolchainIdentity).Add("packages", string.Join(' ', Packages));
        var why = StepStamp.WhyRun(StepStamp.Read(stamp), inputs);
        if (why is null)
        {
            run.Observer.StepUpToDate(Name, "install");
            return;
        }
        run.Observer.StepStarted(Name, "install", why);
        StepStamp.Remove(stamp);
        foreach (var package in Packages)
            ToolchainLibraries.Install(context.Toolchain, package, InstallDirectory(context, package));
        StepStamp.Write(stamp, inputs);
    }
}
