using System.Buffers.Binary;

namespace Kiln.Images.Filesystems;

/// <summary>
/// What makes two mkfs.ubifs images of one root differ, set to fixed values: the superblock's
/// UUID (mkfs.ubifs takes a random one and has no option for it) and each inode node's access,
/// change and modification times (copied from the staged files, whose change time is whenever
/// they were staged), with each changed node's CRC computed again. UBIFS is little-endian on
/// every machine. Only the main area holds inode nodes; it is read one erase block at a time.
/// </summary>
internal static class UbifsNormalizer
{
    private const uint Magic = 0x06101831;
    private const int CommonHeaderSize = 24;
    private const int CrcOffset = 4;
    private const int LengthOffset = 16;
    private const int TypeOffset = 20;
    private const byte InodeNodeType = 0;
    private const byte SuperblockNodeType = 6;

    // struct ubifs_sb_node (the first node of erase block 0).
    private const int SuperblockSize = 4096;
    private const int LebSizeOffset = 36;
    private const int LogLebsOffset = 56;
    private const int LptLebsOffset = 60;
    private const int OrphanLebsOffset = 64;
    private const int UuidOffset = 108;

    // The erase blocks before the log: the superblock and the two master nodes.
    private const int FirstLogLeb = 3;

    // struct ubifs_ino_node: three 64-bit seconds, then three 32-bit nanoseconds.
    private const int InodeNodeMinimum = 160;
    private const int SecondsOffset = 56;
    private const int NanosecondsOffset = 80;

    /// <summary>Sets the UUID and the inode times of the image at <paramref name="path"/>; returns how many inode nodes it changed.</summary>
    public static int Normalize(string path, byte[] uuid, ulong time)
    {
        using var image = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var superblock = new byte[SuperblockSize];
        image.ReadExactly(superblock);
        if (BinaryPrimitives.ReadUInt32LittleEndian(superblock) != Magic || superblock[TypeOffset] != SuperblockNodeType)
            throw new InvalidDataException($"{path}: mkfs.ubifs made no UBIFS superblock");
        var superblockLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(superblock.AsSpan(LengthOffset));
        if (superblockLength is < UuidOffset + 16 or > SuperblockSize || !IsSealed(superblock.AsSpan(0, superblockLength)))
            throw new InvalidDataException($"{path}: the UBIFS superblock mkfs.ubifs made is damaged");
        uuid.CopyTo(superblock, UuidOffset);
        Seal(superblock.AsSpan(0, superblockLength));
        image.Position = 0;
        image.Write(superblock);

        var lebSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(superblock.AsSpan(LebSizeOffset));
        var mainArea = FirstLogLeb + BinaryPrimitives.ReadInt32LittleEndian(superblock.AsSpan(LogLebsOffset))
            + BinaryPrimitives.ReadInt32LittleEndian(superblock.AsSpan(LptLebsOffset))
            + BinaryPrimitives.ReadInt32LittleEndian(superblock.AsSpan(OrphanLebsOffset));
        var leb = new byte[lebSize];
        var changed = 0;
        for (long start = (long)mainArea * lebSize; start < image.Length; start += lebSize)
        {
            image.Position = start;
            var length = (int)Math.Min(lebSize, image.Length - start);
            image.ReadExactly(leb, 0, length);
            var inLeb = RetimeInodes(leb.AsSpan(0, length), time);
            if (inLeb == 0) continue;
            image.Position = start;
            image.Write(leb, 0, length);
            changed += inLeb;
        }
        return changed;
    }

    /// <summary>
    /// Walks the nodes of one erase block (8-byte aligned; padding between them is skipped 8 bytes
    /// at a time) and dates each inode node whose CRC shows it is whole.
    /// </summary>
    private static int RetimeInodes(Span<byte> leb, ulong time)
    {
        var changed = 0;
        var offset = 0;
        while (offset + CommonHeaderSize <= leb.Length)
        {
            var rest = leb[offset..];
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(rest[LengthOffset..]);
            if (BinaryPrimitives.ReadUInt32LittleEndian(rest) != Magic || length < CommonHeaderSize || length > rest.Length)
            {
                offset += 8;
                continue;
            }
            var node = rest[..length];
            if (node[TypeOffset] == InodeNodeType && length >= InodeNodeMinimum && IsSealed(node))
            {
                for (var i = 0; i < 3; i++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(node[(SecondsOffset + 8 * i)..], time);
                    BinaryPrimitives.WriteUInt32LittleEndian(node[(NanosecondsOffset + 4 * i)..], 0);
                }
                Seal(node);
                changed++;
            }
            offset += (length + 7) & ~7;
        }
        return changed;
    }

    private static bool IsSealed(ReadOnlySpan<byte> node) =>
        BinaryPrimitives.ReadUInt32LittleEndian(node[CrcOffset..]) == MtdCrc32.Compute(MtdCrc32.UbifsStart, node[8..]);

    /// <summary>The node's CRC, over everything after the magic and the CRC itself.</summary>
    private static void Seal(Span<byte> node) =>
        BinaryPrimitives.WriteUInt32LittleEndian(node[CrcOffset..], MtdCrc32.Compute(MtdCrc32.UbifsStart, node[8..]));
}
