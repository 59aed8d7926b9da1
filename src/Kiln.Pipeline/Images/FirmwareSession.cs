using Kiln.Build.HostTools;
using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Settings;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Core.Files;
using Kiln.Images.Firmware;
using Kiln.Images.Kernel;
using Kiln.Images.Outputs;
using Kiln.Images.Rootfs;
using Kiln.OpenWrt.Configuration;
using Kiln.Packages.Feeds;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;
using Kiln.Pipeline.Packages;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Pipeline.Images;

/// <summary>What to make images of, and from what.</summary>
/// <param name="TargetId">BOARD/SUBTARGET.</param>
/// <param name="KernelFile">The built kernel (--kernel), or null for kiln.conf's <c>kernel =</c>.</param>
/// <param name="Listed">Packages the user lists ("a b -c"), or null.</param>
/// <param name="OnlyListed">Leave out the target's default and profile packages.</param>
/// <param name="FromConfig">Install what the .config selects too (a build does; Image Builder does not).</param>
/// <param name="Profiles">Profiles (devices) to make images for; none: the target's default profile.</param>
/// <param name="Feeds">Extra feed directories (.ipk files or an opkg feed with a Packages index).</param>
/// <param name="CacheDirectory">Where the metadata scan keeps its results (the image's SBOM reads the tree's packages), or null.</param>
public sealed record ImageBuildRequest(
    string TopDirectory,
    DotConfig Config,
    string TargetId,
    string? KernelFile,
    string? Listed,
    bool OnlyListed,
    bool FromConfig,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<string> Feeds,
    bool RootfsOnly,
    string? CacheDirectory = null)
{
    /// <summary>A directory of a kernel build's outputs (--kdir): the kernel files and ready root file system images, used as they are.</summary>
    public string? KernelBuild { get; init; }

    /// <summary>Image Builder's <c>FILES=</c>: a directory copied over the root file system (--files), or null.</summary>
    public string? Files { get; init; }
}

/// <summary>
/// Firmware images of one subtarget from packages already built (Image Builder's <c>make image</c>),
/// or, after a build, from what it built (<c>make</c>): the package set, the feeds, the kernel,
/// then <see cref="FirmwareBuilder"/>.
/// </summary>
public static class FirmwareSession
{
    public static FirmwareResult Run(ImageBuildRequest request, IBuildObserver observer, CancellationToken cancel)
    {
        var target = FindTarget(request.TopDirectory, request.TargetId);
        using var treeLock = TreeLock.Take(request.TopDirectory);
        using var jobserver = new Jobserver(1);
        var context = BuildSetup.CreateContext(request.TopDirectory, request.Config, jobserver, observer);
        HostToolset.Prepare(Path.Combine(context.HostStagingDirectory, "bin"));
        return Images(context, target, request, observer, cancel);
    }

    /// <summary>The subtarget (BOARD/SUBTARGET), read from the tree's target metadata.</summary>
    public static Target FindTarget(string topDirectory, string targetId)
    {
        var parts = targetId.Split('/');
        var catalog = TargetCatalog.Read(new TargetScanOptions(topDirectory)
        {
            OnlyBoard = parts[0],
            OnlySubtarget = parts.Length > 1 ? parts[1] : null,
            SkipFailingDevices = true,
            ShellTimeout = TimeSpan.FromSeconds(60),
        });
        return catalog.Find(targetId);
    }

