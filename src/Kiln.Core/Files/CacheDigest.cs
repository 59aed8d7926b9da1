using System.IO.Hashing;
using System.Text;

namespace Kiln.Core.Files;

/// <summary>
/// The digest Kiln's own caches check their records by and name what they were made for with: XxHash128, 16 bytes. It
/// guards against a damaged or stale file, not against an adversary, and is computed in managed code: a warm run that
/// only reads its caches loads no OpenSSL and hashes its many megabytes of records several times faster than SHA-256.
/// </summary>
public static class CacheDigest
{
    public const int Size = 16;

    public static byte[] Of(ReadOnlySpan<byte> data) => XxHash128.Hash(data);

    public static byte[] Of(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var hash = new XxHash128();
        hash.Append(first);
        hash.Append(second);
        return hash.GetCurrentHash();
    }

    /// <summary>The digest of a key's text, as hexadecimal digits.</summary>
    public static string OfKey(string key) => Convert.ToHexString(Of(Encoding.UTF8.GetBytes(key)));
}
