using Kiln.Make.Text;

namespace Kiln.OpenWrt.Scanning;

/// <summary>What OpenWrt's metadata scan writes for one Makefile: the Source-Makefile line, what the Makefile printed, a blank line.</summary>
public static class MetadataBlock
{
    public static string Text(string sourceMakefile, string output) => $"Source-Makefile: {sourceMakefile}\n{output}\n";

    /// <summary>The same text, written piece by piece (a dump is thousands of blocks: none is built whole).</summary>
    public static void Write(TextWriter writer, string sourceMakefile, string output)
    {
        writer.Write("Source-Makefile: ");
        writer.Write(sourceMakefile);
        writer.Write('\n');
        writer.Write(output);
        writer.Write('\n');
    }

    /// <summary>The same text as bytes, <paramref name="output"/> already bytes (byte text: a character a byte).</summary>
    public static void Write(Stream stream, string sourceMakefile, ReadOnlySpan<byte> output)
    {
        stream.Write("Source-Makefile: "u8);
        stream.Write(ByteText.GetBytes(sourceMakefile));
        stream.WriteByte((byte)'\n');
        stream.Write(output);
        stream.WriteByte((byte)'\n');
    }
}
