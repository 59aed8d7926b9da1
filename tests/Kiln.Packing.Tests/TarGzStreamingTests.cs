using System.IO.Compression;
using System.Runtime.Versioning;
using Kiln.Core.Errors;
using Kiln.Packing.Archives;
using Xunit.Abstractions;

namespace Kiln.Packing.Tests;

/// <summary>
/// A directory written straight from disk (List, then Write to a stream): the same bytes as the
/// same entries written from memory, memory that does not grow with the files, and a message
/// naming any file that changed between listing and writing.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TarGzStreamingTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Time = new(2024, 2, 3, 4, 5, 6, TimeSpan.Zero);

    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private const long BigSize = (5 << 19) + 7;

    /// <summary>A tree with what the writer has to get right: a file of several blocks and a part, an empty file, a link, a name longer than a header
    /// holds.</summary>
    private string SmallTree()
    {
        var root = _temp.In("root");
        Directory.CreateDirectory(Path.Combine(root, "usr", "lib"));
        WriteText(Path.Combine(root, "usr", "lib", "big"), BigSize);
        _temp.Write("root/etc/empty", "", (UnixFileMode)0b110_000_000);
        _temp.Write("root/" + string.Concat(Enumerable.Repeat("long-directory-name/", 6)) + "file", "deep\n", (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(root, "usr", "lib", "link"), "big");
        return root;
    }

    /// <summary>
    /// Text-like bytes (gzip compresses them about as much as a root filesystem), in blocks that
    /// differ so that deflate cannot just repeat one.
    /// </summary>
    private static void WriteText(string path, long size)
    {
        var random = new Random(1);
        var block = new byte[1 << 20];
        using var file = File.Create(path);
        for (var written = 0L; written < size; written += block.Length)
        {
            foreach (ref var b in block.AsSpan()) b = (byte)"etaoin shrdlu\n/."[random.Next(16)];
            file.Write(block, 0, (int)Math.Min(block.Length, size - written));
        }
    }

    [Fact]
    public void StreamingADirectoryGivesTheBytesItsEntriesGiveFromMemory()
    {
        var root = SmallTree();
        using var streamed = new MemoryStream();

        TarGz.Write(TarGz.List(root), Time, streamed);

        Assert.Equal(TarGz.Write(TarGz.FromDirectory(root), Time), streamed.ToArray());
    }

    [Fact]
    public void WithoutGzipTheOutputIsThePlainTarInsideTheTarGz()
    {
        var root = SmallTree();
        var plain = _temp.In("out.tar");
        using (var file = File.Create(plain)) TarGz.Write(TarGz.List(root), Time, file, gzip: false);

        using var unzipped = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(TarGz.Write(TarGz.FromDirectory(root), Time)), CompressionMode.Decompress))
            gzip.CopyTo(unzipped);

        Assert.Equal(unzipped.ToArray(), File.ReadAllBytes(plain));
        Assert.Contains("./usr/lib/link -> big", Tool.Succeed(_temp.Path, "tar", "-tvf", plain), StringComparison.Ordinal);
    }

    /// <summary>
    /// 64 MiB written to a .tar.gz file: what the writing thread allocates stays far below the
    /// file's size, and GNU tar gives the file back. (That streaming gives the in-memory bytes
    /// across blocks is the smaller tree's test: compressing 64 MiB twice is slow.)
    /// </summary>
    [Fact]
    public void ALargeFileIsCopiedThroughNotHeldInMemory()
    {
        const int size = 64 << 20;
        var root = _temp.In("large");
        Directory.CreateDirectory(root);
        WriteText(Path.Combine(root, "rootfs.img"), size);
        var archive = _temp.In("large.tar.gz");
        var listing = TarGz.List(root);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var file = File.Create(archive)) TarGz.Write(listing, Time, file);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{size} bytes archived; {allocated} bytes allocated");
        // One block of copy buffer (1 MiB) at most, the headers and the streams.
        Assert.True(allocated < size / 32, $"{allocated} bytes allocated to archive a file of {size}");
        Tool.Succeed(_temp.Path, "sh", "-c", "tar -xzOf large.tar.gz ./rootfs.img | cmp - large/rootfs.img");
    }

    [Fact]
    public void AFileRemovedAfterTheListingIsAnErrorNamingIt()
    {
        var root = SmallTree();
        var listing = TarGz.List(root);
        File.Delete(Path.Combine(root, "etc", "empty"));

        var error = Assert.Throws<UserError>(() => TarGz.Write(listing, Time, Stream.Null));

        Assert.Equal($"{Path.Combine(root, "etc", "empty")}: disappeared while the directory was being archived", error.Message);
    }

    [Fact]
    public void AFileThatShrankAfterTheListingIsAnErrorNamingIt()
    {
        var root = SmallTree();
        var listing = TarGz.List(root);
        var path = Path.Combine(root, "usr", "lib", "big");
        File.WriteAllText(path, "shrunk");

        var error = Assert.Throws<UserError>(() => TarGz.Write(listing, Time, Stream.Null));

        Assert.Equal($"{path}: changed size while being archived ({BigSize} bytes when listed, 6 now)", error.Message);
    }

    /// <summary>The header, written first, holds the listed size: one byte more is an error, even after an empty file.</summary>
    [Theory]
    [InlineData("usr/lib/big", BigSize)]
    [InlineData("etc/empty", 0)]
    public void AFileThatGrewAfterTheListingIsAnErrorNamingIt(string name, long listed)
    {
        var root = SmallTree();
        var listing = TarGz.List(root);
        var path = Path.Combine(root, name);
        File.AppendAllText(path, "+");

        var error = Assert.Throws<UserError>(() => TarGz.Write(listing, Time, Stream.Null));

        Assert.Equal($"{path}: changed size while being archived ({listed} bytes when listed, {listed + 1} now)", error.Message);
    }

    /// <summary>A directory where a file was listed: opening it fails (as an unreadable file would, for a user who is not root).</summary>
    [Fact]
    public void AFileThatCannotBeReadIsAnErrorNamingIt()
    {
        var root = SmallTree();
        var listing = TarGz.List(root);
        var path = Path.Combine(root, "usr", "lib", "big");
        File.Delete(path);
        Directory.CreateDirectory(path);

        var error = Assert.Throws<UserError>(() => TarGz.Write(listing, Time, Stream.Null));

        Assert.StartsWith($"{path}: cannot be read (", error.Message, StringComparison.Ordinal);
    }
}
