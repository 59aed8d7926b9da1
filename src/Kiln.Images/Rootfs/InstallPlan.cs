namespace Kiln.Images.Rootfs;

/// <summary>
/// A package to install, why, and how opkg would record it: <paramref name="Requested"/> when a
/// request named it (opkg's "user" flag), <paramref name="AutoInstalled"/> when it came in as a
/// dependency before any request of its own was reached (opkg then keeps Auto-Installed: yes even
/// if a later request names it). <paramref name="Choice"/> says why it was taken for a name that
/// several packages answer to ("chosen for virt among a, b: ..."), when that was a choice.
/// </summary>
public sealed record PlannedPackage(FeedPackage Package, RequestChain Why, bool Requested, bool AutoInstalled, string? Choice = null)
{
    /// <summary>The whole reason, as <c>kiln image --dry-run</c> prints it.</summary>
    public string Reason => Choice is null ? Why.Describe() : $"{Why.Describe()} ({Choice})";
}

/// <summary>The packages to install, in opkg's install order (each one's dependencies before it), and in the order opkg's status file lists them.</summary>
public sealed record InstallPlan(IReadOnlyList<PlannedPackage> Packages, IReadOnlyList<PlannedPackage> StatusOrder);
