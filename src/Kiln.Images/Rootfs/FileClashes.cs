using Kiln.Core.Errors;
using Kiln.Packing.Ipk;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Files two planned packages both install, found from the .ipk files' lists before anything is
/// installed (for <c>kiln image --dry-run</c>), said as <see cref="PackageUnpacker"/> says them at
/// install time. Only the planned packages are read; nothing is checked when a feed's .ipk files
/// are not on this machine (an index alone says nothing of files).
/// </summary>
public static class FileClashes
{
    public static void Check(InstallPlan plan)
    {
        foreach (var planned in plan.Packages)
            if (!File.Exists(planned.Package.IpkPath)) return;
        var owners = new Dictionary<string, PlannedPackage>(StringComparer.Ordinal);
        var reported = new HashSet<(PlannedPackage, PlannedPackage)>();
        var problems = new List<string>();
        foreach (var planned in plan.Packages)
        {
            var where = Path.GetFileName(planned.Package.IpkPath);
            foreach (var entry in IpkContents.Read(planned.Package.IpkPath).DataEntries)
            {
                // Directories are shared; files and links belong to one package.
                if (entry.Bytes is null && entry.LinkTarget is null) continue;
                var path = "/" + PackageUnpacker.Inside(entry.Name, where);
                if (owners.TryAdd(path, planned)) continue;
                var owner = owners[path];
                if (owner != planned && reported.Add((owner, planned))) problems.Add(PackageUnpacker.InBoth(path, owner, planned));
            }
        }
        if (problems.Count > 0) throw new UserError(string.Join("; ", problems));
    }
}
