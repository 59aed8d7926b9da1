using Kiln.Core.Errors;
using Kiln.Images.Rootfs;
using Kiln.OpenWrt.Configuration;
using Kiln.Pipeline.ImageBuilder;
using Kiln.Targets.Model;

namespace Kiln.Pipeline.Images;

/// <summary>What <c>kiln image --dry-run</c> found: the subtarget, the profiles, and the packages the image would get.</summary>
public sealed record ImageDryRun(Target Target, IReadOnlyList<TargetProfile> Profiles, InstallPlan Plan);

/// <summary>
/// An image's packages resolved, the same way for <c>kiln image</c> (before it installs them),
/// <c>kiln image --dry-run</c> and the service: the feeds, the profiles asked for, the lists merged
/// as Image Builder merges them (<see cref="ImagePackages"/>), then <see cref="InstallPlanner"/>.
/// Failures are one <see cref="UserError"/> with the planner's explanations.
/// </summary>
public static class ImageResolution
{
    /// <summary>
    /// The in-process entry point: the plan for a package list ("a b -c") on a subtarget and its
    /// profiles (none: the target's default profile), from feeds read once (<see cref="PackageFeed"/>
    /// is immutable and may serve many resolutions at once).
    /// </summary>
    /// <param name="onlyListed">Leave out the target's default and profile packages.</param>
    public static InstallPlan Resolve(Target target, IReadOnlyList<string> profiles, PackageFeed feed, string? packages, bool onlyListed = false) =>
        Plan(feed, Selection(target, Profiles(target, profiles), feed, null, packages, onlyListed));

    /// <summary>The plan for lists already merged (<see cref="Selection"/>): what the dry run and the service resolve.</summary>
    public static InstallPlan Plan(PackageFeed feed, PackageSelection selection)
    {
        if (selection.Installs.Count == 0) throw new UserError("no packages to put in the image: list them with --packages");
        return InstallPlanner.Resolve(feed, selection.Installs, selection.Removals);
    }

    /// <summary>
    /// <c>kiln image --dry-run</c>: the tree's subtarget and feeds read (<paramref name="progress"/> told of remote ones fetched), the packages resolved, and
    /// files that two of them install found when their .ipk files are here. Nothing is written.
    /// </summary>
    public static ImageDryRun DryRun(string topDirectory, string targetId, IReadOnlyList<string> profileNames, string? packages, bool onlyListed,
        IReadOnlyList<string> extraFeeds, Action<string> progress)
    {
        var target = FirmwareSession.FindTarget(topDirectory, targetId);
        var profiles = Profiles(target, profileNames);
        var feed = PackageFeed.Read(FeedDirectories(topDirectory, target, target.ArchPackages, extraFeeds, required: true, progress), target.ArchPackages);
        var plan = Plan(feed, Selection(target, profiles, feed, null, packages, onlyListed));
        FileClashes.Check(plan);
        return new ImageDryRun(target, profiles, plan);
    }

    /// <summary>The packages asked for and away (see <see cref="ImagePackages.For"/>), defaults and profile packages only where the feeds have them.</summary>
    /// <param name="config">The .config whose selected packages go in too (a build), or null (Image Builder).</param>
    /// <param name="listedBy">Who gave the list, as explanations name it.</param>
    public static PackageSelection Selection(Target target, IEnumerable<TargetProfile> profiles, PackageFeed feed, DotConfig? config, string? listed,
        bool onlyListed, string listedBy = "--packages") =>
        ImagePackages.For(target, profiles, config, listed, onlyListed, name => feed.Find(name) is not null || feed.Answering(name).Count > 0, listedBy);

    /// <summary>The profiles asked for (by device name or profile id), or the target's default (legacy) profile.</summary>
    public static List<TargetProfile> Profiles(Target target, IReadOnlyList<string> names)
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

    /// <summary>
    /// The feeds packages come from, then the user's: in an Image Builder, its repositories.conf (remote indexes fetched and
    /// verified); in a tree, what builds packed for the target's architecture and the target itself.
    /// </summary>
    /// <param name="required">No feed at all is an error (else there may be none).</param>
    /// <param name="progress">Told of each remote feed fetched.</param>
    public static List<string> FeedDirectories(string topDirectory, Target target, string archPackages, IReadOnlyList<string> extra, bool required,
        Action<string> progress)
    {
        var feeds = new List<string>();
        if (ImageBuilderDirectory.Open(topDirectory) is { } builder) feeds.AddRange(ImageBuilderFeeds.Directories(builder, progress));
        else
        {
            var architecture = Path.Combine(topDirectory, "bin", "packages", archPackages);
            if (Directory.Exists(architecture)) feeds.AddRange(Directory.GetDirectories(architecture).Order(StringComparer.Ordinal));
            var own = Path.Combine(topDirectory, "bin", "targets", target.Board, target.Subtarget ?? "generic", "packages");
            if (Directory.Exists(own)) feeds.Add(own);
        }
        foreach (var directory in extra)
        {
            if (!Directory.Exists(directory))
                throw new UserError($"--feed {directory}: " + (File.Exists(directory) ? "is a file, not a feed directory" : "no such directory"));
            feeds.Add(Path.GetFullPath(directory));
        }
        if (feeds.Count == 0 && required)
            throw new UserError($"no packages for {archPackages} in {Path.Combine(topDirectory, "bin")}: " +
                $"build them first (kiln build --target {target.Id}) or give a feed with --feed DIR");
        return feeds;
    }
}
