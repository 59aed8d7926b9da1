using Kiln.Core.Errors;
using Kiln.Images.Rootfs;
using Kiln.Pipeline.Images;
using Kiln.Service.Requests;

namespace Kiln.Service.Serving;

/// <summary>
/// ASU's validate_request against the served tree (distro, version, target, profile with its "generic" rule,
/// repositories, defaults), and then what ASU finds only when building: the packages resolved as the image would
/// install them, so that an unknown or conflicting package is refused at once with the solver's explanation.
/// </summary>
public static class RequestValidation
{
    /// <summary>The file system choices a request may restrict the build to, and the .config symbol of each.</summary>
    public static readonly IReadOnlyDictionary<string, string> FilesystemSymbols = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["squashfs"] = "TARGET_ROOTFS_SQUASHFS",
        ["ext4"] = "TARGET_ROOTFS_EXT4FS",
        ["ubifs"] = "TARGET_ROOTFS_UBIFS",
        ["erofs"] = "TARGET_ROOTFS_EROFS",
        ["jffs2"] = "TARGET_ROOTFS_JFFS2",
        ["jffs2-nand"] = "TARGET_ROOTFS_JFFS2_NAND",
        ["targz"] = "TARGET_ROOTFS_TARGZ",
        ["cpiogz"] = "TARGET_ROOTFS_CPIOGZ",
    };

    public static (ValidatedBuild? Build, ApiProblem? Problem) Validate(ServedTree tree, BuildRequest request, string hash, bool allowDefaults)
    {
        if (request.Defaults is { Length: > 0 } && !allowDefaults) return Refused("Handling `defaults` not enabled on server");
        if (request.Repositories.Count > 0) return Refused($"Repository not allowed: {request.Repositories.Values.First()}");
        if (request.Distro != "openwrt") return Refused($"Unsupported distro: {request.Distro}");
        if (request.Version != tree.Version) return Refused($"Unsupported version: {request.Version} (this server builds {tree.Version})");
        if (!tree.Subtargets.TryGetValue(request.Target, out var subtarget))
            return Refused($"Unsupported target: {request.Target}. The requested target was either dropped, is still being built or is not " +
                "supported by the selected version. Please check the forums or try again later.");
        var profileId = request.Profile;
        if (!subtarget.Profiles.TryGetValue(profileId, out var profiles))
        {
            // ASU's rule for x86, armsr and other targets with one generic profile: any name is that one.
            if (subtarget.Profiles.Count == 1 && subtarget.Profiles.TryGetValue("generic", out var generic)) (profileId, profiles) = ("generic", generic);
            else return Refused($"Unsupported profile: {request.Profile}. The requested profile was either dropped or never existed. " +
                "Please check the forums for more information.");
        }
        else if (profiles.Count == 1 && profiles[0].IsDevice) profileId = profiles[0].DeviceName.ToLowerInvariant();
        if (request.Filesystem is { } filesystem && !subtarget.Config.IsEnabled(FilesystemSymbols[filesystem]))
            return Refused($"Unsupported filesystem: {filesystem} (this target makes " +
                string.Join(", ", FilesystemSymbols.Where(f => subtarget.Config.IsEnabled(f.Value)).Select(f => f.Key)) + ")");

        var packages = request.RequestedPackages.Select(p => p.TrimStart('+')).ToList();
        PackageSelection selection;
        InstallPlan plan;
        try
        {
            selection = ImageResolution.Selection(subtarget.Target, profiles, subtarget.Feed, null, string.Join(' ', packages), onlyListed: false,
                "the build request");
            if (request.DiffPackages)
            {
                var removed = DefaultsNotListed(packages, subtarget, profiles).ToList();
                selection = selection with { Removals = [.. selection.Removals, .. removed] };
                // As ASU gives Image Builder the list: the removals first, then the request.
                packages = [.. removed.Select(r => "-" + r.Name), .. packages];
            }
            plan = ImageResolution.Plan(subtarget.Feed, selection);
        }
        catch (UserError e)
        {
            return Refused(e.Message);
        }
        foreach (var (name, version) in request.PackagesVersions)
        {
            var planned = plan.Packages.FirstOrDefault(p => p.Package.Name == name);
            if (planned is null) return Refused($"Impossible package selection: {name} not in manifest");
            if (planned.Package.Version.ToString() != version)
                return Refused($"Impossible package selection: {name} version not as requested: {version} vs. {planned.Package.Version}");
        }
        return (new ValidatedBuild(request, hash, subtarget, profileId, profiles, packages, selection), null);
    }

    /// <summary>
    /// ASU's diff_packages: every default (target and profile) package the request does not name is taken away; one that a
    /// requested package needs comes back as its dependency, as opkg installs it.
    /// </summary>
    private static IEnumerable<PackageRequest> DefaultsNotListed(List<string> requested, ServedSubtarget subtarget,
        IReadOnlyList<Kiln.Targets.Model.TargetProfile> profiles)
    {
        var defaults = new SortedSet<string>(subtarget.Target.DefaultPackages, StringComparer.Ordinal);
        foreach (var profile in profiles) defaults.UnionWith(profile.Packages);
        defaults.ExceptWith(requested);
        foreach (var name in defaults)
            if (!name.StartsWith('-')) yield return new PackageRequest(name, "diff_packages (the list is absolute)");
    }

    private static (ValidatedBuild?, ApiProblem?) Refused(string detail) => (null, ApiProblem.Unsupported(detail));
}
