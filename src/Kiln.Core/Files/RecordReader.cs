using System.Buffers.Binary;
using System.Text;

namespace Kiln.Core.Files;

/// <summary>
/// Reads what <see cref="BinaryWriter"/> wrote (little-endian numbers, strings as a 7-bit encoded UTF-8 length and their
/// bytes) straight from the bytes: each string is one allocation, where <see cref="BinaryReader"/> builds a long one in
/// a StringBuilder. For the caches, whose records are decoded by the thousand. Malformed input throws
/// <see cref="EndOfStreamException"/> or <see cref="FormatException"/>, as BinaryReader does.
/// </summary>
public ref struct RecordReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public int Position => _position;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() != 0;

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public byte[] ReadBytes(int count) => Take(count).ToArray();

    /// <summary>Passes over <paramref name="count"/> bytes (which the caller takes from its own memory, by <see cref="Position"/>).</summary>
    public void Skip(int count) => Take(count);

    public string ReadString()
    {
        var length = Read7BitEncodedInt();
        return length == 0 ? "" : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>The next string's UTF-8 bytes, not decoded (they begin at <see cref="Position"/> less their length).</summary>
    public ReadOnlySpan<byte> ReadStringBytes() => Take(Read7BitEncodedInt());

    private int Read7BitEncodedInt()
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var part = ReadByte();
            value |= (part & 0x7F) << shift;
            if ((part & 0x80) == 0) return value >= 0 ? value : throw new FormatException("a negative length");
        }
        throw new FormatException("a length of more than five bytes");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _bytes.Length - _position) throw new EndOfStreamException("the record ends early");
        var part = _bytes.Slice(_position, count);
        _position += count;
        return part;
    }
}
