using System.Globalization;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class CpioGzWriterTests : IDisposable
{
    /// <summary>What <c>cpio -it</c> lists: the root's entries in walk order, with /dev and /dev/console added.</summary>
    private static readonly string[] Listing =
    [
        ".", "bin", "bin/link", "bin/tool", "dev", "dev/console", "etc", "etc/banner", "etc/config", "etc/config/network", "tmp", "usr",
        "usr/lib", "usr/lib/blob", "usr/sbin", "usr/sbin/suid",
    ];

    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new() { Name = "test-rootfs", Epoch = TestRoot.Epoch };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SameRootStagedTwiceGivesTheSameBytesWithNoNameOrTimeInTheGzipHeader()
    {
        var first = Path.Combine(_root.Output, "first.cpio.gz");
        var second = Path.Combine(_root.Output, "second.cpio.gz");
        FilesystemWriter.Write(FilesystemKind.CpioGz, _root.Root, first, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.CpioGz, _root.StageAgain("again"), second, Options, _root.Log);
        var bytes = File.ReadAllBytes(first);
        Assert.Equal(bytes, File.ReadAllBytes(second));
        Assert.Equal([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00], bytes[..8]);
        TestRoot.Run("gzip", "-t", first);
    }

    [Fact]
    public void CpioListsEveryEntryInOrderWithItsModeOwnedByRootAtTheEpoch()
    {
        var image = Path.Combine(_root.Output, "rootfs.cpio.gz");
        FilesystemWriter.Write(FilesystemKind.CpioGz, _root.Root, image, Options, _root.Log);
        Assert.Equal(Listing, Cpio(image, "-it").Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var verbose = Cpio(image, "-itv", "--numeric-uid-gid").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Listing.Length, verbose.Length);
        Assert.All(verbose, line => Assert.Matches(@"^\S{10}\s+\d+ 0\s+0\s+.* Nov 14  2023 ", line));
        Assert.Matches(@"^crw-------\s+1 0\s+0\s+5,\s+1 Nov 14  2023 dev/console$", verbose[5]);
        Assert.Matches(@"^drwxr-xr-x\s+2 0\s+0\s+0 Nov 14  2023 dev$", verbose[4]);
        Assert.Matches(@"^lrwxrwxrwx\s+1 0\s+0\s+13 Nov 14  2023 bin/link -> ../etc/banner$", verbose[2]);
        Assert.Matches(@"^-rwsr-xr-x\s+1 0\s+0\s+5 Nov 14  2023 usr/sbin/suid$", verbose[15]);
        // The root holds bin, dev, etc, tmp and usr: two links and one for each.
        Assert.Matches(@"^drwxr-xr-x\s+7 0\s+0\s+0 Nov 14  2023 \.$", verbose[0]);
    }

    [Fact]
    public void CpioExtractsTheRootsContents()
    {
        var image = Path.Combine(_root.Output, "rootfs.cpio.gz");
        FilesystemWriter.Write(FilesystemKind.CpioGz, _root.Root, image, Options, _root.Log);
        var extracted = Path.Combine(_root.Directory, "extracted");
        Directory.CreateDirectory(extracted);
        TestRoot.RunIn(extracted, "sh", "-c", $"gzip -dc '{image}' | cpio -idm --quiet --no-absolute-filenames");
        TestRoot.AssertSameFiles(extracted);
        Assert.Equal(UnixFileMode.SetUser | (UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(extracted, "usr/sbin/suid")));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(TestRoot.Epoch), File.GetLastWriteTimeUtc(Path.Combine(extracted, "etc/banner")));
        Assert.StartsWith("character special file 5:1", TestRoot.Run("stat", "-c", "%F %t:%T", Path.Combine(extracted, "dev/console")));
    }

    [Fact]
    public void HeadersNumberEveryEntryAndEndWithTheTrailerOnABlockBoundary()
    {
        var image = Path.Combine(_root.Output, "rootfs.cpio.gz");
        FilesystemWriter.Write(FilesystemKind.CpioGz, _root.Root, image, Options, _root.Log);
        var archive = Gunzip(image);
        Assert.Equal(0, archive.Length % 512);
        var inodes = new List<uint>();
        var offset = 0;
        while (true)
        {
            var header = Encoding.ASCII.GetString(archive, offset, 110);
            Assert.StartsWith("070701", header);
            uint Field(int index) => uint.Parse(header.AsSpan(6 + 8 * index, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var nameSize = (int)Field(11);
            var name = Encoding.UTF8.GetString(archive, offset + 110, nameSize - 1);
            offset = Align4(Align4(offset + 110 + nameSize) + (int)Field(6));
            if (name == "TRAILER!!!")
            {
                Assert.Equal(0u, Field(0));
                break;
            }
            inodes.Add(Field(0));
            Assert.Equal((0u, 0u, (uint)TestRoot.Epoch), (Field(2), Field(3), Field(5)));
        }
        Assert.Equal(Enumerable.Range(1, Listing.Length).Select(i => (uint)i), inodes);
        Assert.All(archive[offset..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void RootWithItsOwnDevGetsOnlyTheConsole()
    {
        Directory.CreateDirectory(Path.Combine(_root.Root, "dev/pts"));
        var image = Path.Combine(_root.Output, "rootfs.cpio.gz");
        FilesystemWriter.Write(FilesystemKind.CpioGz, _root.Root, image, Options, _root.Log);
        var listing = Cpio(image, "-it").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["dev", "dev/console", "dev/pts", "etc"], listing[4..8]);
        Assert.Equal(Listing.Length + 1, listing.Length);
    }

    private static string Cpio(string image, params string[] arguments) =>
        TestRoot.Run("sh", "-c", $"gzip -dc '{image}' | cpio --quiet {string.Join(' ', arguments)}");

    private static byte[] Gunzip(string image)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(image), CompressionMode.Decompress)) gzip.CopyTo(output);
        return output.ToArray();
    }

    private static int Align4(int offset) => (offset + 3) & ~3;
}
