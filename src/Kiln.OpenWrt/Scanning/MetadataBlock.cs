using Kiln.Make.Text;

namespace Kiln.OpenWrt.Scanning;

/// <summary>What OpenWrt's metadata scan writes for one Makefile: the Source-Makefile line, what the Makefile printed, a blank line.</summary>
public static class MetadataBlock
{
    public static string Text(string sourceMakefile, string output) => $"Source-Makefile: {sourceMakefile}\n{output}\n";

    /// <summary>
    /// The same text written as bytes, piece by piece (a dump is thousands of blocks: none is built whole);
    /// <paramref name="output"/> is already bytes (byte text: a character a byte).
    /// </summary>
    public static void Write(Stream stream, string sourceMakefile, ReadOnlySpan<byte> output)
    {
        stream.Write("Source-Makefile: "u8);
        stream.Write(ByteText.GetBytes(sourceMakefile));
        stream.WriteByte((byte)'\n');
        stream.Write(output);
        stream.WriteByte((byte)'\n');
    }
}
