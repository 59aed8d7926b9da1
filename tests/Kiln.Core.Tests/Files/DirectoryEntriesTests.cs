using Kiln.Core.Files;

namespace Kiln.Core.Tests.Files;

/// <summary>DirectoryEntries lists what .NET's enumeration lists, with the type the directory records.</summary>
public sealed class DirectoryEntriesTests
{
    [Fact]
    public void ListsEveryEntryButDotAndDotDotWithItsType()
    {
        var root = Directory.CreateTempSubdirectory("kiln-entries-").FullName;
        try
        {
            Directory.CreateDirectory(root + "/sub");
            File.WriteAllText(root + "/Makefile", "");
            File.WriteAllText(root + "/.hidden", "");
            File.WriteAllText(root + "/\u00e9t\u00e9", "");
            File.CreateSymbolicLink(root + "/link", root + "/sub");

            var entries = DirectoryEntries.Read(root, static (_, _) => true)!;
            Assert.Equal(Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal),
                entries.Select(e => e.Name).Order(StringComparer.Ordinal));
            var types = entries.ToDictionary(e => e.Name, e => e.Type);
            // tmpfs and ext4 record types; a file system that does not would give Unknown for each.
            if (types["sub"] != DirectoryEntryType.Unknown)
            {
                Assert.Equal(DirectoryEntryType.Directory, types["sub"]);
                Assert.Equal(DirectoryEntryType.RegularFile, types["Makefile"]);
                Assert.Equal(DirectoryEntryType.SymbolicLink, types["link"]);
            }

            var wanted = DirectoryEntries.Read(root, static (name, _) => name.SequenceEqual("Makefile"u8))!;
            Assert.Equal("Makefile", Assert.Single(wanted).Name);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ADirectoryThatCannotBeReadGivesNull()
    {
        Assert.Null(DirectoryEntries.Read("/nonexistent/kiln", static (_, _) => true));
        Assert.Null(DirectoryEntries.Read("/etc/hostname", static (_, _) => true));
    }
}
