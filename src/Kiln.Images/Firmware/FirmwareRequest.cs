using Kiln.Build.Packages;
using Kiln.Images.Kernel;
using Kiln.Images.Outputs;
using Kiln.Images.Rootfs;

namespace Kiln.Images.Firmware;

/// <summary>What one image build of a subtarget makes its images from.</summary>
/// <param name="Kernel">The built kernel; null with <see cref="RootfsOnly"/>.</param>
/// <param name="Feed">The packages the image is installed from (read once from the feed directories); null when there are none.</param>
/// <param name="RootfsOnly">Only the root file system's images: no kernel, no kernel images.</param>
/// <param name="Overview">What profiles.json says besides the images (the profiles' images are filled in by the build).</param>
/// <param name="BuildInfo">Files that describe the build (version.buildinfo, feeds.buildinfo: name and text), published with the images.</param>
/// <param name="KernelBuild">A directory of what a kernel build leaves in KDIR (vmlinux, vmlinux-initramfs, image-DTS.dtb, and
/// optionally ready root file system images such as root.squashfs), used as it is; null when there is none.</param>
/// <param name="Devices">The devices to make images for (by name or DEVICE_NAME); none: those the .config selects.</param>
/// <param name="SbomPackages">The tree's packages as its .packageinfo describes them, for the image's CycloneDX SBOM
/// (<c>CONFIG_JSON_CYCLONEDX_SBOM</c>); null: no SBOM.</param>
public sealed record FirmwareRequest(
    BuildContext Context,
    string Board,
    string Subtarget,
    KernelImage? Kernel,
    IReadOnlyList<PackageRequest> Install,
    IReadOnlyList<PackageRequest> Remove,
    PackageFeed? Feed,
    bool RootfsOnly,
    ImageOverview Overview,
    IReadOnlyDictionary<string, string> BuildInfo,
    IReadOnlyList<PackageInfo>? SbomPackages = null)
{
    public string? KernelBuild { get; init; }

    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>Image Builder's <c>FILES=</c>: a directory copied over the root before its file systems are made; none when null.</summary>
    public string? FilesOverlay { get; init; }
}

/// <summary>What an image build wrote: the files under bin/targets/BOARD/SUBTARGET, and the packages in the image.</summary>
public sealed record FirmwareResult(string BinDirectory, IReadOnlyList<string> Images, IReadOnlyList<string> Packages);
