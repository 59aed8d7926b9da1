using Kiln.Core.Files;

namespace Kiln.Core.Tests.Files;

/// <summary>A mapped file gives the bytes the file has, and stays as it was read when the file is replaced.</summary>
public sealed class MappedFileTests
{
    [Fact]
    public void GivesTheFilesBytesAndKeepsThemWhenTheFileIsReplaced()
    {
        var directory = Directory.CreateTempSubdirectory("kiln-mapped-").FullName;
        try
        {
            var path = directory + "/cache";
            var bytes = Enumerable.Range(0, 3 * 4096 + 17).Select(i => (byte)(i * 7)).ToArray();
            File.WriteAllBytes(path, bytes);
            var mapped = MappedFile.Map(path)!.Value;
            Assert.Equal(bytes, mapped.ToArray());

            // Replaced as Kiln replaces its caches: a new file renamed over the old one.
            AtomicFile.Write(path, "other"u8);
            Assert.Equal(bytes, mapped.ToArray());
            Assert.Equal("other"u8.ToArray(), MappedFile.Map(path)!.Value.ToArray());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AMissingEmptyOrUnreadableFileGivesNothing()
    {
        var directory = Directory.CreateTempSubdirectory("kiln-mapped-").FullName;
        try
        {
            File.WriteAllBytes(directory + "/empty", []);
            Assert.Null(MappedFile.Map(directory + "/empty"));
            Assert.Null(MappedFile.Map(directory + "/missing"));
            Assert.Null(MappedFile.Map(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
