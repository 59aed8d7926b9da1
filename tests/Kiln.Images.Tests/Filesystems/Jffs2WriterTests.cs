using System.Runtime.Versioning;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class Jffs2WriterTests : IDisposable
{
    private static readonly byte[] Marker = [0xDE, 0xAD, 0xC0, 0xDE];

    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new() { Name = "test-rootfs", Epoch = TestRoot.Epoch, Jffs2EraseBlockKiB = 64 };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SameRootStagedTwiceAtAnotherMomentGivesTheSameBytes()
    {
        var first = Path.Combine(_root.Output, "first.jffs2");
        var second = Path.Combine(_root.Output, "second.jffs2");
        FilesystemWriter.Write(FilesystemKind.Jffs2, _root.Root, first, Options, _root.Log);
        // mkfs.jffs2 dates /dev and /dev/console with its clock: a second later they would differ.
        Thread.Sleep(1100);
        FilesystemWriter.Write(FilesystemKind.Jffs2, _root.StageAgain("again"), second, Options, _root.Log);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void PaddedToTheEraseBlockAndEndedWithTheMarker()
    {
        var image = Path.Combine(_root.Output, "root.jffs2-64k");
        FilesystemWriter.Write(FilesystemKind.Jffs2, _root.Root, image, Options, _root.Log);
        var bytes = File.ReadAllBytes(image);
        Assert.Equal(Marker, bytes[^4..]);
        Assert.Equal(0, (bytes.Length - 4) % (64 * 1024));
        // Little-endian magic 0x1985, then the clean marker every NOR erase block starts with.
        Assert.Equal([0x85, 0x19, 0x03, 0x20], bytes[..4]);
    }

    [Fact]
    public void NodesHoldTheRootWithValidChecksumsAndTheEpochAsEveryTime()
    {
        var image = Path.Combine(_root.Output, "root.jffs2-64k");
        FilesystemWriter.Write(FilesystemKind.Jffs2, _root.Root, image, Options, _root.Log);
        var nodes = TestRoot.Run("jffs2dump", "-c", image);
        AssertOnlyTheMarkerIsNoNode(nodes, new FileInfo(image).Length);
        foreach (var name in new[] { "bin", "tool", "link", "etc", "banner", "config", "network", "usr", "blob", "suid", "tmp", "dev", "console" })
            Assert.Contains($", name {name}\n", nodes);
        Assert.Equal(TestRoot.Banner, TestRoot.Run("jffs2reader", image, "-f", "/etc/banner"));
        // (jffs2reader ignores the very first directory entry, version 0, so /bin is out of its reach; the kernel is not.)
        Assert.Equal("suid\n", TestRoot.Run("jffs2reader", image, "-f", "/usr/sbin/suid"));
        var dev = TestRoot.Run("jffs2reader", image, "-d", "/dev");
        Assert.StartsWith("crw------- 1    0        0", dev);

        // Every directory entry's and inode's times, read back from the raw nodes.
        var bytes = File.ReadAllBytes(image);
        var times = 0;
        for (var offset = 0; offset + 12 <= bytes.Length; offset += 4)
        {
            if (BitConverter.ToUInt16(bytes, offset) != 0x1985) continue;
            var type = BitConverter.ToUInt16(bytes, offset + 2);
            if (type == 0xE001)
            {
                Assert.Equal((uint)TestRoot.Epoch, BitConverter.ToUInt32(bytes, offset + 24));
                times++;
            }
            else if (type == 0xE002)
            {
                for (var at = 32; at <= 40; at += 4) Assert.Equal((uint)TestRoot.Epoch, BitConverter.ToUInt32(bytes, offset + at));
                times++;
            }
        }
        Assert.True(times > 20, $"only {times} nodes found");
    }

    [Fact]
    public void RawImageHasNeitherPaddingNorMarker()
    {
        var raw = Path.Combine(_root.Output, "root.jffs2-64k-raw");
        var padded = Path.Combine(_root.Output, "root.jffs2-64k");
        FilesystemWriter.Write(FilesystemKind.Jffs2Raw, _root.Root, raw, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.Jffs2, _root.Root, padded, Options, _root.Log);
        var rawBytes = File.ReadAllBytes(raw);
        var paddedBytes = File.ReadAllBytes(padded);
        Assert.NotEqual(0, rawBytes.Length % (64 * 1024));
        Assert.NotEqual(Marker, rawBytes[^4..]);
        Assert.Equal(rawBytes, paddedBytes[..rawBytes.Length]);
        Assert.All(paddedBytes[rawBytes.Length..^4], b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void NandImageIsBigEndianWithoutCleanMarkersAndWithPageSizedNodes()
    {
        var image = Path.Combine(_root.Output, "root.jffs2-nand-2048-128k");
        FilesystemWriter.Write(FilesystemKind.Jffs2Nand, _root.Root, image,
            Options with { BigEndian = true, Jffs2EraseBlockKiB = 128, NandPageSize = 2048 }, _root.Log);
        var bytes = File.ReadAllBytes(image);
        Assert.Equal(Marker, bytes[^4..]);
        Assert.Equal(0, (bytes.Length - 4) % (128 * 1024));
        // Big-endian magic, and the first node is a directory entry: no clean marker before it.
        Assert.Equal([0x19, 0x85, 0xE0, 0x01], bytes[..4]);
        var nodes = TestRoot.Run("jffs2dump", "-b", "-c", image);
        AssertOnlyTheMarkerIsNoNode(nodes, bytes.Length);
        Assert.DoesNotContain("Cleanmarker", nodes);
        Assert.Contains("dsize     2048", nodes);
        Assert.DoesNotContain("dsize     4096", nodes);
    }

    [Fact]
    public void CompressorsTheHostLacksAreLeftOutAndLogged()
    {
        var image = Path.Combine(_root.Output, "root.jffs2-64k");
        FilesystemWriter.Write(FilesystemKind.Jffs2, _root.Root, image,
            Options with { Jffs2Compression = Jffs2Compressors.Zlib | Jffs2Compressors.Lzma }, _root.Log);
        var log = File.ReadAllText(_root.Log);
        Assert.Contains("-X zlib", log);
        Assert.Contains("-x rtime", log);
        Assert.Contains("the kernel has the JFFS2 compressor lzma, this mkfs.jffs2 has not", log);
        // The 300 kB blob is half repetitive: zlib nodes are smaller than the data they hold.
        Assert.Matches(@"csize\s+\d{2,3}, dsize\s+4096", TestRoot.Run("jffs2dump", "-c", image));
    }

    /// <summary>jffs2dump checks every CRC; the one thing it may call wrong is the marker after the last erase block.</summary>
    private static void AssertOnlyTheMarkerIsNoNode(string nodes, long imageLength)
    {
        var wrong = nodes.Split('\n').Where(l => l.StartsWith("Wrong", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Wrong bitmask  at  0x{imageLength - 4:x8}"], wrong.Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]));
    }
}
