using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Packing.Archives;

namespace Kiln.Packing.Tests;

/// <summary>Reproducible gzip'd tars: what FromDirectory lists, what Write writes and what Read gives back.</summary>
[SupportedOSPlatform("linux")]
public sealed class TarGzTests : IDisposable
{
    private static readonly DateTimeOffset Time = new(2024, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private const UnixFileMode Rwxr_xr_x = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Rwxr_x___ = (UnixFileMode)0b111_101_000;
    private const UnixFileMode Rw_r__r__ = (UnixFileMode)0b110_100_100;
    private const UnixFileMode Rw_______ = (UnixFileMode)0b110_000_000;
    private const UnixFileMode Rwxrwxrwx = (UnixFileMode)0b111_111_111;

    private readonly TemporaryDirectory _temp = new();
    private readonly string _root;

    public TarGzTests()
    {
        _root = _temp.In("root");
        Directory.CreateDirectory(_root);
        File.SetUnixFileMode(_root, Rwxr_xr_x);
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        File.SetUnixFileMode(Path.Combine(_root, "a"), Rwxr_xr_x);
        Directory.CreateDirectory(Path.Combine(_root, "a", "c"));
        File.SetUnixFileMode(Path.Combine(_root, "a", "c"), Rwxr_x___);
        _temp.Write("root/a/b", "bee\n", Rw_r__r__);
        _temp.Write("root/a/c/deep", "secret", Rw_______);
        _temp.Write("root/a-b", "#!/bin/sh\necho a-b\n", Rwxr_xr_x);
        _temp.Write("root/z", "zed", Rw_r__r__);
        _temp.Write("root/Zeta", "", Rw_r__r__);
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "a/b");
        File.CreateSymbolicLink(Path.Combine(_root, "a", "c", "up"), "../b");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>What the tree made in the constructor must give, in the order tar --sort=name walks it.</summary>
    private static readonly string[] Expected =
    [
        "./ 755 dir",
        "./Zeta 644 ",
        "./a/ 755 dir",
        "./a/b 644 " + Hex("bee\n"),
        "./a/c/ 750 dir",
        "./a/c/deep 600 " + Hex("secret"),
        "./a/c/up 777 -> ../b",
        "./a-b 755 " + Hex("#!/bin/sh\necho a-b\n"),
        "./link 777 -> a/b",
        "./z 644 " + Hex("zed"),
    ];

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void FromDirectoryListsTheRootFirstThenEachDirectoryDepthFirstInOrdinalOrder()
    {
        var entries = TarGz.FromDirectory(_root);

        Assert.Equal(Expected, Entries.Describe(entries));
        // Depth first is not a plain sort of the whole names: "./a-b" sorts before "./a/" but comes after a's contents.
        var names = entries.Select(e => e.Name).ToList();
        Assert.NotEqual(names.Order(StringComparer.Ordinal), names);
        Assert.True(names.IndexOf("./a/c/deep") < names.IndexOf("./a-b"));
        // Ordinal: the upper-case "Zeta" comes before every lower-case name.
        Assert.Equal("./Zeta", names[1]);
    }

    [Fact]
    public void WriteThenReadGivesBackTheSameEntries()
    {
        var entries = TarGz.FromDirectory(_root);

        var read = TarGz.Read(TarGz.Write(entries, Time), "test.tar.gz");

        Assert.Equal(Expected, Entries.Describe(read));
    }

    [Fact]
    public void EveryHeaderIsGnuOwnedByRootWithTheOneTime()
    {
        var archive = TarGz.Write(TarGz.FromDirectory(_root), Time);

        using var tar = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
        var count = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            count++;
            Assert.Equal(TarEntryFormat.Gnu, entry.Format);
            Assert.Equal((0, 0), (entry.Uid, entry.Gid));
            Assert.Equal(Time, entry.ModificationTime);
            var gnu = Assert.IsType<GnuTarEntry>(entry);
            Assert.Equal("", gnu.UserName);
            Assert.Equal("", gnu.GroupName);
        }
        Assert.Equal(Expected.Length, count);
    }

