using System.Globalization;
using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Images.Filesystems;

/// <summary>
/// root.ext4 with mke2fs -d: the whole root partition (CONFIG_TARGET_ROOTFS_PARTSIZE), labelled
/// "rootfs", with the block size, reserved blocks and journal of the .config, as OpenWrt's
/// make_ext4fs makes it. Reproducible: the UUID and directory hash seed come from the image's
/// name and epoch, mke2fs's clock is the epoch (E2FSPROGS_FAKE_TIME), its features come from
/// Kiln's own profile instead of the host's /etc/mke2fs.conf, and debugfs then sets what mke2fs
/// copies from the staged files but no build can fix: owners (mke2fs has no option to squash
/// them) and access and change times.
/// </summary>
internal static class Ext4Writer
{
    /// <summary>
    /// The features of every image, whatever the host's mke2fs.conf says: ext4 as kernels and boot
    /// loaders have read it for years (no metadata_csum, 64bit or orphan_file, which newer
    /// e2fsprogs turn on by default and older readers refuse).
    /// </summary>
    private const string Profile = """
        [defaults]
            base_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr
            default_mntopts = acl,user_xattr
            enable_periodic_fsck = 0
            inode_size = 256

        [fs_types]
            ext4 = {
                features = has_journal,extent,huge_file,flex_bg,dir_nlink,extra_isize
            }

        """;

    /// <summary>What mke2fs prints when the root does not fit: a block, an inode or a directory entry it could not get.</summary>
    private static readonly string[] OutOfSpaceMessages = ["Could not allocate block", "Could not allocate inode", "No free space", "No space left"];

    public static void Write(FilesystemBuild build)
    {
        var options = build.Options;
        var entries = StagedRoot.List(build.Root);
        var contentBytes = StagedRoot.ContentBytes(entries);
        if (contentBytes > options.RootfsPartitionBytes) throw DoesNotFit(contentBytes, options);

        var profile = Path.Combine(build.Scratch, "mke2fs.conf");
        File.WriteAllText(profile, Profile);
        var uuid = FilesystemUuid.For(options.Name, options.Epoch, "ext4 filesystem");
        var hashSeed = FilesystemUuid.For(options.Name, options.Epoch, "ext4 directory hash seed");
        var blockSize = options.Ext4BlockSize.ToString(CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            "-t", "ext4", "-F",
            "-L", "rootfs",
            "-b", blockSize,
            // One inode per four blocks, as make_ext4fs counts them: room for a root of small files.
            "-i", (4 * options.Ext4BlockSize).ToString(CultureInfo.InvariantCulture),
            "-m", options.Ext4ReservedPercent.ToString(CultureInfo.InvariantCulture),
            "-U", uuid.ToString(),
            "-E", $"root_owner=0:0,hash_seed={hashSeed}",
        ];
        if (!options.Ext4Journal) arguments.AddRange(["-O", "^has_journal"]);
        arguments.AddRange(["-d", build.Root, build.Output, $"{options.RootfsPartitionBytes / 1024}k"]);
        var environment = new Dictionary<string, string?>
        {
            ["E2FSPROGS_FAKE_TIME"] = ClockText(options.Epoch),
            ["MKE2FS_CONFIG"] = profile,
        };
        var result = build.RunAllowingFailure(FilesystemPrograms.Mke2fs, arguments, environment);
        if (!result.Succeeded)
        {
            foreach (var message in OutOfSpaceMessages)
                if (result.Output.Contains(message, StringComparison.Ordinal)) throw DoesNotFit(contentBytes, options);
            throw result.Failure(build.LogPath);
        }

        var script = Path.Combine(build.Scratch, "owners-and-times.debugfs");
        File.WriteAllText(script, OwnersAndTimesScript(entries, build.EpochText));
        // Its commands are echoed by the thousand: only what it says on standard error is logged.
        var fixup = build.Run(FilesystemPrograms.Debugfs, ["-w", "-f", script, build.Output],
            new Dictionary<string, string?> { ["E2FSPROGS_FAKE_TIME"] = ClockText(options.Epoch) }, logOutput: false);
        // debugfs exits with 0 whatever its commands do; a failed one says so on standard error.
        var complaints = DebugfsComplaints(fixup.StandardError);
        if (complaints.Length > 0)
            throw new UserError($"debugfs could not set the owners and times of {build.Output}:\n{complaints}\n(the log is {build.LogPath})");
    }

    private static UserError DoesNotFit(long contentBytes, FilesystemOptions options) =>
        new($"rootfs ({contentBytes} bytes) does not fit the {options.RootfsPartitionBytes}-byte ext4 partition " +
            $"(CONFIG_TARGET_ROOTFS_PARTSIZE={options.RootfsPartitionMiB})");

    /// <summary>
    /// The clock e2fsprogs is given: the epoch, except that it takes 0 for "not set" and reads the
    /// real clock then, so an epoch of 0 runs its clock from one second later.
    /// </summary>
    private static string ClockText(long epoch) => Math.Max(epoch, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// debugfs commands that make every entry owned by 0:0 and dated the epoch (as make_ext4fs -T
    /// does): mke2fs copies owners and all three times from the staged files, and a file's change
    /// time is whenever it was staged.
    /// </summary>
    private static string OwnersAndTimesScript(List<RootEntry> entries, string epoch)
    {
        var script = new StringBuilder();
        foreach (var entry in entries)
        {
            var path = DebugfsQuote(entry);
            script.Append("sif ").Append(path).Append(" uid 0\n");
            script.Append("sif ").Append(path).Append(" gid 0\n");
            foreach (var field in TimeFields) script.Append("sif ").Append(path).Append(' ').Append(field).Append(" @").Append(epoch).Append('\n');
        }
        return script.ToString();
    }

    private static readonly string[] TimeFields = ["atime", "ctime", "mtime", "crtime"];

    /// <summary>The entry's path as one debugfs word: in double quotes, a quote doubled. A newline cannot be written at all.</summary>
    private static string DebugfsQuote(RootEntry entry)
    {
        if (entry.RelativePath.Contains('\n'))
            throw new UserError($"{entry.FullPath}: a file name with a newline cannot be put in an ext4 image");
        return "\"/" + entry.RelativePath.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>What debugfs said on standard error besides its version banner.</summary>
    private static string DebugfsComplaints(string standardError)
    {
        var complaints = new StringBuilder();
        foreach (var line in standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (!line.StartsWith("debugfs ", StringComparison.Ordinal)) complaints.Append(line).Append('\n');
        return complaints.ToString().TrimEnd();
    }
}
