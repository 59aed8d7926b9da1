using System.Runtime.Versioning;
using Kiln.Core.Errors;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class Ext4WriterTests : IDisposable
{
    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new() { Name = "test-rootfs", Epoch = TestRoot.Epoch, RootfsPartitionMiB = 8 };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SameRootStagedTwiceGivesTheSameBytes()
    {
        var first = Path.Combine(_root.Output, "first.ext4");
        var second = Path.Combine(_root.Output, "second.ext4");
        FilesystemWriter.Write(FilesystemKind.Ext4, _root.Root, first, Options, _root.Log);
        // Staged later, elsewhere, by another user: other inodes, change times and owners.
        var again = _root.StageAgain("again");
        ChownKeepingModes(again, "1234:1234");
        FilesystemWriter.Write(FilesystemKind.Ext4, again, second, Options, _root.Log);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void AnEpochOfZeroIsReproducibleToo()
    {
        // e2fsprogs reads a fake time of 0 as none and takes the real clock.
        var first = Path.Combine(_root.Output, "zero-first.ext4");
        var second = Path.Combine(_root.Output, "zero-second.ext4");
        FilesystemWriter.Write(FilesystemKind.Ext4, _root.Root, first, Options with { Epoch = 0 }, _root.Log);
        Thread.Sleep(1100);
        FilesystemWriter.Write(FilesystemKind.Ext4, _root.Root, second, Options with { Epoch = 0 }, _root.Log);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void FilesAreOwnedByRootAtTheEpochWithTheirModes()
    {
        var stagedByUser = _root.StageAgain("user");
        ChownKeepingModes(stagedByUser, "1000:1000");
        var image = Path.Combine(_root.Output, "root.ext4");
        FilesystemWriter.Write(FilesystemKind.Ext4, stagedByUser, image, Options, _root.Log);

        var bin = TestRoot.Run("debugfs", "-R", "ls -l /bin", image);
        Assert.Matches(@"100755 \(1\)\s+0\s+0\s+20 14-Nov-2023 22:13 tool", bin);
        Assert.Matches(@"120777 \(7\)\s+0\s+0\s+13 14-Nov-2023 22:13 link", bin);
        var suid = TestRoot.Run("debugfs", "-R", "stat /usr/sbin/suid", image);
        Assert.Contains("Mode:  04755", suid);
        Assert.Contains("User:     0   Group:     0", suid);
        foreach (var time in new[] { " ctime: 0x6553f100:", " atime: 0x6553f100:", " mtime: 0x6553f100:", "crtime: 0x6553f100:" })
            Assert.Contains(time, suid);
        var root = TestRoot.Run("debugfs", "-R", "stat /", image);
        Assert.Contains("User:     0   Group:     0", root);
        Assert.Contains(" ctime: 0x6553f100:", root);

        var extracted = Path.Combine(_root.Directory, "extracted");
        Directory.CreateDirectory(extracted);
        TestRoot.Run("debugfs", "-R", $"rdump / {extracted}", image);
        TestRoot.AssertSameFiles(extracted);
        TestRoot.Run("e2fsck", "-fn", image);
    }

    [Fact]
    public void SuperblockHasTheLabelSizeUuidAndOptionsOfTheConfig()
    {
        var image = Path.Combine(_root.Output, "root.ext4");
        FilesystemWriter.Write(FilesystemKind.Ext4, _root.Root, image,
            Options with { Ext4Journal = false, Ext4BlockSize = 1024, Ext4ReservedPercent = 5 }, _root.Log);
        Assert.Equal(8L * 1024 * 1024, new FileInfo(image).Length);
        var superblock = TestRoot.Run("dumpe2fs", "-h", image);
        Assert.Matches(@"Filesystem volume name:\s+rootfs\n", superblock);
        Assert.Matches($@"Filesystem UUID:\s+{FilesystemUuid.For("test-rootfs", TestRoot.Epoch, "ext4 filesystem")}\n", superblock);
        Assert.Matches(@"Block size:\s+1024\n", superblock);
        Assert.Matches(@"Block count:\s+8192\n", superblock);
        Assert.Matches(@"Reserved block count:\s+409\n", superblock);
        Assert.Matches(@"Filesystem created:\s+Tue Nov 14 22:13:20 2023\n", superblock);
        var features = superblock.Split('\n').Single(l => l.StartsWith("Filesystem features:", StringComparison.Ordinal));
        Assert.DoesNotContain("has_journal", features);
        Assert.DoesNotContain("metadata_csum", features);
        Assert.Contains("extent", features);
    }

    [Fact]
    public void JournalByDefault()
    {
        var image = Path.Combine(_root.Output, "root.ext4");
        FilesystemWriter.Write(FilesystemKind.Ext4, _root.Root, image, Options, _root.Log);
        Assert.Contains("has_journal", TestRoot.Run("dumpe2fs", "-h", image));
    }

    [Fact]
    public void RootLargerThanThePartitionIsSaidInTheConfigsTerms()
    {
        File.WriteAllBytes(Path.Combine(_root.Root, "usr/lib/big"), new byte[3 * 1024 * 1024]);
        var output = Path.Combine(_root.Output, "root.ext4");
        var error = Assert.Throws<UserError>(() =>
            FilesystemWriter.Write(FilesystemKind.Ext4, _root.Root, output, Options with { RootfsPartitionMiB = 2 }, _root.Log));
        Assert.Equal($"rootfs ({3 * 1024 * 1024 + RootBytes} bytes) does not fit the 2097152-byte ext4 partition (CONFIG_TARGET_ROOTFS_PARTSIZE=2)",
            error.Message);
        AssertNothingLeft(output);
    }

    [Fact]
    public void RootThatFitsOnlyWithoutItsMetadataIsSaidTheSameWay()
    {
        // 1.9 MiB of files fit 2 MiB by their bytes, not with the journal, inode tables and bitmaps: mke2fs finds out.
        File.WriteAllBytes(Path.Combine(_root.Root, "usr/lib/big"), new byte[1_900_000]);
        var output = Path.Combine(_root.Output, "root.ext4");
        var error = Assert.Throws<UserError>(() =>
            FilesystemWriter.Write(FilesystemKind.Ext4, _root.Root, output, Options with { RootfsPartitionMiB = 2 }, _root.Log));
        Assert.Equal($"rootfs ({1_900_000 + RootBytes} bytes) does not fit the 2097152-byte ext4 partition (CONFIG_TARGET_ROOTFS_PARTSIZE=2)",
            error.Message);
        AssertNothingLeft(output);
    }

    /// <summary>Owns a root by a user, as an unprivileged build stages it (chown clears set-user-id bits: they are set again).</summary>
    private static void ChownKeepingModes(string root, string owner)
    {
        TestRoot.Run("chown", "-R", owner, root);
        TestRoot.Run("chmod", "u+s", Path.Combine(root, "usr/sbin/suid"));
    }

    /// <summary>The test root's own files and symlink, in bytes.</summary>
    private static long RootBytes =>
        TestRoot.Banner.Length + TestRoot.Tool.Length + TestRoot.Blob.Length + "suid\n".Length + "../etc/banner".Length
        + "config interface 'loopback'\n\toption device 'lo'\n".Length;

    /// <summary>No image under the final name, nor a temporary file or directory beside it.</summary>
    private void AssertNothingLeft(string output)
    {
        Assert.False(File.Exists(output));
        Assert.Equal(["image.log"], Directory.GetFileSystemEntries(_root.Output).Select(Path.GetFileName));
    }
}