    /// <summary>
    /// The raw 512-byte headers: GNU magic, the time in octal, and NUL from byte 345 on (GNU's
    /// access and change times, where a ustar reader such as opkg's looks for a name prefix).
    /// </summary>
    [Fact]
    public void RawHeadersCarryTheTimeAndLeaveTheNamePrefixEmpty()
    {
        byte[] raw;
        using (var gzip = new GZipStream(new MemoryStream(TarGz.Write(TarGz.FromDirectory(_root), Time)), CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            gzip.CopyTo(copy);
            raw = copy.ToArray();
        }
        var names = new List<string>();
        var at = 0;
        while (raw[at] != 0)
        {
            var header = raw[at..(at + 512)];
            string Field(int offset, int length) => Encoding.ASCII.GetString(header, offset, length).TrimEnd('\0', ' ');
            names.Add(Field(0, 100));
            Assert.Equal("ustar  ", Encoding.ASCII.GetString(header, 257, 8).TrimEnd('\0')); // GNU magic "ustar  \0"
            Assert.Equal(Time.ToUnixTimeSeconds(), Convert.ToInt64(Field(136, 12), 8));
            Assert.Equal(0, Convert.ToInt64(Field(108, 8), 8)); // uid
            Assert.Equal(0, Convert.ToInt64(Field(116, 8), 8)); // gid
            Assert.True(header.AsSpan(345, 155).IndexOfAnyExcept((byte)0) < 0, $"{names[^1]}: bytes 345-499 are not all NUL");
            var size = Convert.ToInt64(Field(124, 12), 8);
            at += 512 + (int)((size + 511) / 512 * 512);
        }
        Assert.Equal(Expected.Select(e => e.Split(' ')[0]), names);
        // The end: zero blocks only.
        Assert.True(raw.AsSpan(at).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(raw.Length - at >= 1024);
    }

    [Fact]
    public void TheGzipHeaderHoldsNoTimeAndNoName()
    {
        var archive = TarGz.Write(TarGz.FromDirectory(_root), Time);

        Assert.Equal(new byte[] { 0x1f, 0x8b, 8 }, archive[..3]);
        Assert.Equal(0, archive[3]); // FLG: no FNAME, no FCOMMENT, no FEXTRA
        Assert.Equal(new byte[4], archive[4..8]); // MTIME
    }

    [Fact]
    public void GnuTarListsOwnerZeroTheFixedTimeAndTheLinks()
    {
        var archive = _temp.In("out.tar.gz");
        File.WriteAllBytes(archive, TarGz.Write(TarGz.FromDirectory(_root), Time));

        var lines = Tool.Succeed(_temp.Path, "tar", "--full-time", "-tzvf", archive).TrimEnd('\n').Split('\n');

        Assert.Equal(Expected.Length, lines.Length);
        var expectedLines = new[]
        {
            ("drwxr-xr-x", 0, "./"),
            ("-rw-r--r--", 0, "./Zeta"),
            ("drwxr-xr-x", 0, "./a/"),
            ("-rw-r--r--", 4, "./a/b"),
            ("drwxr-x---", 0, "./a/c/"),
            ("-rw-------", 6, "./a/c/deep"),
            ("lrwxrwxrwx", 0, "./a/c/up -> ../b"),
            ("-rwxr-xr-x", 19, "./a-b"),
            ("lrwxrwxrwx", 0, "./link -> a/b"),
            ("-rw-r--r--", 3, "./z"),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var (mode, size, name) = expectedLines[i];
            Assert.Equal(mode, fields[0]);
            Assert.Equal("0/0", fields[1]);
            Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]);
            Assert.Equal("2024-02-03", fields[3]);
            Assert.Equal("04:05:06", fields[4]);
            Assert.Equal(name, fields[5]);
        }
    }

    [Fact]
    public void GnuTarExtractsTheSameTree()
    {
        var archive = _temp.In("out.tar.gz");
        File.WriteAllBytes(archive, TarGz.Write(TarGz.FromDirectory(_root), Time));
        var extracted = _temp.In("extracted");
        Directory.CreateDirectory(extracted);

        Tool.Succeed(extracted, "tar", "-xzf", archive);

        Assert.Equal(Expected, Entries.Describe(TarGz.FromDirectory(extracted)));
        Assert.Equal(Time, File.GetLastWriteTimeUtc(Path.Combine(extracted, "a", "b")));
    }

