using System.Buffers.Binary;
using System.Runtime.Versioning;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class UbifsWriterTests : IDisposable
{
    private const int LebSize = 124 * 1024;

    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new()
    {
        Name = "test-rootfs",
        Epoch = TestRoot.Epoch,
        UbifsOptions = "-m 2048 -e 124KiB -c 1024",
        UbinizeOptions = "-p 128KiB -m 2048 -s 2048",
    };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SameRootStagedTwiceGivesTheSameBytes()
    {
        var first = Path.Combine(_root.Output, "first.ubifs");
        var second = Path.Combine(_root.Output, "second.ubifs");
        FilesystemWriter.Write(FilesystemKind.Ubifs, _root.Root, first, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.Ubifs, _root.StageAgain("again"), second, Options, _root.Log);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void SuperblockHasTheGeometryTheNamedUuidAndTheCompression()
    {
        var image = Path.Combine(_root.Output, "root.ubifs");
        FilesystemWriter.Write(FilesystemKind.Ubifs, _root.Root, image, Options, _root.Log);
        var bytes = File.ReadAllBytes(image);
        Assert.Equal(0x06101831u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(6, bytes[20]);
        Assert.Equal(2048u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(32)));
        Assert.Equal((uint)LebSize, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(36)));
        Assert.Equal(1024u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(44)));
        // Compression 2 is zlib; flag 4 is the free space fixup.
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(84)));
        Assert.NotEqual(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28)) & 4);
        Assert.Equal(FilesystemUuid.Bytes(FilesystemUuid.For("test-rootfs", TestRoot.Epoch, "ubifs filesystem")), bytes[108..124]);
        Assert.Equal(0, bytes.Length % LebSize);
    }

    [Fact]
    public void EveryNodeIsWholeAndEveryInodeIsRootsAtTheEpoch()
    {
        var image = Path.Combine(_root.Output, "root.ubifs");
        FilesystemWriter.Write(FilesystemKind.Ubifs, _root.Root, image, Options, _root.Log);
        var bytes = File.ReadAllBytes(image);
        var inodes = 0;
        var names = new List<string>();
        for (var offset = 0; offset + 24 <= bytes.Length; offset += 8)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)) != 0x06101831) continue;
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 16));
            var node = bytes.AsSpan(offset, length);
            // The CRC as the kernel checks it, of everything after the CRC field.
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(node[4..]), BitwiseCrc(node[8..]));
            // (A 64-byte node of type 0 follows the superblock in erase block 0: no inode, which is 160 bytes at least.)
            if (node[20] == 0 && length >= 160)
            {
                for (var i = 0; i < 3; i++) Assert.Equal((ulong)TestRoot.Epoch, BinaryPrimitives.ReadUInt64LittleEndian(node[(56 + 8 * i)..]));
                Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(node[96..]));
                Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(node[100..]));
                inodes++;
            }
            else if (node[20] == 2) names.Add(Encoding.UTF8.GetString(node[56..(56 + BinaryPrimitives.ReadUInt16LittleEndian(node[50..]))]));
            offset += (length + 7 & ~7) - 8;
        }
        // The root and its thirteen entries; each entry is named once.
        Assert.Equal(TestRoot.Paths.Length + 1, inodes);
        Assert.Equal(TestRoot.Paths.Select(Path.GetFileName).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UbiImageHoldsTheRootfsVolumeAndIsReproducible()
    {
        var first = Path.Combine(_root.Output, "first.ubi");
        var second = Path.Combine(_root.Output, "second.ubi");
        FilesystemWriter.Write(FilesystemKind.Ubi, _root.Root, first, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.Ubi, _root.StageAgain("again"), second, Options, _root.Log);
        var bytes = File.ReadAllBytes(first);
        Assert.Equal(bytes, File.ReadAllBytes(second));
        Assert.Equal("UBI#"u8.ToArray(), bytes[..4]);
        Assert.Equal(0, bytes.Length % (128 * 1024));
        // The erase counter header's image sequence number is the epoch (big-endian, at 24).
        Assert.Equal((uint)TestRoot.Epoch, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(24)));
        // The volume table names the volume, and a data erase block holds the UBIFS image's superblock.
        Assert.True(bytes.AsSpan().IndexOf("rootfs"u8) > 0);
        var ubifs = Path.Combine(_root.Output, "root.ubifs");
        FilesystemWriter.Write(FilesystemKind.Ubifs, _root.Root, ubifs, Options, _root.Log);
        Assert.True(bytes.AsSpan().IndexOf(File.ReadAllBytes(ubifs).AsSpan(0, 4096)) > 0);
        var log = File.ReadAllText(_root.Log);
        Assert.Contains("# [rootfs]\n# mode=ubi\n# vol_id=0\n# vol_type=dynamic\n# vol_name=rootfs\n", log);
        Assert.Contains("# vol_flags=autoresize\n", log);
        Assert.Contains("ubinize -Q 1700000000 -o ", log);
    }

    [Fact]
    public void MissingGeometryIsSaidBeforeAnythingRuns()
    {
        var error = Assert.Throws<UserError>(() => FilesystemWriter.Write(FilesystemKind.Ubifs, _root.Root,
            Path.Combine(_root.Output, "root.ubifs"), Options with { UbifsOptions = "" }, _root.Log));
        Assert.StartsWith("UBIFS_OPTS is empty", error.Message);
        var ubi = Assert.Throws<UserError>(() => FilesystemWriter.Write(FilesystemKind.Ubi, _root.Root,
            Path.Combine(_root.Output, "root.ubi"), Options with { UbinizeOptions = "-m 2048" }, _root.Log));
        Assert.Contains("give no erase block size (-p", ubi.Message);
    }

    [Fact]
    public void FailureQuotesTheProgramAndLeavesNoImage()
    {
        var output = Path.Combine(_root.Output, "root.ubifs");
        var error = Assert.Throws<UserError>(() => FilesystemWriter.Write(FilesystemKind.Ubifs, _root.Root, output,
            Options with { UbifsOptions = "-m 2048 -e 124KiB -c 2" }, _root.Log));
        Assert.Matches(@"^mkfs.ubifs failed \(exit status \d+\):\n", error.Message);
        Assert.Contains("Error: too low max. count of LEBs, minimum is 17", error.Message);
        Assert.EndsWith($"(the whole output is in {_root.Log})", error.Message);
        Assert.False(File.Exists(output));
        Assert.Equal(["image.log"], Directory.GetFileSystemEntries(_root.Output).Select(Path.GetFileName));
    }

    /// <summary>The reflected CRC-32 from 0xFFFFFFFF without the final inversion, a bit at a time (independent of the writer's table).</summary>
    private static uint BitwiseCrc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
        }
        return crc;
    }
}
