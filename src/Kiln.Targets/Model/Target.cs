namespace Kiln.Targets.Model;

/// <summary>
/// A board or one of its subtargets as the target scan describes it (one "Target:" block of
/// .targetinfo). A board with subtargets has a block of its own (<see cref="Subtarget"/> null)
/// followed by one per subtarget.
/// </summary>
public sealed record Target(
    string Id,
    string Board,
    string? Subtarget,
    string Name,
    string Arch,
    string ArchPackages,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Depends,
    string Optimization,
    string CpuType,
    string LinuxVersion,
    string? LinuxTestingVersion,
    string LinuxRelease,
    string KernelArch,
    string? DefaultSubtarget,
    string Description,
    IReadOnlyList<string> DefaultPackages,
    IReadOnlyList<TargetProfile> Profiles,
    string SourceMakefile)
{
    public bool HasFeature(string feature) => Features.Contains(feature, StringComparer.Ordinal);

    /// <summary>
    /// DEFAULT_PACKAGES itself (what <c>make val.DEFAULT_PACKAGES</c> prints, and profiles.json records): the scan's
    /// Default-Packages without the iwinfo that target.mk's extra_packages appends there for a list with wpad or nas.
    /// </summary>
    public IReadOnlyList<string> OwnDefaultPackages =>
        DefaultPackages.Count > 0 && DefaultPackages[^1] == "iwinfo" &&
        DefaultPackages.Take(DefaultPackages.Count - 1).Any(p => p is "wpad" or "nas" || p.StartsWith("wpad-", StringComparison.Ordinal))
            ? DefaultPackages.Take(DefaultPackages.Count - 1).ToList()
            : DefaultPackages;

    /// <summary>The device's profile (DEVICE_NAME), or null.</summary>
    public TargetProfile? Device(string name) => Devices.FirstOrDefault(p => p.Id == "DEVICE_" + name);

    /// <summary>
    /// One profile per device. The scan prints a device once for each alternative title it is
    /// sold under ("ALT (TITLE)"), then under its own title: that last one stands for it.
    /// </summary>
    public IEnumerable<TargetProfile> Devices => Profiles.Where(p => p.IsDevice).GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.Last());

    /// <summary>The names the device's profile is also listed under (its alternative titles).</summary>
    public IEnumerable<string> AlternativeNames(string name) =>
        Profiles.Where(p => p.Id == "DEVICE_" + name).SkipLast(1).Select(p => p.Name);
}

/// <summary>
/// A profile of a target: a device (DEVICE_NAME, from the image Makefiles) or a legacy profile
/// (from target/linux/BOARD/profiles).
/// </summary>
/// <param name="Default">What the profile's Kconfig symbol defaults to ("n", "y"...), null when the scan gives none.</param>
/// <param name="HasImageMetadata">Whether a device's images carry OpenWrt's metadata (sysupgrade checks it); null for legacy profiles.</param>
public sealed record TargetProfile(
    string Id,
    string Name,
    int? Priority,
    IReadOnlyList<string> Packages,
    bool? HasImageMetadata,
    IReadOnlyList<string> SupportedDevices,
    string? Broken,
    string? Default,
    string? Config,
    string Description)
{
    public bool IsDevice => Id.StartsWith("DEVICE_", StringComparison.Ordinal);

    /// <summary>The device's name (what follows DEVICE_), or the legacy profile's id.</summary>
    public string DeviceName => IsDevice ? Id["DEVICE_".Length..] : Id;
}
