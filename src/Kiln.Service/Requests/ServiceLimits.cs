namespace Kiln.Service.Requests;

/// <summary>What the service accepts at most: the bounds every request is checked against before any work.</summary>
public sealed record ServiceLimits
{
    /// <summary>A build request's body, in bytes (larger: 413).</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Names in <c>packages</c> (or <c>packages_versions</c>).</summary>
    public int MaxPackages { get; init; } = 500;

    /// <summary>A package name's length.</summary>
    public int MaxNameLength { get; init; } = 128;

    /// <summary>The first-boot script's length in characters (ASU's max_defaults_length).</summary>
    public int MaxDefaultsLength { get; init; } = 20480;

    /// <summary>The largest <c>rootfs_size_mb</c> (ASU's max_custom_rootfs_size_mb).</summary>
    public int MaxRootfsSizeMb { get; init; } = 1024;
}
