using Kiln.OpenWrt.Configuration;
using Kiln.Targets.Model;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Which packages an image asks for, and who asked: the target's default packages and the
/// profiles' packages (a <c>-name</c> among them takes one away), what the .config selects, and
/// the user's list (Image Builder's <c>PACKAGES="a b -c"</c>), merged as Image Builder merges them.
/// The default packages are Image Builder's: the target's DEFAULT_PACKAGES (without the iwinfo the
/// target scan's Default-Packages adds for wpad), the package manager and the kernel package.
/// Default and profile packages are wanted only when a feed has them, as OpenWrt's menus offer only
/// the default packages the tree has; the others must be found.
/// </summary>
public static class ImagePackages
{
    /// <summary>
    /// What Image Builder's Makefile adds to the target's DEFAULT_PACKAGES: the package manager
    /// (include/default-packages.mk: opkg, whose database Kiln writes) and <c>kernel</c>.
    /// </summary>
    private static readonly string[] ImageBuilderDefaults = ["opkg", "kernel"];

    /// <param name="config">The .config whose selected packages (=y) go in too, or null (Image Builder).</param>
    /// <param name="listed">The user's list, or null.</param>
    /// <param name="onlyListed">Leave out the target's and the profiles' packages.</param>
    /// <param name="listedBy">Who gave the list, as explanations name it ("--packages", "the build request").</param>
    public static PackageSelection For(Target target, IEnumerable<TargetProfile> profiles, DotConfig? config, string? listed, bool onlyListed,
        Func<string, bool> available, string listedBy = "--packages")
    {
        var wanted = new List<PackageSelection>();
        if (!onlyListed)
        {
            wanted.Add(Available(PackageSelection.Parse(string.Join(' ', target.OwnDefaultPackages.Concat(ImageBuilderDefaults)), "the target's default packages",
                RequestOrigin.Default), available));
            foreach (var profile in profiles)
                wanted.Add(Available(PackageSelection.Parse(string.Join(' ', profile.Packages), $"profile {profile.DeviceName}", RequestOrigin.Profile),
                    available));
        }
        if (config is not null)
            wanted.Add(new PackageSelection(
                config.SelectedPackages.Where(name => config.Value("PACKAGE_" + name) == "y")
                    .Select(name => new PackageRequest(name, $"CONFIG_PACKAGE_{name}=y in the .config")).ToList(), []));
        return PackageSelection.ImageBuilder(wanted, listed is null ? new PackageSelection([], [])
            : PackageSelection.Parse(listed, listedBy, RequestOrigin.User));
    }

    private static PackageSelection Available(PackageSelection selection, Func<string, bool> available) =>
        selection with { Installs = selection.Installs.Where(r => available(r.Name)).ToList() };
}
