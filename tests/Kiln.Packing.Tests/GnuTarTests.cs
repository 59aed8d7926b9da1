using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Kiln.Packing.Archives;

namespace Kiln.Packing.Tests;

/// <summary>
/// A directory written as GNU tar writes it to a pipe (how OpenWrt packs a source checkout) and
/// compressed as the zstd command does: the bytes are compared with the host's own
/// <c>tar ... -c | zstd -T0 --ultra -20</c>. Debian's tar 1.34 writes what OpenWrt's 1.35 writes
/// for these archives (GNU format, numeric owner: empty owner names and device numbers), and
/// Debian's zstd 1.5.4 what 1.5.7 writes for inputs this small; larger ones differ between
/// those versions, and the test with the real firmware-utils source in Kiln.Build.Tests shows
/// that Kiln's are 1.5.7's.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GnuTarTests : IDisposable
{
    private const long Time = 1_577_934_245;   // 2020-01-02 03:04:05 UTC

    private const string TarOptions = "--numeric-owner --owner=0 --group=0 --mode=a-s --sort=name --mtime=@1577934245";

    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Everything a source tree holds: plain and executable files, an empty file and an empty
    /// directory, links, names of exactly 100 bytes and longer (file, directory, link target),
    /// a name that is not ASCII, and a file of several blocks.
    /// </summary>
    private string Tree()
    {
        var top = _temp.In("pkg-1.0");
        _temp.Write("pkg-1.0/README", "read me\n", (UnixFileMode)0b110_100_100);
        _temp.Write("pkg-1.0/configure", "#!/bin/sh\n", (UnixFileMode)0b111_101_101);
        _temp.Write("pkg-1.0/src/empty.c", "", (UnixFileMode)0b110_100_100);
        _temp.Write("pkg-1.0/src/big.c", string.Concat(Enumerable.Range(0, 3000).Select(i => $"int v{i} = {i * 7};\n")), (UnixFileMode)0b110_100_100);
        _temp.Write("pkg-1.0/doc/" + new string('x', 100 - "pkg-1.0/doc/".Length), "exactly 100\n", (UnixFileMode)0b110_100_100);
        _temp.Write("pkg-1.0/doc/" + new string('y', 120) + "/inside", "long directory\n", (UnixFileMode)0b110_100_100);
        _temp.Write("pkg-1.0/doc/" + new string('d', 87) + "/f", "a directory name of 100 bytes with its slash\n", (UnixFileMode)0b110_100_100);
        _temp.Write("pkg-1.0/doc/grüße.txt", "utf-8\n", (UnixFileMode)0b110_100_100);
        Directory.CreateDirectory(Path.Combine(top, "m4"));
        File.CreateSymbolicLink(Path.Combine(top, "LICENSE"), "README");
        File.CreateSymbolicLink(Path.Combine(top, "deep"), "doc/" + new string('y', 120) + "/inside");
        foreach (var d in Directory.EnumerateDirectories(top, "*", SearchOption.AllDirectories).Append(top))
            File.SetUnixFileMode(d, (UnixFileMode)0b111_101_101);
        return top;
    }

    private byte[] Kiln(string top, bool zstd = false)
    {
        using var output = new MemoryStream();
        if (zstd)
        {
            using var compressed = ZstdCli.Compress(output, 20);
            TarGz.WriteGnuTar(TarGz.List(top, Path.GetFileName(top) + "/"), DateTimeOffset.FromUnixTimeSeconds(Time), compressed);
        }
        else TarGz.WriteGnuTar(TarGz.List(top, Path.GetFileName(top) + "/"), DateTimeOffset.FromUnixTimeSeconds(Time), output);
        return output.ToArray();
    }

    /// <summary>What the host's tar (and zstd) write for the same directory, through a pipe as OpenWrt runs them.</summary>
    private byte[] Host(string top, string compress = "cat")
    {
        var result = _temp.In("host.out");
        Tool.Succeed(Path.GetDirectoryName(top)!, "/bin/sh", "-c", $"tar {TarOptions} -c {Path.GetFileName(top)} | {compress} > {result}");
        return File.ReadAllBytes(result);
    }

    [Fact]
    public void TarOfATreeIsGnuTarsByteForByte()
    {
        var top = Tree();
        var kiln = Kiln(top);
        Assert.Equal(Host(top), kiln);
        Assert.Equal(0, kiln.Length % 10240);
    }

    [Theory]
    [InlineData(16)]   // two blocks left in the record: the end fits
    [InlineData(17)]   // one block left: the second zero block starts a record of zeros
    [InlineData(18)]   // the entries end a record
    public void TheEndIsTwoZeroBlocksPaddedToARecord(int dataBlocks)
    {
        // The directory's header, the file's header and its data blocks.
        var top = _temp.In("pad");
        _temp.Write("pad/data", new string('p', dataBlocks * 512), (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(top, (UnixFileMode)0b111_101_101);

        var kiln = Kiln(top);

        Assert.Equal(Host(top), kiln);
        Assert.Equal((2 + dataBlocks + 2 + 19) / 20 * 10240, kiln.Length);
    }

    [Fact]
    public void SetIdBitsAreKeptInTheHeaderForTheCallerToDrop()
    {
        // tar's --mode=a-s is the caller's: the writer stores the mode it is given.
        var top = _temp.In("modes");
        _temp.Write("modes/tool", "x", (UnixFileMode)0b111_101_101);
        var entries = TarGz.List(top, "modes/").Select(e => e.Path is null ? e : e with { Mode = e.Mode | UnixFileMode.SetUser }).ToList();
        using var output = new MemoryStream();
        TarGz.WriteGnuTar(entries, DateTimeOffset.FromUnixTimeSeconds(Time), output);
        Assert.Equal("0004755\0"u8.ToArray(), output.ToArray().AsSpan(512 + 100, 8).ToArray());
    }

    [Fact]
    public void ZstdOfATarIsTheZstdCommandsOnAPipe()
    {
        var top = Tree();
        // Without the generated C file, which zstd 1.5.4 and 1.5.7 compress differently.
        File.Delete(Path.Combine(top, "src", "big.c"));
        var kiln = Kiln(top, zstd: true);
        Assert.Equal(Host(top, "zstd -q -T0 --ultra -20 -c"), kiln);
        // A zstd frame (magic 28 b5 2f fd) holding exactly the tar.
        Assert.Equal(new byte[] { 0x28, 0xb5, 0x2f, 0xfd }, kiln[..4]);
        File.WriteAllBytes(_temp.In("kiln.tar.zst"), kiln);
        Tool.Succeed(_temp.Path, "/bin/sh", "-c", $"zstd -q -dc kiln.tar.zst > kiln.tar");
        Assert.Equal(Kiln(top), File.ReadAllBytes(_temp.In("kiln.tar")));
    }

    [Fact]
    public void ZstdOutputIsLibzstd157sAndDoesNotDependOnHowTheInputIsWritten()
    {
        // 1 MB of C: Debian's zstd 1.5.4 compresses this to other bytes (sha256 9049ec56...), so
        // the hash (libzstd 1.5.7 at level 20, checksum, multi-threaded) shows which library is loaded.
        var input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 50000).Select(i => $"int v{i} = {i * 7};\n")));

        string Compressed(int piece)
        {
            using var output = new MemoryStream();
            using (var zstd = ZstdCli.Compress(output, 20))
                for (var i = 0; i < input.Length; i += piece)
                {
                    zstd.Write(input, i, Math.Min(piece, input.Length - i));
                    zstd.Flush();   // must change nothing
                }
            return Convert.ToHexStringLower(SHA256.HashData(output.ToArray()));
        }

        Assert.Equal("17977e6f62493cc43cb7acb255fd5542cc5026c1bb401dced1a4f2385a789613", Compressed(512));
        Assert.Equal(Compressed(512), Compressed(1 << 17));
    }
}
