using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Packing.Archives;

public static partial class TarGz
{
    /// <summary>A tar is written in records of this many bytes (GNU tar's default blocking factor, 20 blocks).</summary>
    private const int RecordSize = 20 * Block;

    private const int Block = 512;

    /// <summary>The longest name or link target a header holds; a longer one goes in a GNU long-name record before it.</summary>
    private const int NameField = 100;

    /// <summary>
    /// Listed entries as GNU tar 1.35 writes them to a pipe with
    /// <c>tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@TIME -c</c> (OpenWrt's
    /// packing of a source checkout), byte for byte: GNU headers with no owner names and empty
    /// device numbers, long names and link targets in <c>././@LongLink</c> records, and the
    /// archive ended by two zero blocks and padded to whole 10 KiB records. Nothing is compressed;
    /// <paramref name="output"/> stays open and is never flushed.
    /// </summary>
    public static void WriteGnuTar(IEnumerable<DiskEntry> entries, DateTimeOffset time, Stream output)
    {
        var counted = 0L;
        var header = new byte[Block];
        foreach (var entry in entries)
        {
            using var content = entry.Path is null ? null : Content.Of(entry);
            var type = entry.LinkTarget is not null ? (byte)'2' : content is null ? (byte)'5' : (byte)'0';
            if (entry.LinkTarget is not null && Encoding.UTF8.GetByteCount(entry.LinkTarget) > NameField)
                counted += WriteLongName(output, header, entry.LinkTarget, (byte)'K');
            if (Encoding.UTF8.GetByteCount(entry.Name) > NameField) counted += WriteLongName(output, header, entry.Name, (byte)'L');
            Array.Clear(header);
            Text(header.AsSpan(0, NameField), entry.Name);
            Number(header.AsSpan(100, 8), (long)entry.Mode & 0b111_111_111_111);
            Number(header.AsSpan(108, 8), 0);
            Number(header.AsSpan(116, 8), 0);
            Number(header.AsSpan(124, 12), content?.Length ?? 0);
            Number(header.AsSpan(136, 12), time.ToUnixTimeSeconds());
            header[156] = type;
            if (entry.LinkTarget is not null) Text(header.AsSpan(157, NameField), entry.LinkTarget);
            counted += WriteHeader(output, header);
            if (content is not null) counted += WriteData(output, content);
        }
        // The end: two zero blocks, then zeros to the end of the record.
        output.Write(new byte[(counted + 2 * Block + RecordSize - 1) / RecordSize * RecordSize - counted]);
    }

    /// <summary>A GNU long-name record (type L for a name, K for a link target): GNU tar's private header, then the text and a NUL.</summary>
    private static long WriteLongName(Stream output, byte[] header, string text, byte type)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        Array.Clear(header);
        Text(header, "././@LongLink");
        Number(header.AsSpan(100, 8), 0b110_100_100);
        Number(header.AsSpan(108, 8), 0);
        Number(header.AsSpan(116, 8), 0);
        Number(header.AsSpan(124, 12), bytes.Length);
        Number(header.AsSpan(136, 12), 0);
        header[156] = type;
        var written = WriteHeader(output, header);
        return written + WriteData(output, new MemoryStream(bytes, writable: false));
    }

    /// <summary>The header with GNU's magic and its checksum (six octal digits, a NUL and a space, summed with the field as spaces).</summary>
    private static int WriteHeader(Stream output, byte[] header)
    {
        "ustar  \0"u8.CopyTo(header.AsSpan(257));
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header) sum += b;
        Number(header.AsSpan(148, 7), sum);
        output.Write(header);
        return Block;
    }

    /// <summary>Content in whole blocks, the last one padded with zeros.</summary>
    private static long WriteData(Stream output, Stream content)
    {
        var length = content.Length;
        content.CopyTo(output);
        var padding = (int)((Block - length % Block) % Block);
        output.Write(new byte[padding]);
        return length + padding;
    }

    /// <summary>A name or link target in its field: its UTF-8 bytes, cut at the field's size (the whole of a long one is in its long-name record).</summary>
    private static void Text(Span<byte> field, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, field.Length)).CopyTo(field);
    }

    /// <summary>
    /// A number as GNU tar writes it: octal digits filling all but the field's last byte, which is
    /// a NUL; a number too large for them (or negative) in GNU's base-256 form.
    /// </summary>
    private static void Number(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        if (value >= 0 && value < 1L << (3 * Math.Min(digits, 21)))
        {
            for (var i = digits - 1; i >= 0; i--, value >>= 3) field[i] = (byte)('0' + (value & 7));
            field[digits] = 0;
            return;
        }
        if (field.Length < 12) throw new UserError($"tar: {value} does not fit a header field");
        for (var i = field.Length - 1; i >= 0; i--, value >>= 8) field[i] = (byte)value;
        field[0] |= 0x80;
    }
}
