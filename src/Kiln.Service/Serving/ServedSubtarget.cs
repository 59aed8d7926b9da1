using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Configuration.Choice;
using Kiln.Core.Errors;
using Kiln.Images.Kernel;
using Kiln.Images.Outputs;
using Kiln.Images.Rootfs;
using Kiln.OpenWrt.Configuration;
using Kiln.Pipeline.Images;
using Kiln.Targets.Model;

namespace Kiln.Service.Serving;

/// <summary>
/// What the service knows of one subtarget from its start on, read once: the target and its profiles, the .config
/// images are made with, the packages (the feeds, indexed), the kernel, and what profiles.json says of it.
/// </summary>
/// <param name="Id">BOARD/SUBTARGET as ASU names it (a board without subtargets is BOARD/generic).</param>
/// <param name="Profiles">Each name a request may give (profile id, or a supported device with ',' as '_') and the profiles it builds.</param>
/// <param name="KernelDirectory">KDIR relative to the tree: where the kernel inputs (and Image/Prepare's outputs) are.</param>
public sealed record ServedSubtarget(
    string Id,
    Target Target,
    DotConfig Config,
    PackageFeed Feed,
    KernelImage Kernel,
    ImageOverview Overview,
    IReadOnlyDictionary<string, IReadOnlyList<TargetProfile>> Profiles,
    string KernelDirectory)
{
    /// <summary>The subtarget read from the tree; null (with the reason) when it cannot be served: no packages built for it, or no kernel.</summary>
    public static (ServedSubtarget? Subtarget, string? Reason) Load(string topDirectory, Target target, IReadOnlyList<string> kernels)
    {
        var id = target.Board + "/" + (target.Subtarget ?? "generic");
        var config = ConfigurationChoice.Choose(topDirectory, target.Id, null, TimeSpan.FromSeconds(60)).Config;
        using var jobserver = new Jobserver(1);
        var context = BuildSetup.CreateContext(topDirectory, config, jobserver, new SilentObserver());
        var feeds = FirmwareSession.FeedDirectories(context, target, [], required: false);
        if (feeds.Count == 0) return (null, $"no packages built for {context.ArchPackages}");
        var kernel = FirstKernelFor(kernels, target);
        if (kernel is null) return (null, $"no kernel for {target.Arch} (give one with --kernel)");

        var devices = target.Devices.ToList();
        var profiles = devices.Count > 0 ? devices : FirmwareSession.ChooseProfiles(target, []);
        var overview = FirmwareSession.Overview(context, target, profiles);
        var names = new Dictionary<string, IReadOnlyList<TargetProfile>>(StringComparer.Ordinal);
        if (devices.Count == 0) names["generic"] = profiles;
        foreach (var device in devices)
        {
            var own = new List<TargetProfile> { device };
            // As ASU's profile table: every supported device's name (',' as '_'), then the profile's own id over them.
            foreach (var supported in device.SupportedDevices) names[supported.Replace(',', '_')] = own;
        }
        foreach (var device in devices) names[device.DeviceName.ToLowerInvariant()] = [device];
        var kernelDirectory = Path.GetRelativePath(context.TopDirectory, Path.Combine(context.BuildDirectory, $"linux-{target.Board}_{target.Subtarget ?? "generic"}"));
        return (new ServedSubtarget(id, target, config, PackageFeed.Read(feeds, context.ArchPackages), kernel, overview, names, kernelDirectory), null);
    }

    /// <summary>The first of the kernels that is for the target's architecture.</summary>
    private static KernelImage? FirstKernelFor(IReadOnlyList<string> kernels, Target target)
    {
        foreach (var path in kernels)
        {
            try
            {
                return KernelImage.Read(path, target.Arch);
            }
            catch (UserError)
            {
                // Another architecture's kernel: the next one may fit.
            }
        }
        return null;
    }
}