    /// <summary>The images, with a build context already set up (by <c>kiln image</c>, or by a build that just packed the packages).</summary>
    /// <param name="tree">The tree's packages when a build has read them already (else they are read if the SBOM needs them).</param>
    public static FirmwareResult Images(BuildContext context, Target target, ImageBuildRequest request, IBuildObserver observer,
        CancellationToken cancel, TreePackages? tree = null)
    {
        // What the user gave is checked before what the tree holds.
        var kernel = request.RootfsOnly ? null : request.KernelBuild is null ? RequireKernel(request, target) : GivenKernel(request, target);
        var profiles = ChooseProfiles(target, request.Profiles);
        var feeds = FeedDirectories(context, target, request.Feeds, required: request.KernelBuild is null);
        var available = feeds.Count == 0 ? null : PackageFeed.Read(feeds, context.ArchPackages);
        var packages = available is null ? null
            : ImagePackages.For(target, profiles, request.FromConfig ? context.Config : null, request.Listed, request.OnlyListed,
                name => available.Find(name) is not null || available.Answering(name).Count > 0);
        // With a kernel build's outputs, the root file system may be among them: its packages are needed only when it is not.
        if (packages is not null && packages.Installs.Count == 0 && request.KernelBuild is null)
            throw new UserError("no packages to put in the image: list them with --packages");

        return FirmwareBuilder.Build(
            Request(context, target, kernel, profiles, available, packages, request.RootfsOnly,
                request.FromConfig ? BuildInfo(context) : new Dictionary<string, string>(), SbomPackages(context, request, tree)) with
            {
                KernelBuild = request.KernelBuild is null ? null : Path.GetFullPath(request.KernelBuild),
                FilesOverlay = request.Files is null ? null : Path.GetFullPath(request.Files),
            },
            observer.Message, cancel);
    }

    /// <summary>What <see cref="FirmwareBuilder"/> makes the images of the profiles from: the packages already chosen, and what profiles.json says.</summary>
    /// <param name="buildInfo">Files that describe the build (version.buildinfo, feeds.buildinfo), published with the images.</param>
    /// <param name="sbomPackages">The tree's packages for the image's SBOM, or null.</param>
    public static FirmwareRequest Request(BuildContext context, Target target, KernelImage? kernel, IReadOnlyList<TargetProfile> profiles,
        PackageFeed? available, PackageSelection? packages, bool rootfsOnly, IReadOnlyDictionary<string, string> buildInfo,
        IReadOnlyList<PackageInfo>? sbomPackages) =>
        new(context, target.Board, target.Subtarget ?? "generic", kernel, packages?.Installs ?? [], packages?.Removals ?? [],
            available, rootfsOnly, Overview(context, target, profiles), buildInfo, sbomPackages)
        {
            Devices = profiles.Where(p => p.IsDevice).Select(p => p.DeviceName).ToList(),
        };

    /// <summary>What profiles.json says of the subtarget and the profiles, besides the images the build fills in.</summary>
    public static ImageOverview Overview(BuildContext context, Target target, IReadOnlyList<TargetProfile> profiles) =>
        new(target.Id, target.ArchPackages, DefaultPackages(context, target), "", "",
            context.Epoch,
            target.LinuxVersion, target.LinuxRelease, "unknown",
            profiles.Count == 0
                // A board without profiles has one image set all the same: the generic one.
                ? [new ImageProfile("generic", "", [], [], [new Dictionary<string, string> { ["title"] = target.Name }], [])]
                : profiles.Select(p => new ImageProfile(p.DeviceName.ToLowerInvariant(), "", p.Packages, p.SupportedDevices,
                    [new Dictionary<string, string> { ["title"] = p.Name }], [])).ToList());

    /// <summary>
    /// With <c>CONFIG_JSON_CYCLONEDX_SBOM</c>, what the image's SBOM reads of the tree's packages (OpenWrt's .packageinfo:
    /// Image Builder's own, or the build's): the packages the build read, else those of a scan of the tree.
    /// </summary>
    private static List<PackageInfo>? SbomPackages(BuildContext context, ImageBuildRequest request, TreePackages? tree)
    {
        if (!context.Config.IsEnabled(IpkPackager.CycloneDxSymbol)) return null;
        tree ??= TreePackages.Read(context.TopDirectory, directory => new ScanOptions(context.TopDirectory, directory)
        {
            CacheDirectory = request.CacheDirectory,
        });
        return tree.Sources.SelectMany(source => source.Packages)
            .Select(p => new PackageInfo(p.Name, p.Field("Version"), p.Field("License"), p.Field("CPE-ID"), p.Field("Category"),
                p.Field("ABI-Version")))
            .ToList();
    }

