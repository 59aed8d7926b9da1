using Kiln.Core.Errors;
using Kiln.Packing.Ipk;

namespace Kiln.Images.Rootfs;

/// <summary>
/// A package a feed offers: its control fields (from the feed's Packages index, or from the .ipk
/// itself when the directory has no index), where its .ipk is, and what the index says the file
/// is (size and SHA-256), to be checked before it is installed.
/// </summary>
public sealed class FeedPackage
{
    private FeedPackage(ControlFile control, string name, OpkgVersion version, string architecture, string ipkPath, string feed)
    {
        Control = control;
        Feed = feed;
        Name = name;
        Version = version;
        Architecture = architecture;
        IpkPath = ipkPath;
        Depends = Dependency.ParseList(control["Depends"]);
        Conflicts = Dependency.ParseList(control["Conflicts"]);
        // opkg splits Provides at commas and spaces alike.
        Provides = (control["Provides"] ?? "").Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
    }

    public ControlFile Control { get; }

    public string Name { get; }

    public OpkgVersion Version { get; }

    public string Architecture { get; }

    public string IpkPath { get; }

    /// <summary>The feed it comes from, as explanations name it: its directory's name (<c>base</c>, <c>packages</c>).</summary>
    public string Feed { get; }

    public IReadOnlyList<Dependency> Depends { get; }

    public IReadOnlyList<Dependency> Conflicts { get; }

    /// <summary>The other names the package answers to: virtual names and, for a library, its name without the ABI suffix.</summary>
    public IReadOnlyList<string> Provides { get; }

    /// <summary>The size the feed's index gives for the .ipk, if it gives one.</summary>
    public long? IndexedSize { get; private init; }

    /// <summary>The SHA-256 the feed's index gives for the .ipk, if it gives one.</summary>
    public string? IndexedSha256 { get; private init; }

    /// <summary>Whether the package answers to the name: its own, or one it provides.</summary>
    public bool AnswersTo(string name)
    {
        if (Name == name) return true;
        foreach (var provided in Provides)
            if (provided == name) return true;
        return false;
    }

    /// <param name="where">What to name in a message about a missing field (the index or the .ipk).</param>
    /// <param name="feed">The feed's name, for explanations.</param>
    public static FeedPackage FromControl(ControlFile control, string ipkPath, string where, string feed = "")
    {
        var name = Required(control, "Package", where);
        var version = Required(control, "Version", where + $" (package {name})");
        var architecture = Required(control, "Architecture", where + $" (package {name})");
        var size = control["Size"];
        return new FeedPackage(control, name, OpkgVersion.Parse(version), architecture, ipkPath, feed)
        {
            IndexedSize = size is not null && long.TryParse(size, System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? bytes : null,
            IndexedSha256 = control["SHA256sum"]?.Trim().ToLowerInvariant(),
        };
    }

    private static string Required(ControlFile control, string field, string where) =>
        control[field]?.Trim() is { Length: > 0 } value ? value : throw new UserError($"{where}: a package without a {field} field");

    public override string ToString() => $"{Name} {Version}";
}
