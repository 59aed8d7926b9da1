namespace Kiln.Images.Rootfs;

/// <summary>
/// A package to install, why, and how opkg would record it: <paramref name="Requested"/> when a
/// request named it (opkg's "user" flag), <paramref name="AutoInstalled"/> when it came in as a
/// dependency before any request of its own was reached (opkg then keeps Auto-Installed: yes even
/// if a later request names it).
/// </summary>
public sealed record PlannedPackage(FeedPackage Package, RequestChain Why, bool Requested, bool AutoInstalled);

/// <summary>
/// The packages to install, in opkg's install order (each one's dependencies before it), and in
/// the order opkg's status file lists them; <paramref name="Notes"/> says what the user may not
/// expect (a removed package that a dependency brings back).
/// </summary>
public sealed record InstallPlan(IReadOnlyList<PlannedPackage> Packages, IReadOnlyList<PlannedPackage> StatusOrder, IReadOnlyList<string> Notes);
