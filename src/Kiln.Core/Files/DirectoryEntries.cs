using System.Runtime.InteropServices;
using System.Text;

namespace Kiln.Core.Files;

/// <summary>The type a directory records for an entry (readdir's d_type); <see cref="Unknown"/> where the file system records none.</summary>
public enum DirectoryEntryType : byte
{
    Unknown = 0,
    Directory = 4,
    RegularFile = 8,
    SymbolicLink = 10,
}

public readonly record struct DirectoryEntry(string Name, DirectoryEntryType Type);

/// <summary>Whether an entry, by its name's bytes and its type, is wanted; only those wanted are decoded.</summary>
public delegate bool DirectoryEntryFilter(ReadOnlySpan<byte> name, DirectoryEntryType type);

/// <summary>
/// A directory's entries as readdir gives them, with the type the directory records: no system call per entry, where
/// .NET's enumeration stats each entry whose attributes are asked for (to tell a link, or a read-only file). For walks of
/// thousands of directories, such as a scan's.
/// </summary>
public static unsafe partial class DirectoryEntries
{
    // struct dirent on 64-bit Linux (glibc and musl): d_ino, d_off, d_reclen, d_type, then the NUL-terminated name.
    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    /// <summary>The entries of <paramref name="osPath"/> but "." and "..", those <paramref name="wanted"/>, in the order the directory lists them; null when it cannot be read.</summary>
    public static List<DirectoryEntry>? Read(string osPath, DirectoryEntryFilter wanted)
    {
        var directory = opendir(osPath);
        if (directory == 0) return null;
        try
        {
            var entries = new List<DirectoryEntry>();
            while (true)
            {
                var entry = (byte*)readdir(directory);
                // The end, or a failure that errno tells (readdir leaves it as it was at the end).
                if (entry == null) return Marshal.GetLastPInvokeError() == 0 ? entries : null;
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + NameOffset);
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.']) continue;
                var type = (DirectoryEntryType)entry[TypeOffset];
                if (wanted(name, type)) entries.Add(new DirectoryEntry(Encoding.UTF8.GetString(name), type));
            }
        }
        finally
        {
            closedir(directory);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint opendir(string name);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint readdir(nint directory);

    [LibraryImport("libc")]
    private static partial int closedir(nint directory);
}
