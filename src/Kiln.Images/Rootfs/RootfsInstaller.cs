using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Packing.Archives;
using Kiln.Packing.Ipk;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Assembles a root filesystem from an install plan, doing what OpenWrt does between
/// <c>opkg --offline-root ROOT install</c> and the end of rootfs.mk's prepare_rootfs:
/// <list type="number">
/// <item>the packages in plan order: preinst run, control members into opkg's info directory,
/// data unpacked (paths owned by one package only), conffiles' checksums taken;</item>
/// <item>opkg's configure step: alternatives linked; opkg's status and .list files written
/// (status as rootfs.mk leaves it: "ok" for "user", Installed-Time = SOURCE_DATE_EPOCH);</item>
/// <item>/etc/rc.d and /var/lock made; every info/*.postinst run in name order with
/// IPKG_INSTROOT set (sandboxed when bubblewrap works); Require-User accounts added;</item>
/// <item>rootfs.mk's removals; every time set to SOURCE_DATE_EPOCH.</item>
/// </list>
/// The same plan, packages and epoch give a byte-identical tree. On failure the root is removed
/// again (the log keeps the scripts' output).
/// </summary>
public static class RootfsInstaller
{
    public static RootfsResult Install(InstallPlan plan, string rootDirectory, RootfsOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Epoch);
        var existed = PrepareRoot(rootDirectory);
        var root = new StagingRoot(rootDirectory);
        try
        {
            return Assemble(plan, root, options);
        }
        catch
        {
            Discard(root.Directory, existed);
            throw;
        }
    }

    private static RootfsResult Assemble(InstallPlan plan, StagingRoot root, RootfsOptions options)
    {
        // OpenWrt makes tmp (opkg's TMPDIR) before the install; opkg makes its state directories when it starts.
        foreach (var directory in new[] { "tmp", OpkgDatabase.InfoDirectory, OpkgDatabase.ListsDirectory })
            root.CreateDirectories(root.HostPath(directory, followLast: true));
        using var scripts = MaintainerScripts.Start(root.Directory, options.Epoch, options.LogPath);
        var unpacker = new PackageUnpacker(root);
        var unpacked = new Dictionary<string, UnpackedPackage>(StringComparer.Ordinal);
        foreach (var planned in plan.Packages)
        {
            var name = planned.Package.Name;
            var contents = ReadIpk(planned.Package);
            if (Member(contents, "preinst") is { } preinst) RunPreinst(root, scripts, name, preinst);
            OpkgDatabase.WriteControlMembers(root, name, contents.ControlEntries);
            var files = unpacker.Unpack(planned, contents.DataEntries);
            unpacked[name] = new UnpackedPackage(planned, contents.Control, files, Conffiles(root, contents),
                OpkgAlternative.ParseList(contents.Control["Alternatives"]));
        }
        var statusOrder = plan.StatusOrder.Select(p => unpacked[p.Package.Name]).ToList();
        OpkgAlternative.Apply(root, statusOrder);
        OpkgDatabase.Write(root, statusOrder, options.Epoch, options.KeepUserFlag);
        if (options.FilesOverlay is { } overlay) FilesOverlay.Copy(overlay, root);

        root.CreateDirectories(root.HostPath("etc/rc.d", followLast: true));
        root.CreateDirectories(root.HostPath("var/lock", followLast: true));
        RunPostinsts(root, scripts);
        RequiredUsers.Add(root, unpacked.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
        RootfsCleanup.Run(root);
        EpochTimes.Apply(root.Directory, options.Epoch);

        var installed = plan.Packages.Select(p => new InstalledPackage(p.Package.Name, p.Package.Version.ToString(), p.Package.Architecture,
            p.Package.Control["ABIVersion"]?.Trim(), p.AutoInstalled)).ToList();
        return new RootfsResult(installed, scripts.Sandboxed, plan.Notes);
    }

    /// <summary>The root must be a new or empty directory: packages are never unpacked over an older tree.</summary>
    /// <returns>Whether the directory was there before.</returns>
    private static bool PrepareRoot(string rootDirectory)
    {
        var full = Path.GetFullPath(rootDirectory);
        var existed = Directory.Exists(full);
        if (existed)
        {
            if (Directory.EnumerateFileSystemEntries(full).Any())
                throw new UserError($"{rootDirectory}: not empty (a root filesystem is assembled in a new or empty directory)");
        }
        else if (FileStatus.Exists(full)) throw new UserError($"{rootDirectory}: is a file, not a directory");
        else Directory.CreateDirectory(full);
        StagingRoot.SetMode(full, StagingRoot.DirectoryMode);
        return existed;
    }

    /// <summary>Takes a failed root away (what was there before, an empty directory, stays), so that the next attempt can start.</summary>
    private static void Discard(string root, bool existed)
    {
        try
        {
            if (!existed) Directory.Delete(root, recursive: true);
            else
            {
                foreach (var path in Directory.EnumerateFileSystemEntries(root))
                {
                    if (Directory.Exists(path) && new FileInfo(path).LinkTarget is null) Directory.Delete(path, recursive: true);
                    else File.Delete(path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The error that stopped the install is the one to report; leftovers are refused by the next install.
        }
    }

    /// <summary>The .ipk's contents, after checking it is the file the feed's index describes.</summary>
    private static IpkContents ReadIpk(FeedPackage package)
    {
        var path = package.IpkPath;
        if (!File.Exists(path)) throw new UserError($"{path}: no such file (the feed lists it for {package.Name} {package.Version})");
        if (package.IndexedSize is not null || package.IndexedSha256 is not null)
        {
            var bytes = File.ReadAllBytes(path);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if ((package.IndexedSize is { } size && size != bytes.Length) || (package.IndexedSha256 is { } expected && expected != sha256))
                throw new UserError($"{path}: is not the file the feed's Packages index describes (size {bytes.Length}, SHA-256 {sha256}; " +
                    $"the index says {package.IndexedSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no size"}, " +
                    $"{package.IndexedSha256 ?? "no SHA-256"}): the index is out of date");
        }
        return IpkContents.Read(path);
    }

    private static TarGz.Entry? Member(IpkContents contents, string name)
    {
        foreach (var entry in contents.ControlEntries)
            if (entry.Bytes is not null && (entry.Name == name || entry.Name == "./" + name)) return entry;
        return null;
    }

    /// <summary>opkg runs a preinst from its temporary directory (ROOT/tmp) before unpacking the package.</summary>
    private static void RunPreinst(StagingRoot root, MaintainerScripts scripts, string package, TarGz.Entry preinst)
    {
        var path = $"{root.HostPath("tmp", followLast: true)}/opkg/{package}/preinst";
        root.WriteFile(path, preinst.Bytes!, preinst.Mode);
        scripts.RunPreinst(package, path);
    }

    /// <summary>
    /// The package's conffiles with the SHA-256 opkg records once the package is unpacked (none
    /// for one that is missing or not a file); names as opkg keeps them, "/etc/config/foo".
    /// </summary>
    private static List<Conffile> Conffiles(StagingRoot root, IpkContents contents)
    {
        var conffiles = new List<Conffile>();
        if (Member(contents, "conffiles") is not { } member) return conffiles;
        foreach (var raw in Encoding.UTF8.GetString(member.Bytes!).Split('\n'))
        {
            var line = raw.TrimEnd(' ', '\t');
            if (line.Length == 0) continue;
            var path = "/" + (line[0] == '/' ? line[1..] : line);
            var host = root.HostPath(path, followLast: true);
            conffiles.Add(new Conffile(path, File.Exists(host) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(host))) : null));
        }
        return conffiles;
    }

    /// <summary>
    /// rootfs.mk's loop: every info/*.postinst in byte order of names, run from the root as
    /// <c>bash ./usr/lib/opkg/info/NAME.postinst</c>.
    /// </summary>
    private static void RunPostinsts(StagingRoot root, MaintainerScripts scripts)
    {
        var info = root.HostPath(OpkgDatabase.InfoDirectory, followLast: true);
        var names = new List<string>();
        foreach (var path in Directory.EnumerateFiles(info))
        {
            // The shell's glob: no names starting with '.'.
            var name = Path.GetFileName(path);
            if (name.EndsWith(".postinst", StringComparison.Ordinal) && !name.StartsWith('.')) names.Add(name);
        }
        names.Sort(StringComparer.Ordinal);
        scripts.RunPostinsts(names.Select(name => (name[..^".postinst".Length], $"./{OpkgDatabase.InfoDirectory}/{name}")).ToList());
    }
}
