using System.Text;

namespace Kiln.Build.Files;

/// <summary>
/// Writes a file whole or not at all: the bytes go to a temporary name beside it, which then
/// takes the file's name, so a build killed at any moment never leaves half a file behind.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes, UnixFileMode? mode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.kiln-tmp";
        using (var stream = File.Create(temporary)) stream.Write(bytes);
        if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, m);
        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(string path, string text, UnixFileMode? mode = null) => Write(path, Encoding.UTF8.GetBytes(text), mode);
}
