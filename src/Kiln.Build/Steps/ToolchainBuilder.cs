using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Stamps;
using Kiln.Build.Toolchains;

namespace Kiln.Build.Steps;

/// <summary>The packages the toolchain provides (libc, libgcc, ...), installed from its sysroot.</summary>
public sealed class ToolchainBuilder(BuildRun run, IReadOnlyList<string> packages) : PackageNode("toolchain", run)
{
    public IReadOnlyList<string> Packages { get; } = packages;

    /// <summary>Where a toolchain package's files are put together.</summary>
    public static string InstallDirectory(BuildContext context, string package) =>
        Path.Combine(context.BuildDirectory, "toolchain", "ipkg-" + context.ArchPackages, package);

    protected override void Build(BuildContext context, BuildRun run, StepKind lastStep, CancellationToken cancel)
    {
        if (lastStep < StepKind.Install) return;
        var stamp = Path.Combine(context.BuildDirectory, "toolchain", ".installed");
        var inputs = new StepInputs().Add("toolchain", run.ToolchainIdentity).Add("packages", string.Join(' ', Packages))
            .Add("layout", ToolchainLibraries.Layout);
        var packages = run.Packager is null ? [] : Packages.Select(p => ToPack(context, p)).ToList();
        foreach (var package in packages)
            inputs.Add("output " + Path.GetRelativePath(context.TopDirectory, Path.Combine(package.OutputDirectory, run.Packager!.FileName(package))),
                File.Exists(Path.Combine(package.OutputDirectory, run.Packager!.FileName(package))) ? "present" : "missing");
        if (run.Packager is not null) inputs.Add("packager", run.Packager.Identity);
        var why = StepStamp.WhyRun(StepStamp.Read(stamp), inputs);
        if (why is null)
        {
            run.Observer.StepUpToDate(Name, "install");
            return;
        }
        run.Observer.StepStarted(Name, "install", why);
        StepStamp.Remove(stamp);
        var interpreter = Packages.Contains("libc")
            ? ToolchainLibraries.Interpreter(context.Toolchain, Path.Combine(context.BuildDirectory, "toolchain", "probe"))
            : null;
        foreach (var package in Packages)
            ToolchainLibraries.Install(context.Toolchain, package, InstallDirectory(context, package), interpreter);
        foreach (var package in packages)
        {
            run.Packager!.Pack(package);
            run.Packed(package.OutputDirectory);
            inputs.Add("output " + Path.GetRelativePath(context.TopDirectory, Path.Combine(package.OutputDirectory, run.Packager.FileName(package))),
                "present");
        }
        StepStamp.Write(stamp, inputs);
    }

    /// <summary>A toolchain package as OpenWrt's toolchain Makefile describes it: nonshared, so with the target's own packages.</summary>
    private static PackageToPack ToPack(BuildContext context, string package)
    {
        var version = ToolchainLibraries.Version(context.Toolchain);
        var control =
            $"Package: {package}\nVersion: {version}\nSource: package/libs/toolchain\nSourceName: toolchain\nSection: libs\nArchitecture: " +
            $"{context.ArchPackages}\n";
        return new PackageToPack(package, package, InstallDirectory(context, package), control, package == "libc" ? [] : ["libc"],
            $"The {package} library of the build's toolchain ({context.Toolchain.GnuTargetName}, glibc {version}).", new Dictionary<string, string>(),
                context.ArchPackages, context.TargetPackageDirectory, context.Epoch);
    }
}
