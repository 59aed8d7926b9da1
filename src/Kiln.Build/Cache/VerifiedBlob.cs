using System.Security.Cryptography;

namespace Kiln.Build.Cache;

/// <summary>
/// A blob taken from a cache: streamed to a temporary file beside its destination while being
/// hashed, and given the destination's name only when its SHA-256 is the one asked for — so a
/// corrupt or truncated blob never appears under the name, whatever the source.
/// </summary>
internal static class VerifiedBlob
{
    /// <summary>Null once the destination holds the blob; else why it does not (the destination is then untouched).</summary>
    /// <exception cref="IOException">reading the source or writing the file failed.</exception>
    public static CacheMiss? Receive(Stream source, string sha256, string destinationPath, out long bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        var temporary = CacheTemporaryFile.Beside(destinationPath);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            bytes = 0;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    file.Write(buffer, 0, read);
                    bytes += read;
                }
            }
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != sha256)
                return new CacheMiss(MissKind.Corrupt, $"blob {sha256[..12]} is corrupt: its {bytes} bytes hash to {actual[..12]}");
            File.Move(temporary, destinationPath, overwrite: true);
            return null;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
