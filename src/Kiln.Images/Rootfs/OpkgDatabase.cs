using System.Globalization;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Packing.Archives;

namespace Kiln.Images.Rootfs;

/// <summary>
/// opkg's database in the root, written as opkg-lede (OpenWrt 24.10's) leaves it after an offline
/// install and OpenWrt's rootfs.mk has finished with it: /usr/lib/opkg/status, and in
/// /usr/lib/opkg/info each package's control members as NAME.MEMBER (control, conffiles, scripts,
/// with their modes) and NAME.list (its files and links, not its directories).
/// </summary>
internal static class OpkgDatabase
{
    public const string Directory = "usr/lib/opkg";
    public const string InfoDirectory = "usr/lib/opkg/info";
    public const string ListsDirectory = "usr/lib/opkg/lists";

    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    /// <summary>The status flags opkg keeps across runs, in the order it prints them (reinstreq and replace do not last).</summary>
    private static readonly string[] LastingFlags = ["hold", "noprune", "obsolete"];

    /// <summary>Every member of the package's control archive as info/NAME.MEMBER, mode kept.</summary>
    public static void WriteControlMembers(StagingRoot root, string package, IReadOnlyList<TarGz.Entry> members)
    {
        var info = root.HostPath(InfoDirectory, followLast: true);
        foreach (var member in members)
        {
            if (member.Bytes is null) continue;
            var name = member.Name.StartsWith("./", StringComparison.Ordinal) ? member.Name[2..] : member.Name;
            if (name.Length == 0 || name.Contains('/'))
                throw new UserError($"{package}: control archive member {member.Name} is not a plain file name");
            root.WriteFile($"{info}/{package}.{name}", member.Bytes, member.Mode);
        }
    }

    /// <summary>The status file (stanzas in opkg's table order) and every package's .list.</summary>
    public static void Write(StagingRoot root, IReadOnlyList<UnpackedPackage> statusOrder, long epoch, bool keepUserFlag)
    {
        var status = new StringBuilder();
        foreach (var package in statusOrder) AppendStanza(status, package, epoch, keepUserFlag);
        root.WriteFile(root.HostPath(Directory + "/status", followLast: false), Encoding.UTF8.GetBytes(status.ToString()), FileMode);
        var info = root.HostPath(InfoDirectory, followLast: true);
        foreach (var package in statusOrder)
            root.WriteFile($"{info}/{package.Name}.list", Encoding.UTF8.GetBytes(ListText(package.Files)), FileMode);
    }

    /// <summary>One package's .list: its paths in the order opkg's file table holds them (bucket, then archive order).</summary>
    public static string ListText(IReadOnlyList<string> files)
    {
        var indexes = new int[files.Count];
        for (var i = 0; i < indexes.Length; i++) indexes[i] = i;
        var text = new StringBuilder();
        foreach (var index in OpkgHashOrder.Sort(indexes, i => files[i], i => i)) text.Append(files[index]).Append('\n');
        return text.ToString();
    }

    /// <summary>The fields opkg's pkg_print_status writes, in its order, each only when the package has it.</summary>
    private static void AppendStanza(StringBuilder status, UnpackedPackage package, long epoch, bool keepUserFlag)
    {
        var planned = package.Planned;
        var control = package.Control;
        status.Append("Package: ").Append(package.Name).Append('\n');
        if (Trimmed(control["ABIVersion"]) is { } abi) status.Append("ABIVersion: ").Append(abi).Append('\n');
        status.Append("Version: ").Append(planned.Package.Version).Append('\n');
        AppendList(status, "Depends", planned.Package.Depends, d => d.StatusText);
        AppendList(status, "Provides", planned.Package.Provides, p => p);
        // opkg prints only the first name of each Conflicts entry.
        AppendList(status, "Conflicts", planned.Package.Conflicts, c => c.Alternatives[0].StatusText);
        status.Append("Status: install ").Append(Flags(control["Status"], planned.Requested && keepUserFlag)).Append(" installed\n");
        if (Trimmed(control["Essential"]) == "yes") status.Append("Essential: yes\n");
        status.Append("Architecture: ").Append(planned.Package.Architecture).Append('\n');
        if (package.Conffiles.Count > 0)
        {
            // The header even when no conffile could be read, as opkg prints it.
            status.Append("Conffiles:\n");
            foreach (var conffile in package.Conffiles)
                if (conffile.Sha256 is { } sum) status.Append(' ').Append(conffile.Path).Append(' ').Append(sum).Append('\n');
        }
        if (epoch != 0) status.Append("Installed-Time: ").Append(epoch.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (planned.AutoInstalled) status.Append("Auto-Installed: yes\n");
        AppendList(status, "Alternatives", package.Alternatives, a => a.ToString());
        status.Append('\n');
    }

    private static void AppendList<T>(StringBuilder status, string field, IReadOnlyList<T> items, Func<T, string> text)
    {
        if (items.Count == 0) return;
        status.Append(field).Append(": ");
        for (var i = 0; i < items.Count; i++) status.Append(i == 0 ? "" : ", ").Append(text(items[i]));
        status.Append('\n');
    }

    /// <summary>
    /// The flags word: the lasting flags the package's own Status field sets (OpenWrt writes
    /// "Status: unknown hold not-installed" for PKG_FLAGS:=hold), "user" only when asked to keep
    /// it (rootfs.mk takes it out of a full build's status; Image Builder leaves it), else "ok".
    /// </summary>
    private static string Flags(string? statusField, bool user)
    {
        var flags = new List<string>();
        var words = (statusField ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 3)
        {
            var given = words[1].Split(',');
            foreach (var flag in LastingFlags)
                if (Array.IndexOf(given, flag) >= 0) flags.Add(flag);
        }
        if (user) flags.Add("user");
        return flags.Count == 0 ? "ok" : string.Join(',', flags);
    }

    private static string? Trimmed(string? value) => value?.Trim() is { Length: > 0 } text ? text : null;
}
