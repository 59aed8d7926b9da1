namespace Kiln.Images.Rootfs;

/// <summary>A package installed in the root, as the image's manifest lists it.</summary>
/// <param name="AbiVersion">The ABIVersion field (a library's ABI suffix), which a manifest may strip from the name.</param>
public sealed record InstalledPackage(string Name, string Version, string Architecture, string? AbiVersion, bool AutoInstalled);

/// <summary>What was installed, in install order, and whether the maintainer scripts ran in a sandbox.</summary>
public sealed record RootfsResult(IReadOnlyList<InstalledPackage> Packages, bool ScriptsSandboxed);
