using System.Buffers.Binary;
using System.Text;

namespace Kiln.Lint.Built;

/// <summary>The kinds of ELF file a package ships (e_type).</summary>
public enum ElfType
{
    None = 0,
    Relocatable = 1,
    Executable = 2,
    Shared = 3,
    Core = 4,
}

/// <summary>
/// What lint reads of an ELF file: its type, its SONAME (DT_SONAME) and the libraries it needs
/// (DT_NEEDED), for 32- or 64-bit files of either byte order, from bytes in memory. The dynamic
/// section is found through the program headers, as the dynamic loader finds it, so that a file
/// stripped of its section headers is read too.
/// </summary>
public sealed record ElfFile(ElfType Type, bool Is64Bit, bool IsBigEndian, string? SoName, IReadOnlyList<string> Needed)
{
    private const uint LoadSegment = 1;
    private const uint DynamicSegment = 2;
    private const long DtNull = 0, DtNeeded = 1, DtStrtab = 5, DtStrsz = 10, DtSoname = 14;

    /// <summary>Whether <paramref name="bytes"/> start as an ELF file does.</summary>
    private static bool IsElf(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x7f && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F';

    /// <summary>The file read, or null when it is not an ELF file or is cut short or damaged (lint then has nothing to say of it).</summary>
    public static ElfFile? Read(ReadOnlySpan<byte> bytes)
    {
        if (!IsElf(bytes) || bytes.Length < 52) return null;
        var is64 = bytes[4] == 2;
        var big = bytes[5] == 2;
        if (bytes[4] is not (1 or 2) || bytes[5] is not (1 or 2) || (is64 && bytes.Length < 64)) return null;
        var reader = new Fields(bytes, is64, big);
        var type = (ElfType)reader.Half(16);
        var phoff = reader.Offset(is64 ? 32 : 28);
        var phentsize = reader.Half(is64 ? 54 : 42);
        var phnum = reader.Half(is64 ? 56 : 44);
        if (phoff is null || phentsize < (is64 ? 56 : 32)) return new ElfFile(type, is64, big, null, []);

        // The loadable segments map the string table's address to where it is in the file.
        var loads = new List<(ulong Address, ulong Offset, ulong Size)>();
        (ulong Offset, ulong Size)? dynamic = null;
        for (var i = 0; i < phnum; i++)
        {
            var at = phoff.Value + (long)i * phentsize;
            if (at + phentsize > bytes.Length) return null;
            var kind = reader.Word(at);
            var offset = is64 ? reader.Long(at + 8) : reader.Word(at + 4);
            var address = is64 ? reader.Long(at + 16) : reader.Word(at + 8);
            var fileSize = is64 ? reader.Long(at + 32) : reader.Word(at + 16);
            if (kind == LoadSegment) loads.Add((address, offset, fileSize));
            else if (kind == DynamicSegment) dynamic = (offset, fileSize);
        }
        if (dynamic is not { } section) return new ElfFile(type, is64, big, null, []);
        // Compared without sums, which a damaged file's values could overflow.
        var length = (ulong)bytes.Length;
        if (section.Offset > length || section.Size > length - section.Offset) return null;

        var entrySize = is64 ? 16 : 8;
        ulong? strtab = null;
        ulong strsz = 0;
        var needed = new List<ulong>();
        ulong? soname = null;
        for (var at = (long)section.Offset; at + entrySize <= (long)(section.Offset + section.Size); at += entrySize)
        {
            var tag = is64 ? (long)reader.Long(at) : (int)reader.Word(at);
            var value = is64 ? reader.Long(at + 8) : reader.Word(at + 4);
            if (tag == DtNull) break;
            switch (tag)
            {
                case DtNeeded: needed.Add(value); break;
                case DtSoname: soname = value; break;
                case DtStrtab: strtab = value; break;
                case DtStrsz: strsz = value; break;
            }
        }
        if (strtab is not { } strtabAddress) return new ElfFile(type, is64, big, null, []);
        ulong? table = null;
        foreach (var load in loads)
            if (strtabAddress >= load.Address && strtabAddress - load.Address < load.Size
                && load.Offset < length && strtabAddress - load.Address < length)
                table = load.Offset + (strtabAddress - load.Address);
        if (table is not { } start || start >= length) return null;
        var end = strsz > 0 && strsz < length - start ? start + strsz : length;
        var strings = bytes[(int)start..(int)end];

        static string? Name(ReadOnlySpan<byte> strings, ulong offset)
        {
            if (offset >= (ulong)strings.Length) return null;
            var rest = strings[(int)offset..];
            var end = rest.IndexOf((byte)0);
            return end < 0 ? null : Encoding.Latin1.GetString(rest[..end]);
        }

        var names = new List<string>(needed.Count);
        foreach (var offset in needed)
            if (Name(strings, offset) is { } name) names.Add(name);
        return new ElfFile(type, is64, big, soname is { } s ? Name(strings, s) : null, names);
    }

    /// <summary>The header fields at byte offsets, in the file's byte order.</summary>
    private readonly ref struct Fields(ReadOnlySpan<byte> bytes, bool is64, bool big)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public ushort Half(long at) => big ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[(int)at..]) : BinaryPrimitives.ReadUInt16LittleEndian(_bytes[(int)at..]);

        public uint Word(long at) => big ? BinaryPrimitives.ReadUInt32BigEndian(_bytes[(int)at..]) : BinaryPrimitives.ReadUInt32LittleEndian(_bytes[(int)at..]);

        public ulong Long(long at) => big ? BinaryPrimitives.ReadUInt64BigEndian(_bytes[(int)at..]) : BinaryPrimitives.ReadUInt64LittleEndian(_bytes[(int)at..]);

        /// <summary>A file offset field (e_phoff), or null when it points outside the file.</summary>
        public long? Offset(long at)
        {
            var value = is64 ? Long(at) : Word(at);
            return value > 0 && value < (ulong)_bytes.Length ? (long)value : null;
        }
    }
}
