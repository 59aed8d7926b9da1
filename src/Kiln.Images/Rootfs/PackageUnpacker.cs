using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Packing.Archives;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Puts packages' data into the root as opkg extracts it: directories shared (an existing one
/// takes the mode of the last package that has it), files and links owned by exactly one package.
/// A path two packages install (checked where it lands, after links in the root) stops with both
/// packages, why each is there and the fix when one is a default the user can remove, where opkg
/// prints its "wants to install file ... But that file is already provided by package" error.
/// </summary>
internal sealed class PackageUnpacker(StagingRoot root)
{
    private readonly Dictionary<string, PlannedPackage> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlannedPackage> _directoryMakers = new(StringComparer.Ordinal);

    /// <returns>The package's files and links as opkg's .list names them ("/usr/bin/foo"), in archive order.</returns>
    public List<string> Unpack(PlannedPackage package, IReadOnlyList<TarGz.Entry> entries)
    {
        var listed = new List<string>();
        var where = Path.GetFileName(package.Package.IpkPath);
        foreach (var entry in entries)
        {
            var inside = Inside(entry.Name, where);
            if (inside.Length == 0) continue;
            if (entry.Bytes is null && entry.LinkTarget is null) UnpackDirectory(package, inside, entry.Mode);
            else
            {
                UnpackFile(package, inside, entry);
                listed.Add("/" + inside);
            }
        }
        return listed;
    }

    private void UnpackDirectory(PlannedPackage package, string inside, UnixFileMode mode)
    {
        // A directory entry follows a link that is there already, as extracting "var/" does.
        var host = root.HostPath(inside, followLast: true);
        var key = root.InsidePath(host);
        if (!Directory.Exists(host))
        {
            if (FileStatus.Exists(host))
            {
                throw new UserError(_owners.TryGetValue(key, out var owner)
                    ? $"package '{Name(package)}' has a directory /{inside} where package '{Name(owner)}' installs a file: " + Reasons(package, owner)
                    : $"package '{Name(package)}' has a directory /{inside} where the root already has a file");
            }
            root.CreateDirectories(Path.GetDirectoryName(host)!);
            Directory.CreateDirectory(host);
            _directoryMakers.TryAdd(key, package);
        }
        StagingRoot.SetMode(host, mode);
    }

    private void UnpackFile(PlannedPackage package, string inside, TarGz.Entry entry)
    {
        var slash = inside.LastIndexOf('/');
        var parent = root.HostPath(slash < 0 ? "" : inside[..slash], followLast: true);
        var host = parent + "/" + inside[(slash + 1)..];
        var key = root.InsidePath(host);
        var landsElsewhere = key == "/" + inside ? "" : $" (which is {key} in the root)";
        if (_owners.TryGetValue(key, out var owner) && owner != package)
            throw new UserError(InBoth("/" + inside + landsElsewhere, owner, package));
        if (FileStatus.Exists(host))
        {
            if (Directory.Exists(host) && new FileInfo(host).LinkTarget is null)
            {
                throw new UserError(_directoryMakers.TryGetValue(key, out var maker)
                    ? $"package '{Name(package)}' has a file /{inside}{landsElsewhere} where package '{Name(maker)}' has a directory: "
                        + Reasons(package, maker)
                    : $"package '{Name(package)}' has a file /{inside}{landsElsewhere} where the root already has a directory");
            }
            if (owner is null)
                throw new UserError(
                    $"package '{Name(package)}' installs /{inside}{landsElsewhere}, which is already in the root but no package installed it");
            // The same package lists the path twice: the later entry wins, as in tar.
            File.Delete(host);
        }
        root.CreateDirectories(parent);
        if (entry.LinkTarget is { } target) File.CreateSymbolicLink(host, target);
        else root.WriteFile(host, entry.Bytes!, entry.Mode);
        _owners[key] = package;
    }

    /// <summary>An archive name as a path inside the root ("./usr/bin/" is "usr/bin"); an absolute name or ".." is refused.</summary>
    internal static string Inside(string name, string where)
    {
        if (name.StartsWith('/')) throw new UserError($"{where}: {name} is an absolute path");
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..") throw new UserError($"{where}: {name} points outside the package");
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static string Name(PlannedPackage package) => package.Package.Name;

    /// <summary>"/usr/sbin/foo is in both a (requested by --packages) and b (a default package of the target): add -b to --packages".</summary>
    internal static string InBoth(string path, PlannedPackage first, PlannedPackage second) =>
        PackageClash.Describe(PackageClash.Side.Of(first), PackageClash.Side.Of(second), (a, b) => $"{path} is in both {a} and {b}", "", _ => false);

    private static string Reasons(PlannedPackage first, PlannedPackage second) =>
        $"{Name(first)} is {first.Why.Describe()}; {Name(second)} is {second.Why.Describe()}";
}
