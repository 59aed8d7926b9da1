using System.Text;
using Kiln.Core.Files;

namespace Kiln.Core.Tests.Files;

/// <summary>RecordReader reads back exactly what BinaryWriter wrote, and refuses what it did not.</summary>
public sealed class RecordReaderTests
{
    private static byte[] Written(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) write(writer);
        return buffer.ToArray();
    }

    [Fact]
    public void ReadsWhatBinaryWriterWrote()
    {
        // A string past 127 bytes needs a two-byte length; byte text above 127 is two UTF-8 bytes a character.
        var longText = new string('x', 300) + "\u00e9\u00ff";
        var bytes = Written(w =>
        {
            w.Write("");
            w.Write(longText);
            w.Write(-7);
            w.Write(long.MaxValue);
            w.Write(true);
            w.Write((byte)200);
            w.Write(new byte[] { 1, 2, 3 });
        });
        var reader = new RecordReader(bytes);
        Assert.Equal("", reader.ReadString());
        Assert.Equal(longText, reader.ReadString());
        Assert.Equal(-7, reader.ReadInt32());
        Assert.Equal(long.MaxValue, reader.ReadInt64());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(200, reader.ReadByte());
        Assert.Equal([1, 2, 3], reader.ReadBytes(3));
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void ARecordThatEndsEarlyOrHasAnImpossibleLengthIsRefused()
    {
        var bytes = Written(w => w.Write("a string"));
        Assert.Throws<EndOfStreamException>(() => new RecordReader(bytes.AsSpan(0, bytes.Length - 1)).ReadString());
        Assert.Throws<EndOfStreamException>(() => new RecordReader(bytes).ReadBytes(bytes.Length + 1));
        Assert.Throws<FormatException>(() => new RecordReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]).ReadString());
    }
}
