using System.Buffers.Binary;
using Kiln.Core.Errors;

namespace Kiln.Images.Boot;

/// <summary>A partition of a disk image: its number (1 first) and where it lies, in bytes.</summary>
public sealed record DiskPartition(int Number, long Offset, long Length);

/// <summary>
/// The partitions of a disk image as a PC's firmware and kernel read them: the master boot
/// record's four primary entries, or, behind a protective MBR (type 0xEE), the GUID partition
/// table's entries (sectors of 512 bytes, as OpenWrt's ptgen and sfdisk write them).
/// </summary>
public static class DiskPartitions
{
    private const int Sector = 512;

    public static IReadOnlyList<DiskPartition> Read(string image)
    {
        using var file = File.OpenRead(image);
        var mbr = new byte[Sector];
        if (file.Read(mbr) != Sector || mbr[510] != 0x55 || mbr[511] != 0xAA)
            throw new UserError($"{image}: no partition table (no boot signature in its first sector)");
        var partitions = new List<DiskPartition>();
        for (var i = 0; i < 4; i++)
        {
            var entry = mbr.AsSpan(446 + 16 * i, 16);
            var type = entry[4];
            if (type == 0xEE) return Gpt(file, image);
            var start = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            var count = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
            if (type != 0 && count > 0) partitions.Add(new DiskPartition(i + 1, (long)start * Sector, (long)count * Sector));
        }
        return partitions;
    }

    private static List<DiskPartition> Gpt(FileStream file, string image)
    {
        var header = new byte[Sector];
        file.Position = Sector;
        if (file.Read(header) != Sector || !header.AsSpan(0, 8).SequenceEqual("EFI PART"u8))
            throw new UserError($"{image}: a protective MBR but no GUID partition table header in sector 1");
        var first = (long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(72));
        var count = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(80));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(84));
        if (size < 128 || count > 1024) throw new UserError($"{image}: a GUID partition table with {count} entries of {size} bytes");
        var entries = new byte[count * size];
        file.Position = first * Sector;
        file.ReadExactly(entries);
        var partitions = new List<DiskPartition>();
        for (var i = 0; i < count; i++)
        {
            var entry = entries.AsSpan((int)(i * size), (int)size);
            if (entry[..16].IndexOfAnyExcept((byte)0) < 0) continue;
            var start = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[32..]);
            var end = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[40..]);
            partitions.Add(new DiskPartition(i + 1, start * Sector, (end - start + 1) * Sector));
        }
        return partitions;
    }

    /// <summary>Copies one partition's bytes out of the image.</summary>
    public static void Extract(string image, DiskPartition partition, string destination)
    {
        using var input = File.OpenRead(image);
        if (partition.Offset + partition.Length > input.Length)
            throw new UserError($"{image}: partition {partition.Number} ends past the end of the image");
        input.Position = partition.Offset;
        using var output = File.Create(destination);
        var buffer = new byte[1 << 20];
        for (var left = partition.Length; left > 0;)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new UserError($"{image}: ends inside partition {partition.Number}");
            output.Write(buffer, 0, read);
            left -= read;
        }
    }
}
