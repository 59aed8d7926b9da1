using Kiln.Build.Packages;
using Kiln.Images.Kernel;
using Kiln.Images.Outputs;
using Kiln.Images.Rootfs;

namespace Kiln.Images.Firmware;

/// <summary>What one image build of a subtarget makes its images from.</summary>
/// <param name="Kernel">The built kernel; null with <see cref="RootfsOnly"/>.</param>
/// <param name="Feeds">Directories of .ipk files (or opkg feeds with a Packages index) the packages are installed from.</param>
/// <param name="RootfsOnly">Only the root file system's images: no kernel, no kernel images.</param>
/// <param name="Overview">What profiles.json says besides the images (the profiles' images are filled in by the build).</param>
/// <param name="BuildInfo">Files that describe the build (version.buildinfo, feeds.buildinfo: name and text), published with the images.</param>
public sealed record FirmwareRequest(
    BuildContext Context,
    string Board,
    string Subtarget,
    KernelImage? Kernel,
    IReadOnlyList<PackageRequest> Install,
    IReadOnlyList<PackageRequest> Remove,
    IReadOnlyList<string> Feeds,
    bool RootfsOnly,
    ImageOverview Overview,
    IReadOnlyDictionary<string, string> BuildInfo);

/// <summary>What an image build wrote: the files under bin/targets/BOARD/SUBTARGET, and the packages in the image.</summary>
public sealed record FirmwareResult(string BinDirectory, IReadOnlyList<string> Images, IReadOnlyList<string> Packages);
