using System.Buffers.Binary;

namespace Kiln.Images.Filesystems;

/// <summary>
/// Sets every time in a JFFS2 image to one value: each directory entry node's mctime and each
/// inode node's atime, mtime and ctime, with the node's CRC computed again. Nodes are found as
/// the kernel's scan finds them: the magic at a 4-byte boundary, confirmed by the header's CRC.
/// </summary>
internal static class Jffs2Timestamps
{
    private const ushort Magic = 0x1985;
    private const ushort DirentNode = 0xE001;
    private const ushort InodeNode = 0xE002;
    private const int HeaderSize = 12;

    // struct jffs2_raw_dirent: the CRC of its first 32 bytes follows them; mctime is at 24.
    private const int DirentCrcLength = 32;
    private const int DirentTime = 24;

    // struct jffs2_raw_inode: the CRC of its first 60 bytes is at 64 (the data's CRC between); times at 32, 36, 40.
    private const int InodeCrcLength = 60;
    private const int InodeCrcOffset = 64;
    private static readonly int[] InodeTimes = [32, 36, 40];

    /// <summary>Dates every node of the image at <paramref name="path"/> <paramref name="time"/>; returns how many nodes it changed.</summary>
    public static int SetAll(string path, uint time, bool bigEndian)
    {
        var image = File.ReadAllBytes(path);
        var changed = SetAll(image, time, bigEndian);
        File.WriteAllBytes(path, image);
        return changed;
    }

    public static int SetAll(Span<byte> image, uint time, bool bigEndian)
    {
        var changed = 0;
        var offset = 0;
        while (offset + HeaderSize <= image.Length)
        {
            var header = image[offset..];
            if (Read16(header, bigEndian) != Magic || Read32(header[8..], bigEndian) != MtdCrc32.Compute(MtdCrc32.JffsStart, header[..8]))
            {
                offset += 4;
                continue;
            }
            var length = (int)Math.Min(Read32(header[4..], bigEndian), (uint)(image.Length - offset));
            var node = image.Slice(offset, Math.Max(length, HeaderSize));
            switch (Read16(node[2..], bigEndian))
            {
                case DirentNode when node.Length >= DirentCrcLength + 4:
                    if (Retime(node, [DirentTime], DirentCrcLength, DirentCrcLength, time, bigEndian)) changed++;
                    break;
                case InodeNode when node.Length >= InodeCrcOffset + 4:
                    if (Retime(node, InodeTimes, InodeCrcLength, InodeCrcOffset, time, bigEndian)) changed++;
                    break;
            }
            offset += (node.Length + 3) & ~3;
        }
        return changed;
    }

    /// <summary>Sets the node's times when its CRC shows it is whole, and computes the CRC again.</summary>
    private static bool Retime(Span<byte> node, ReadOnlySpan<int> times, int crcLength, int crcOffset, uint time, bool bigEndian)
    {
        if (Read32(node[crcOffset..], bigEndian) != MtdCrc32.Compute(MtdCrc32.JffsStart, node[..crcLength])) return false;
        foreach (var at in times) Write32(node[at..], time, bigEndian);
        Write32(node[crcOffset..], MtdCrc32.Compute(MtdCrc32.JffsStart, node[..crcLength]), bigEndian);
        return true;
    }

    private static ushort Read16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private static uint Read32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private static void Write32(Span<byte> bytes, uint value, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
    }
}
