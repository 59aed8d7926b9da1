using System.Security.Cryptography;

namespace Kiln.Core.Files;

/// <summary>A file's SHA-256, read as a stream (images and sources may be large), in lower-case hex as sha256sum prints it.</summary>
public static class FileHash
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
