namespace Kiln.Images.Rootfs;

/// <summary>
/// A package someone asked to have (or, in <see cref="PackageSelection.Removals"/>, not to have)
/// in the image, and who asked: "the target's default packages", "--packages",
/// "DEVICE_PACKAGES of Device/foo", "CONFIG_PACKAGE_foo". Messages about the package name them.
/// </summary>
public sealed record PackageRequest(string Name, string Reason);