    [Fact]
    public void TheSameEntriesAndTimeGiveTheSameBytesAndAnotherTimeOtherBytes()
    {
        var first = TarGz.Write(TarGz.FromDirectory(_root), Time);
        var second = TarGz.Write(TarGz.FromDirectory(_root), Time);
        var later = TarGz.Write(TarGz.FromDirectory(_root), Time.AddSeconds(1));

        Assert.Equal(first, second);
        Assert.NotEqual(first, later);
        // Only the time differs: both read back to the same entries.
        Assert.Equal(Entries.Describe(TarGz.Read(first, "first")), Entries.Describe(TarGz.Read(later, "later")));
    }

    [Fact]
    public void TheFilesOwnTimesDoNotMatter()
    {
        var before = TarGz.Write(TarGz.FromDirectory(_root), Time);
        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Where(p => new FileInfo(p).LinkTarget is null))
            File.SetLastWriteTimeUtc(path, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(before, TarGz.Write(TarGz.FromDirectory(_root), Time));
    }

    [Fact]
    public void NamesLongerThanATarHeaderAreReproducibleAndReadableByGnuTar()
    {
        // 150 characters: more than the 100 a tar header holds, so GNU writes a ././@LongLink entry first.
        var longName = string.Concat(Enumerable.Repeat("long-directory-name/", 6)) + "file-with-a-long-name.txt";
        var longLink = "../../" + new string('t', 120);
        TarGz.Entry[] entries =
        [
            new("./", Rwxr_xr_x, null),
            new("./" + longName, Rw_r__r__, "x"u8.ToArray()),
            new("./" + Path.GetDirectoryName(longName) + "/link", Rwxrwxrwx, null, longLink),
        ];

        var first = TarGz.Write(entries, Time);
        var second = TarGz.Write(entries, Time);

        Assert.Equal(first, second);
        Assert.Equal(Entries.Describe(entries), Entries.Describe(TarGz.Read(first, "long.tar.gz")));
        var archive = _temp.In("long.tar.gz");
        File.WriteAllBytes(archive, first);
        Assert.Equal(["./", "./" + longName, "./" + Path.GetDirectoryName(longName) + "/link"],
            Tool.Succeed(_temp.Path, "tar", "-tzf", archive).TrimEnd('\n').Split('\n'));
    }

    /// <summary>
    /// A FIFO in an install directory: FromDirectory reads every non-directory with
    /// File.ReadAllBytes, which waits forever for a writer. It should refuse it, as Read refuses
    /// FIFOs and devices. If it blocks, the test opens the FIFO for writing to let it go.
    /// </summary>
    [Fact]
    public async Task AFifoInTheDirectoryIsRefusedNotWaitedOn()
    {
        var fifo = Path.Combine(_root, "a", "fifo");
        Tool.Succeed(_temp.Path, "mkfifo", fifo);

        var listing = Task.Run(() => TarGz.FromDirectory(_root));
        var finished = await Task.WhenAny(listing, Task.Delay(TimeSpan.FromSeconds(5))) == listing;
        if (!finished)
        {
            await using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            await listing.ContinueWith(_ => { }, TaskScheduler.Default); // released: it reads an empty file
        }

        Assert.True(finished, "FromDirectory was still waiting on the FIFO after 5 seconds");
        var error = await Assert.ThrowsAsync<UserError>(() => listing);
        Assert.Contains("fifo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyDirectoryIsJustTheRoot()
    {
        var empty = _temp.In("empty");
        Directory.CreateDirectory(empty);
        File.SetUnixFileMode(empty, Rwxr_x___);

        var entries = TarGz.FromDirectory(empty);

        Assert.Equal(["./ 750 dir"], Entries.Describe(entries));
        Assert.Equal(["./ 750 dir"], Entries.Describe(TarGz.Read(TarGz.Write(entries, Time), "empty.tar.gz")));
    }
}
