using System.Globalization;
using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Images.Rootfs;

/// <summary>
/// One entry of a package's Alternatives field, <c>PRIORITY:PATH:TARGET</c>: opkg links PATH to
/// TARGET for the installed package with the highest priority (the first in its table order among
/// equals), so that e.g. coreutils' ls can take /bin/ls over from busybox.
/// </summary>
internal sealed record OpkgAlternative(int Priority, string Path, string Target)
{
    /// <summary>A field's entries; entries opkg ignores (not three parts, a relative path, an empty target) are left out.</summary>
    public static IReadOnlyList<OpkgAlternative> ParseList(string? field)
    {
        var alternatives = new List<OpkgAlternative>();
        if (field is null) return alternatives;
        foreach (var entry in field.Split(','))
        {
            var parts = entry.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !parts[1].StartsWith('/') || parts[2].Length == 0) continue;
            alternatives.Add(new OpkgAlternative(LeadingInteger(parts[0]), parts[1], parts[2]));
        }
        return alternatives;
    }

    /// <summary>What C's atoi makes of the priority: its leading digits (and sign), else 0.</summary>
    private static int LeadingInteger(string text)
    {
        var end = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return int.TryParse(text.AsSpan(0, end), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    public override string ToString() => $"{Priority}:{Path}:{Target}";

    /// <summary>Makes every alternative path a link to its best target, as opkg does when it configures the packages.</summary>
    /// <param name="packages">The installed packages in opkg's table order, which breaks ties between equal priorities.</param>
    public static void Apply(StagingRoot root, IReadOnlyList<UnpackedPackage> packages)
    {
        var best = new SortedDictionary<string, (OpkgAlternative Alternative, UnpackedPackage Package)>(StringComparer.Ordinal);
        foreach (var package in packages)
            foreach (var alternative in package.Alternatives)
                if (!best.TryGetValue(alternative.Path, out var current) || current.Alternative.Priority < alternative.Priority)
                    best[alternative.Path] = (alternative, package);
        foreach (var (path, (alternative, package)) in best)
        {
            var slash = path.LastIndexOf('/');
            var parent = root.HostPath(path[..slash], followLast: true);
            var host = parent + "/" + path[(slash + 1)..];
            if (FileStatus.Exists(host))
            {
                var existing = new FileInfo(host).LinkTarget
                    ?? throw new UserError(
                        $"package '{package.Name}' makes {path} a link to {alternative.Target} (Alternatives), but {path} is not a link");
                if (existing == alternative.Target) continue;
                File.Delete(host);
            }
            root.CreateDirectories(parent);
            File.CreateSymbolicLink(host, alternative.Target);
        }
    }
}
