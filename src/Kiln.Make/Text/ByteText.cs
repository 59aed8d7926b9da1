using System.Text;

namespace Kiln.Make.Text;

/// <summary>
/// Make works on bytes. Kiln keeps every makefile text as a string with one char per byte
/// (Latin-1), so any byte sequence round-trips exactly and sorting is byte order. These helpers
/// convert at the edges: files, the console, process arguments and the environment.
/// </summary>
public static class ByteText
{
    public static readonly Encoding Encoding = Encoding.Latin1;

    public static byte[] GetBytes(string text) => Encoding.GetBytes(text);

    /// <summary>A .NET (UTF-16) string from the OS, such as an argument or environment value, as byte text.</summary>
    public static string FromOs(string osText)
    {
        foreach (var c in osText)
            if (c >= 0x80) return Encoding.GetString(Encoding.UTF8.GetBytes(osText));
        return osText;
    }

    /// <summary>Byte text back to a .NET string for the OS (paths, process arguments), decoding its bytes as UTF-8.</summary>
    public static string ToOs(string byteText)
    {
        foreach (var c in byteText)
            if (c >= 0x80) return Encoding.UTF8.GetString(Encoding.GetBytes(byteText));
        return byteText;
    }
}