    /// <summary>
    /// What a whole build records of itself, as OpenWrt's <c>make</c> does (Image Builder does not): the revision
    /// (REVISION, "unknown" without one) and, for a tree with feeds.conf, each feed pinned to its revision.
    /// </summary>
    private static Dictionary<string, string> BuildInfo(BuildContext context)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["version.buildinfo"] = context.Environment.GetValueOrDefault("REVISION", "unknown") + "\n",
        };
        if (FeedsBuildInfo.Text(context.TopDirectory) is { } feeds) files["feeds.buildinfo"] = feeds;
        return files;
    }

    /// <summary>The profiles asked for, or the target's default (legacy) profile.</summary>
    public static List<TargetProfile> ChooseProfiles(Target target, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return target.Profiles.Where(p => !p.IsDevice).Take(1).ToList();
        var chosen = new List<TargetProfile>();
        foreach (var name in names)
        {
            var known = target.Profiles.Select(p => p.DeviceName).Distinct().ToList();
            var profile = target.Profiles.LastOrDefault(p => p.DeviceName == name || p.Id == name)
                ?? throw new UserError($"--profile {name}: {target.Id} has no such profile " +
                    (known.Count == 0 ? "(it has none: its images are the target's own)" : $"(it has {string.Join(", ", known)})"));
            chosen.Add(profile);
        }
        return chosen;
    }

    /// <summary>The feeds packages come from: what builds packed for the target's architecture and the target itself, then the user's.</summary>
    /// <param name="required">No feed at all is an error (else there may be none).</param>
    public static List<string> FeedDirectories(BuildContext context, Target target, IReadOnlyList<string> extra, bool required)
    {
        var feeds = new List<string>();
        var architecture = Path.Combine(context.TopDirectory, "bin", "packages", context.ArchPackages);
        if (Directory.Exists(architecture)) feeds.AddRange(Directory.GetDirectories(architecture).Order(StringComparer.Ordinal));
        var own = Path.Combine(context.TopDirectory, "bin", "targets", target.Board, target.Subtarget ?? "generic", "packages");
        if (Directory.Exists(own)) feeds.Add(own);
        foreach (var directory in extra)
        {
            if (!Directory.Exists(directory))
                throw new UserError($"--feed {directory}: " + (File.Exists(directory) ? "is a file, not a feed directory" : "no such directory"));
            feeds.Add(Path.GetFullPath(directory));
        }
        if (feeds.Count == 0 && required)
            throw new UserError($"no packages for {context.ArchPackages} in {Path.Combine(context.TopDirectory, "bin")}: " +
                $"build them first (kiln build --target {target.Id}) or give a feed with --feed DIR");
        return feeds;
    }

    /// <summary>
    /// What <c>make -C target/linux val.DEFAULT_PACKAGES</c> says for profiles.json: the target's own list, and the package
    /// manager that OpenWrt's target/linux/Makefile adds (include/default-packages.mk) in a tree that has one.
    /// </summary>
    private static IReadOnlyList<string> DefaultPackages(BuildContext context, Target target)
    {
        if (!File.Exists(Path.Combine(context.TopDirectory, "target", "linux", "Makefile"))) return target.OwnDefaultPackages;
        var text = $"DEFAULT_PACKAGES := {string.Join(' ', target.OwnDefaultPackages)}\ninclude $(TOPDIR)/rules.mk\ninclude $(INCLUDE_DIR)/default-packages.mk\n";
        var evaluator = LargeStack.Run(() => context.Evaluate(Path.Combine(context.TopDirectory, "target", "linux"), "kiln-default-packages", text, []));
        return (evaluator.ValueOf("DEFAULT_PACKAGES") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>With a kernel build's outputs, a kernel file is optional: --kernel or kiln.conf's when there is one.</summary>
    private static KernelImage? GivenKernel(ImageBuildRequest request, Target target) =>
        (request.KernelFile ?? KilnSettings.Read(request.TopDirectory).Kernel) is { } path ? KernelImage.Read(path, target.Arch) : null;

    /// <summary>The kernel the images are made with: --kernel, else kiln.conf's; checked against the target.</summary>
    public static KernelImage RequireKernel(ImageBuildRequest request, Target target)
    {
        var path = request.KernelFile ?? KilnSettings.Read(request.TopDirectory).Kernel
            ?? throw new UserError($"images of {target.Id} need a built kernel: give --kernel FILE (an ELF vmlinux or a bzImage), " +
                $"or set 'kernel = FILE' in {Path.Combine(request.TopDirectory, KilnSettings.FileName)}");
        return KernelImage.Read(path, target.Arch);
    }
}
