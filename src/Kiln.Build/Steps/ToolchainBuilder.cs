using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Stamps;
using Kiln.Build.Toolchains;
using Kiln.Packages.Model;

namespace Kiln.Build.Steps;

/// <summary>
/// The packages the toolchain provides (libc, libgcc, ...), installed from its sysroot.
/// <paramref name="abiVersionOf"/> gives a package's ABI_VERSION as the tree's toolchain Makefile sets it ("" when the tree has
/// none): libstdcpp with ABI_VERSION 6 is packed as libstdcpp6, the name the packages that depend on it ask for.
/// </summary>
public sealed class ToolchainBuilder(BuildRun run, IReadOnlyList<string> packages, Func<string, string> abiVersionOf) : PackageNode("toolchain", run)
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
        var packages = run.Packager is null ? [] : Packages.Select(p => ToPack(context, p, abiVersionOf(p))).ToList();
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

    /// <summary>
    /// A toolchain package as OpenWrt's toolchain Makefile describes it: nonshared, so with the target's own packages; with an
    /// ABI version, named with it and providing its plain name, as package-pack.mk writes any package's control.
    /// </summary>
    private static PackageToPack ToPack(BuildContext context, string package, string abiVersion)
    {
        var version = ToolchainLibraries.Version(context.Toolchain);
        var installed = BinaryPackage.InstalledNameOf(package, abiVersion);
        var provides = installed == package ? "" : $"Provides: {package}\n";
        var abi = abiVersion.Length == 0 ? "" : $"ABIVersion: {abiVersion}\n";
        var control =
            $"Package: {installed}\nVersion: {version}\n{provides}Source: package/libs/toolchain\nSourceName: toolchain\nSection: libs\n{abi}" +
            $"Architecture: {context.ArchPackages}\n";
        return new PackageToPack(package, installed, InstallDirectory(context, package), control, package == "libc" ? [] : ["libc"],
            $"The {package} library of the build's toolchain ({context.Toolchain.GnuTargetName}, glibc {version}).", new Dictionary<string, string>(),
                context.ArchPackages, context.TargetPackageDirectory, context.Epoch);
    }
}
