using System.Buffers;
using System.Globalization;
using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Images.Filesystems;

/// <summary>
/// The cpio "newc" format the kernel unpacks an initramfs from: per entry a 110-byte ASCII header
/// ("070701" and thirteen 8-digit hex fields), the NUL-ended name and the data, each padded to 4
/// bytes; then the TRAILER!!! entry, and zeros to a 512-byte block as GNU cpio ends its archives.
/// Every entry is owned by 0:0 and numbered in order (no two share an inode, so none is a hard
/// link); the device of the archived file system is 0.
/// </summary>
internal sealed class NewcWriter(Stream output)
{
    private const string Magic = "070701";
    private const int HeaderSize = 110;
    private const int CopyBlock = 1 << 20;
    private const uint DirectoryType = 0x4000;
    private const uint RegularType = 0x8000;
    private const uint SymlinkType = 0xA000;
    private const uint CharacterDeviceType = 0x2000;

    private readonly Stream _output = output;
    private long _written;
    private uint _nextInode = 1;

    public void Directory(string name, UnixFileMode mode, uint links, uint time) =>
        Header(_nextInode++, name, DirectoryType | (uint)mode, links, time, 0, 0, 0);

    public void Symlink(string name, string target, uint time)
    {
        var bytes = Encoding.UTF8.GetBytes(target);
        Header(_nextInode++, name, SymlinkType | 0x1FF, 1, time, (uint)bytes.Length, 0, 0);
        Write(bytes);
        Pad(4);
    }

    public void CharacterDevice(string name, UnixFileMode mode, uint major, uint minor, uint time) =>
        Header(_nextInode++, name, CharacterDeviceType | (uint)mode, 1, time, 0, major, minor);

    /// <summary>A file copied from disk: exactly the <paramref name="size"/> bytes it was listed with, or a message that it changed.</summary>
    public void File(string name, UnixFileMode mode, uint time, string path, long size)
    {
        if (size > uint.MaxValue) throw new UserError($"{path}: {size} bytes is more than a cpio archive can hold (4 GiB)");
        Header(_nextInode++, name, RegularType | (uint)mode, 1, time, (uint)size, 0, 0);
        var block = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(size, 1, CopyBlock));
        try
        {
            using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            for (var left = size; left > 0;)
            {
                var read = source.Read(block, 0, (int)Math.Min(left, block.Length));
                if (read == 0) throw Changed(path, size);
                _output.Write(block, 0, read);
                _written += read;
                left -= read;
            }
            if (source.Read(block, 0, 1) != 0) throw Changed(path, size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot be read ({e.Message})");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
        Pad(4);
    }

    /// <summary>The trailer entry that ends the archive, and the padding to a whole 512-byte block.</summary>
    public void Finish()
    {
        Header(0, "TRAILER!!!", 0, 1, 0, 0, 0, 0);
        Pad(512);
    }

    private void Header(uint inode, string name, uint mode, uint links, uint time, uint size, uint deviceMajor, uint deviceMinor)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new StringBuilder(HeaderSize).Append(Magic);
        uint[] fields = [inode, mode, 0, 0, links, time, size, 0, 0, deviceMajor, deviceMinor, (uint)nameBytes.Length + 1, 0];
        foreach (var field in fields) header.Append(field.ToString("X8", CultureInfo.InvariantCulture));
        Write(Encoding.ASCII.GetBytes(header.ToString()));
        Write(nameBytes);
        Write([0]);
        Pad(4);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _written += bytes.Length;
    }

    private void Pad(int alignment)
    {
        var padding = (int)((alignment - _written % alignment) % alignment);
        if (padding > 0) Write(new byte[padding]);
    }

    private static UserError Changed(string path, long size) =>
        new($"{path}: changed size while being archived ({size} bytes when listed)");
}
