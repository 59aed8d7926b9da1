using System.Text;

namespace Kiln.Core.Files;

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
        // Created with its mode, so that a secret is never readable by others, not even for a moment.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
        try
        {
            using (var stream = new FileStream(temporary, options)) stream.Write(bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // Nothing half-written stays behind, not even under the temporary name.
            File.Delete(temporary);
            throw;
        }
    }

    public static void Write(string path, string text, UnixFileMode? mode = null) => Write(path, Encoding.UTF8.GetBytes(text), mode);
}
