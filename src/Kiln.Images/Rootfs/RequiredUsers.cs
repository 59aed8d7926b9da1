using System.Globalization;
using System.Text;
using Kiln.Core.Files;

namespace Kiln.Images.Rootfs;

/// <summary>
/// The users and groups packages ask for with Require-User (OpenWrt's USERID), added to the
/// root's /etc/group, /etc/passwd and /etc/shadow as base-files' add_group_and_user adds them:
/// space-separated entries <c>user[=uid][:group[=gid][:extra[=gid],...]]</c>; a group without an
/// id gets the first free id from 32768, a user without one likewise (and, without a group, a
/// gid equal to its uid); a user's line is <c>NAME:x:UID:GID:NAME:/var/run/NAME:/bin/false</c>,
/// its shadow line <c>NAME:x:0:0:99999:7:::</c>; the user joins the member lists of its groups.
/// What is there already (base-files' postinst adds the same) is left alone, so running after
/// the postinsts never duplicates an entry. Missing files are created.
/// </summary>
internal sealed class RequiredUsers
{
    private const int FirstFreeId = 32768;
    private const UnixFileMode ReadableMode = (UnixFileMode)0b110_100_100;
    private const UnixFileMode SecretMode = (UnixFileMode)0b110_000_000;

    private readonly AccountFile _group;
    private readonly AccountFile _passwd;
    private readonly AccountFile _shadow;

    private RequiredUsers(StagingRoot root)
    {
        _group = AccountFile.Read(root, "etc/group", ReadableMode);
        _passwd = AccountFile.Read(root, "etc/passwd", ReadableMode);
        _shadow = AccountFile.Read(root, "etc/shadow", SecretMode);
    }

    /// <param name="packages">The packages in the order their postinsts ran (by name), which decides which gets which free id.</param>
    public static void Add(StagingRoot root, IReadOnlyList<UnpackedPackage> packages)
    {
        RequiredUsers? accounts = null;
        foreach (var package in packages)
        {
            if (package.Control["Require-User"]?.Trim() is not { Length: > 0 } field) continue;
            accounts ??= new RequiredUsers(root);
            foreach (var entry in field.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)) accounts.AddEntry(entry);
        }
        if (accounts is null) return;
        accounts._group.WriteIfChanged(root);
        accounts._passwd.WriteIfChanged(root);
        accounts._shadow.WriteIfChanged(root);
    }

    private void AddEntry(string entry)
    {
        var parts = entry.Split(':');
        var (user, uid) = NameAndId(parts[0]);
        var (group, gid) = NameAndId(parts.Length > 1 ? parts[1] : "");
        var extraGroups = parts.Length > 2 ? parts[2] : "";
        if (group.Length > 0 && gid.Length > 0)
        {
            if (_group.Find(group) is null) _group.Lines.Add($"{group}:x:{gid}:");
        }
        else if (group.Length > 0) gid = GroupIdOrNew(group);
        if (user.Length == 0) return;
        if (_passwd.Find(user) is null) AddUser(user, uid, gid);
        if (group.Length > 0) JoinGroup(group, user);
        foreach (var extra in extraGroups.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, id) = NameAndId(extra);
            if (id.Length > 0)
            {
                if (_group.Find(name) is null) _group.Lines.Add($"{name}:x:{id}:");
            }
            else GroupIdOrNew(name);
            JoinGroup(name, user);
        }
    }

    /// <summary>"name=id" as the shell's IFS="=" splits it: the name and the id ("" when none).</summary>
    private static (string Name, string Id) NameAndId(string text)
    {
        var parts = text.Split('=');
        return (parts[0], parts.Length > 1 ? parts[1] : "");
    }

    /// <summary>base-files' group_add_next: the group's id if it exists, else a new group with the first free id.</summary>
    private string GroupIdOrNew(string group)
    {
        if (_group.Find(group) is { } line) return Field(line, 2);
        var gid = FreeId(_group).ToString(CultureInfo.InvariantCulture);
        _group.Lines.Add($"{group}:x:{gid}:");
        return gid;
    }

    private void AddUser(string user, string uid, string gid)
    {
        if (uid.Length == 0) uid = FreeId(_passwd).ToString(CultureInfo.InvariantCulture);
        if (gid.Length == 0) gid = uid;
        _passwd.Lines.Add($"{user}:x:{uid}:{gid}:{user}:/var/run/{user}:/bin/false");
        _shadow.Lines.Add($"{user}:x:0:0:99999:7:::");
    }

    /// <summary>Adds the user to the group's member list unless it is a member already (or the group does not exist).</summary>
    private void JoinGroup(string group, string user)
    {
        var index = _group.IndexOf(group);
        if (index < 0) return;
        var line = _group.Lines[index];
        var members = Field(line, 3);
        if (Array.IndexOf(members.Split(','), user) >= 0) return;
        _group.Lines[index] = line + (line.EndsWith(':') ? "" : ",") + user;
    }

    /// <summary>The first id from 32768 up that no line of the file uses.</summary>
    private static int FreeId(AccountFile file)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in file.Lines) used.Add(Field(line, 2));
        var id = FirstFreeId;
        while (used.Contains(id.ToString(CultureInfo.InvariantCulture))) id++;
        return id;
    }

    private static string Field(string line, int index)
    {
        var fields = line.Split(':');
        return index < fields.Length ? fields[index] : "";
    }

    /// <summary>One of the account files: its lines, and whether they changed since it was read.</summary>
    private sealed class AccountFile
    {
        private readonly string _inside;
        private readonly UnixFileMode _newMode;
        private readonly string _original;

        private AccountFile(string inside, UnixFileMode newMode, string original, List<string> lines)
        {
            _inside = inside;
            _newMode = newMode;
            _original = original;
            Lines = lines;
        }

        public List<string> Lines { get; }

        public static AccountFile Read(StagingRoot root, string inside, UnixFileMode newMode)
        {
            var host = root.HostPath(inside, followLast: true);
            var text = File.Exists(host) ? File.ReadAllText(host) : "";
            var lines = new List<string>(text.Split('\n'));
            if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return new AccountFile(inside, newMode, text, lines);
        }

        public string? Find(string name)
        {
            var index = IndexOf(name);
            return index < 0 ? null : Lines[index];
        }

        public int IndexOf(string name)
        {
            for (var i = 0; i < Lines.Count; i++)
                if (Lines[i].StartsWith(name + ":", StringComparison.Ordinal)) return i;
            return -1;
        }

        public void WriteIfChanged(StagingRoot root)
        {
            var text = new StringBuilder();
            foreach (var line in Lines) text.Append(line).Append('\n');
            if (text.ToString() == _original) return;
            var host = root.HostPath(_inside, followLast: true);
            var mode = FileStatus.Exists(host) ? StagingRoot.GetMode(host) : _newMode;
            root.WriteFile(host, Encoding.UTF8.GetBytes(text.ToString()), mode);
        }
    }
}
