using System.Security.Cryptography;
using System.Text;

namespace Kiln.Images.Filesystems;

/// <summary>
/// UUIDs a filesystem tool would otherwise pick at random, derived instead from the image's name,
/// the epoch and what the UUID is for (the filesystem's identity, ext4's directory hash seed):
/// the same build gives the same bytes, and two images or two purposes never share one.
/// </summary>
public static class FilesystemUuid
{
    /// <summary>A UUID from SHA-256 of the inputs, marked as RFC 9562's version 8 (made by the application) and variant 10.</summary>
    public static Guid For(string name, long epoch, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"kiln-filesystem\0{name}\0{epoch}\0{purpose}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The UUID's 16 bytes in the order they are printed, as filesystems store them.</summary>
    public static byte[] Bytes(Guid uuid)
    {
        var bytes = new byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }
}
