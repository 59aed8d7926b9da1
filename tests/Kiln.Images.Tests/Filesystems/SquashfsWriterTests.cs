using System.Runtime.Versioning;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class SquashfsWriterTests : IDisposable
{
    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new() { Name = "test-rootfs", Epoch = TestRoot.Epoch, KernelArch = "x86" };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SameRootStagedTwiceGivesTheSameBytes()
    {
        var first = Path.Combine(_root.Output, "first.squashfs");
        var second = Path.Combine(_root.Output, "second.squashfs");
        FilesystemWriter.Write(FilesystemKind.Squashfs, _root.Root, first, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.Squashfs, _root.StageAgain("again"), second, Options, _root.Log);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void ListingHoldsTheRootAndTheConsoleOwnedByRootAtTheEpoch()
    {
        var image = Path.Combine(_root.Output, "root.squashfs");
        FilesystemWriter.Write(FilesystemKind.Squashfs, _root.Root, image, Options, _root.Log);
        var listing = TestRoot.Run("unsquashfs", "-ll", "-d", "", image).Split('\n');

        Assert.Contains(listing, l => l.StartsWith("crw------- root/root", StringComparison.Ordinal) && l.Contains("5,  1")
            && l.EndsWith("/dev/console", StringComparison.Ordinal));
        AssertListed(listing, "drwxr-xr-x root/root", "/dev");
        AssertListed(listing, "-rwxr-xr-x root/root", "/bin/tool");
        AssertListed(listing, "-rwsr-xr-x root/root", "/usr/sbin/suid");
        AssertListed(listing, "lrwxrwxrwx root/root", "/bin/link -> ../etc/banner");
        var entries = listing.Where(l => l.Length > 0).ToList();
        // Every path of the root, /dev and /dev/console, and the root itself.
        Assert.Equal(TestRoot.Paths.Length + 3, entries.Count);
        Assert.All(entries, l => Assert.Contains($" {TestRoot.EpochDate} 22:13 ", l));
    }

    [Fact]
    public void ExtractedFilesAreTheRootsAndTheSuperblockSaysXzWithTheBranchFilterAndTheEpoch()
    {
        var image = Path.Combine(_root.Output, "root.squashfs");
        FilesystemWriter.Write(FilesystemKind.Squashfs, _root.Root, image, Options, _root.Log);
        var extracted = Path.Combine(_root.Directory, "extracted");
        TestRoot.Run("unsquashfs", "-q", "-n", "-d", extracted, image);
        TestRoot.AssertSameFiles(extracted);

        var superblock = TestRoot.Run("unsquashfs", "-s", image);
        Assert.Contains("Compression xz", superblock);
        Assert.Contains("x86", superblock);
        Assert.Contains("Block size 262144", superblock);
        Assert.Contains("Tue Nov 14 22:13:20 2023", superblock);
        Assert.Contains("mksquashfs", File.ReadAllText(_root.Log));
    }

    [Fact]
    public void GzipAndABlockSizeFromTheConfig()
    {
        var image = Path.Combine(_root.Output, "root.squashfs");
        FilesystemWriter.Write(FilesystemKind.Squashfs, _root.Root, image, Options with { SquashfsXz = false, SquashfsBlockSizeKiB = 64 }, _root.Log);
        var superblock = TestRoot.Run("unsquashfs", "-s", image);
        Assert.Contains("Compression gzip", superblock);
        Assert.Contains("Block size 65536", superblock);
    }

    [Fact]
    public void BlockSizeThatIsNoPowerOfTwoIsTheUsersMistake()
    {
        var error = Assert.Throws<Kiln.Core.Errors.UserError>(() => FilesystemWriter.Write(FilesystemKind.Squashfs, _root.Root,
            Path.Combine(_root.Output, "root.squashfs"), Options with { SquashfsBlockSizeKiB = 100 }, _root.Log));
        Assert.Contains("CONFIG_TARGET_SQUASHFS_BLOCK_SIZE=100", error.Message);
    }

    private static void AssertListed(string[] listing, string modeAndOwner, string path) =>
        Assert.Contains(listing, l => l.StartsWith(modeAndOwner, StringComparison.Ordinal) && l.EndsWith(path, StringComparison.Ordinal));
}
