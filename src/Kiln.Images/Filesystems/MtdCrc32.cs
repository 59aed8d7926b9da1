namespace Kiln.Images.Filesystems;

/// <summary>
/// The CRC-32 of JFFS2 and UBIFS nodes: the IEEE polynomial, bit-reversed, with the caller's
/// starting value and no final inversion (JFFS2 starts from 0, UBIFS from 0xFFFFFFFF), unlike
/// zlib's crc32, which inverts both ends.
/// </summary>
internal static class MtdCrc32
{
    public const uint JffsStart = 0;
    public const uint UbifsStart = 0xFFFFFFFF;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(uint start, ReadOnlySpan<byte> bytes)
    {
        var crc = start;
        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
