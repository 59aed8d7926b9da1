using System.Runtime.InteropServices;
using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>Path name arithmetic as make does it (abspath without touching the disk, realpath through libc).</summary>
public static partial class PathFunctions
{
    /// <summary>make's abspath: joins a relative name to <paramref name="directory"/> and removes '.', '..' and repeated slashes.</summary>
    public static string AbsPath(ReadOnlySpan<char> name, string directory)
    {
        var sb = new System.Text.StringBuilder();
        if (name.Length > 0 && name[0] == '/')
        {
            sb.Append('/');
            name = name[1..];
        }
        else
        {
            sb.Append(directory);
        }
        const int rootLength = 1;
        while (name.Length > 0)
        {
            var i = 0;
            while (i < name.Length && name[i] == '/') i++;
            name = name[i..];
            var end = name.IndexOf('/');
            if (end < 0) end = name.Length;
            var component = name[..end];
            name = name[end..];
            if (component.Length == 0) break;
            if (component is ".") continue;
            if (component is "..")
            {
                if (sb.Length > rootLength)
                {
                    sb.Length--;
                    while (sb[^1] != '/') sb.Length--;
                }
                continue;
            }
            if (sb[^1] != '/') sb.Append('/');
            sb.Append(component);
        }
        if (sb.Length > rootLength && sb[^1] == '/') sb.Length--;
        return sb.ToString();
    }

    /// <summary>libc realpath of the name (relative to <paramref name="directory"/>), or null if it does not resolve.</summary>
    public static string? RealPath(string name, string directory)
    {
        if (name.Length == 0) return null;
        var path = name[0] == '/' ? name : directory + "/" + name;
        var bytes = ByteText.GetBytes(path + "\0");
        var result = realpath(bytes, IntPtr.Zero);
        if (result == IntPtr.Zero) return null;
        try
        {
            var length = 0;
            while (Marshal.ReadByte(result, length) != 0) length++;
            var buffer = new byte[length];
            Marshal.Copy(result, buffer, 0, length);
            return ByteText.Encoding.GetString(buffer);
        }
        finally
        {
            free(result);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial IntPtr realpath(byte[] path, IntPtr resolved);

    [LibraryImport("libc")]
    private static partial void free(IntPtr pointer);
}
