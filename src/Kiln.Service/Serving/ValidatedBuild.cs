using Kiln.Images.Rootfs;
using Kiln.Service.Requests;
using Kiln.Targets.Model;

namespace Kiln.Service.Serving;

/// <summary>A request that passed validation: what its job builds.</summary>
/// <param name="ProfileId">The profile as profiles.json names it (ASU's answer's <c>id</c>).</param>
/// <param name="Profiles">The target's profiles the images are made for (none: the target's default one).</param>
/// <param name="Packages">The package list as Image Builder's PACKAGES gets it (with diff_packages: "-default" for every default not asked for).</param>
/// <param name="Selection">That list merged with the target's and profile's packages, as the image installs them.</param>
public sealed record ValidatedBuild(
    BuildRequest Request,
    string Hash,
    ServedSubtarget Subtarget,
    string ProfileId,
    IReadOnlyList<TargetProfile> Profiles,
    IReadOnlyList<string> Packages,
    PackageSelection Selection);
