using Kiln.Build.Cache;
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
        foreach (var package in packages) inputs.AddText("package " + package.Name, CachedSteps.PackageText(package));
        if (run.Packager is not null) inputs.Add("packager", run.Packager.Identity);
        // What the libraries and packages are made of (not where they are): the same for every tree with this toolchain.
        var key = run.Cache is { } cache ? BuildCacheSession.StepKey(cache.NodeKey(Name, inputs.PortableDigest(), []), "install", "") : null;
        var outputs = packages.Select(p => Path.Combine(p.OutputDirectory, run.Packager!.FileName(p))).ToList();
        foreach (var output in outputs)
            inputs.Add("output " + Path.GetRelativePath(context.TopDirectory, output), File.Exists(output) ? "present" : "missing");
        var why = StepStamp.WhyRun(StepStamp.Read(stamp), inputs);
        if (why is null)
        {
            run.Observer.StepUpToDate(Name, "install");
            return;
        }
        StepStamp.Remove(stamp);
        var installDirectories = Packages.Select(p => InstallDirectory(context, p)).ToList();
        if (key is not null)
        {
            var miss = run.Cache!.TryRestore([("install", key)], context.TopDirectory,
                () => installDirectories.Where(Directory.Exists).ToList().ForEach(d => Directory.Delete(d, recursive: true)));
            if (miss is null)
            {
                Finish(run, packages, outputs, inputs, stamp);
                run.Observer.StepFromCache(Name, "install");
                return;
            }
            run.Observer.CacheMissed(Name, miss.Reason);
        }
        run.Observer.StepStarted(Name, "install", why);
        var interpreter = Packages.Contains("libc")
            ? ToolchainLibraries.Interpreter(context.Toolchain, Path.Combine(context.BuildDirectory, "toolchain", "probe"))
            : null;
        foreach (var package in Packages)
            ToolchainLibraries.Install(context.Toolchain, package, InstallDirectory(context, package), interpreter);
        foreach (var package in packages) run.Packager!.Pack(package);
        Finish(run, packages, outputs, inputs, stamp);
        if (key is not null)
            run.Cache!.Store(key, CapturedOutputs.Of(context.TopDirectory, [.. installDirectories, .. outputs], withContents: true,
                BuildCacheSession.Describe(Name, "install")));
    }

    /// <summary>The packages are in place (packed or restored): noted for the index and in the stamp.</summary>
    private static void Finish(BuildRun run, List<PackageToPack> packages, List<string> outputs, StepInputs inputs, string stamp)
    {
        foreach (var package in packages) run.Packed(package.OutputDirectory);
        foreach (var output in outputs) inputs.Add("output " + Path.GetRelativePath(run.Context.TopDirectory, output), "present");
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
