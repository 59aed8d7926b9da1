using System.Security.Cryptography;

namespace Kiln.Core.Files;

/// <summary>A file's SHA-256, read as a stream through a pooled buffer (images and sources may be large).</summary>
public static class FileHash
{
    /// <summary>In lower-case hex, as sha256sum prints it.</summary>
    public static string Sha256(string path) => Convert.ToHexStringLower(Digest(path));

    /// <summary>The digest's bytes; null when the file cannot be read (not there, a directory, not allowed), which inputs record as such.</summary>
    public static byte[]? DigestIfReadable(string path)
    {
        try
        {
            return Digest(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static byte[] Digest(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return SHA256.HashData(file);
    }
}
