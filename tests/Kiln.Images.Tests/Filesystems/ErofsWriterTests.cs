using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class ErofsWriterTests : IDisposable
{
    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new() { Name = "test-rootfs", Epoch = TestRoot.Epoch };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SameRootStagedTwiceByAnotherUserGivesTheSameBytes()
    {
        var first = Path.Combine(_root.Output, "first.erofs");
        var second = Path.Combine(_root.Output, "second.erofs");
        FilesystemWriter.Write(FilesystemKind.Erofs, _root.Root, first, Options, _root.Log);
        var again = _root.StageAgain("again");
        TestRoot.Run("chown", "-R", "1000:1000", again);
        TestRoot.Run("chmod", "u+s", Path.Combine(again, "usr/sbin/suid"));
        FilesystemWriter.Write(FilesystemKind.Erofs, again, second, Options, _root.Log);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void ExtractedFilesAreTheRootsOwnedByRootAtTheEpoch()
    {
        var image = Path.Combine(_root.Output, "root.erofs");
        FilesystemWriter.Write(FilesystemKind.Erofs, _root.Root, image, Options, _root.Log);
        var extracted = Path.Combine(_root.Directory, "extracted");
        TestRoot.Run("fsck.erofs", $"--extract={extracted}", image);
        TestRoot.AssertSameFiles(extracted);

        var suid = TestRoot.Run("dump.erofs", "--path=/usr/sbin/suid", image);
        Assert.Contains("Uid: 0   Gid: 0  Access: 0755/rwxr-xr-x", suid);
        Assert.Contains("Timestamp: 2023-11-14 22:13:20", suid);
        // dump.erofs and fsck.erofs show only the permission bits; the inode keeps the set-user-id bit:
        // its mode is at 4 in the inode, which is at 32 times its number past the metadata's start.
        var superblock = TestRoot.Run("dump.erofs", "-s", image);
        var metadata = long.Parse(Regex.Match(superblock, @"inode metadata start block:\s+(\d+)").Groups[1].Value);
        var inode = long.Parse(Regex.Match(suid, @"NID: (\d+)").Groups[1].Value);
        var bytes = File.ReadAllBytes(image);
        Assert.Equal(0x89ED, BitConverter.ToUInt16(bytes, (int)(metadata * 4096 + inode * 32 + 4)));
        Assert.Contains($"Filesystem UUID:                              {FilesystemUuid.For("test-rootfs", TestRoot.Epoch, "erofs filesystem")}",
            superblock);
        Assert.Contains("Filesystem created:                           Tue Nov 14 22:13:20 2023", superblock);
    }

    [Fact]
    public void CompressionFollowsTheOptions()
    {
        var compressed = Path.Combine(_root.Output, "lz4hc.erofs");
        var plain = Path.Combine(_root.Output, "plain.erofs");
        FilesystemWriter.Write(FilesystemKind.Erofs, _root.Root, compressed, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.Erofs, _root.Root, plain, Options with { ErofsCompression = ErofsCompression.None }, _root.Log);
        Assert.Matches(@"Filesystem compressed files:\s+[1-9]", TestRoot.Run("dump.erofs", "-S", compressed));
        Assert.Matches(@"Filesystem compressed files:\s+0\n", TestRoot.Run("dump.erofs", "-S", plain));
        Assert.True(new FileInfo(compressed).Length < new FileInfo(plain).Length);
    }
}
