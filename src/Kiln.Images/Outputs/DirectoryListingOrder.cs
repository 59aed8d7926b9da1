namespace Kiln.Images.Outputs;

/// <summary>
/// The order in which ext4 lists a directory: by the htree hash of each name (half-MD4 with the
/// default seed, the seed of a file system whose superblock sets none, as on the machines
/// OpenWrt's reference outputs were made on), then by its minor hash. OpenWrt's
/// json_overview_image_info.py reads json_info_files in that order, and the order of each
/// device's images in profiles.json is the order it read them in.
/// </summary>
public static class DirectoryListingOrder
{
    /// <summary>A key that sorts names as ext4 lists them.</summary>
    public static ulong Key(string name)
    {
        var (major, minor) = HalfMd4(System.Text.Encoding.UTF8.GetBytes(name));
        return ((ulong)major << 32) | minor;
    }

    private static (uint Major, uint Minor) HalfMd4(byte[] name)
    {
        Span<uint> buffer = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
        Span<uint> block = stackalloc uint[8];
        for (var offset = 0; offset < name.Length; offset += 32)
        {
            ToHashBlock(name.AsSpan(offset), block);
            Transform(buffer, block);
        }
        return (buffer[1] & ~1u, buffer[2]);
    }

    /// <summary>ext4's str2hashbuf: up to 32 bytes into 8 words, padded with the length.</summary>
    private static void ToHashBlock(ReadOnlySpan<byte> text, Span<uint> block)
    {
        var length = (uint)text.Length;
        var pad = length | (length << 8);
        pad |= pad << 16;
        var value = pad;
        var count = Math.Min(text.Length, 32);
        var word = 0;
        for (var i = 0; i < count; i++)
        {
            // Names are read as signed chars, as on x86: bytes above 127 count as negative.
            value = unchecked((uint)(sbyte)text[i] + (value << 8));
            if (i % 4 == 3)
            {
                block[word++] = value;
                value = pad;
            }
        }
        if (word < 8) block[word++] = value;
        while (word < 8) block[word++] = pad;
    }

    private static void Transform(Span<uint> buffer, ReadOnlySpan<uint> x)
    {
        const uint k2 = 0x5A827999, k3 = 0x6ED9EBA1;
        uint a = buffer[0], b = buffer[1], c = buffer[2], d = buffer[3];
        static uint F(uint x, uint y, uint z) => z ^ (x & (y ^ z));
        static uint G(uint x, uint y, uint z) => (x & y) + ((x ^ y) & z);
        static uint H(uint x, uint y, uint z) => x ^ y ^ z;
        static uint Rotate(uint value, int bits) => (value << bits) | (value >> (32 - bits));

        a = Rotate(a + F(b, c, d) + x[0], 3); d = Rotate(d + F(a, b, c) + x[1], 7);
        c = Rotate(c + F(d, a, b) + x[2], 11); b = Rotate(b + F(c, d, a) + x[3], 19);
        a = Rotate(a + F(b, c, d) + x[4], 3); d = Rotate(d + F(a, b, c) + x[5], 7);
        c = Rotate(c + F(d, a, b) + x[6], 11); b = Rotate(b + F(c, d, a) + x[7], 19);

        a = Rotate(a + G(b, c, d) + x[1] + k2, 3); d = Rotate(d + G(a, b, c) + x[3] + k2, 5);
        c = Rotate(c + G(d, a, b) + x[5] + k2, 9); b = Rotate(b + G(c, d, a) + x[7] + k2, 13);
        a = Rotate(a + G(b, c, d) + x[0] + k2, 3); d = Rotate(d + G(a, b, c) + x[2] + k2, 5);
        c = Rotate(c + G(d, a, b) + x[4] + k2, 9); b = Rotate(b + G(c, d, a) + x[6] + k2, 13);

        a = Rotate(a + H(b, c, d) + x[3] + k3, 3); d = Rotate(d + H(a, b, c) + x[7] + k3, 9);
        c = Rotate(c + H(d, a, b) + x[2] + k3, 11); b = Rotate(b + H(c, d, a) + x[6] + k3, 15);
        a = Rotate(a + H(b, c, d) + x[1] + k3, 3); d = Rotate(d + H(a, b, c) + x[5] + k3, 9);
        c = Rotate(c + H(d, a, b) + x[0] + k3, 11); b = Rotate(b + H(c, d, a) + x[4] + k3, 15);

        buffer[0] += a; buffer[1] += b; buffer[2] += c; buffer[3] += d;
    }
}
