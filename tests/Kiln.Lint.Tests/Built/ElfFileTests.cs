using Kiln.Core.Processes;
using Kiln.Lint.Built;

namespace Kiln.Lint.Tests.Built;

/// <summary>
/// The ELF reader against binutils' readelf, on files each compiler makes: 64-bit little-endian
/// (the host's gcc, aarch64), 32-bit big- and little-endian (mips, mipsel).
/// </summary>
public sealed class ElfFileTests : IDisposable
{
    private static readonly HostProgram Readelf = new("readelf", "binutils");

    private readonly string _work = Directory.CreateTempSubdirectory("kiln-elf-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("gcc", "gcc")]
    [InlineData("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu")]
    [InlineData("mips-linux-gnu-gcc", "gcc-mips-linux-gnu")]
    [InlineData("mipsel-linux-gnu-gcc", "gcc-mipsel-linux-gnu")]
    public void ReadsWhatReadelfReads(string compiler, string debianPackage)
    {
        var gcc = new HostProgram(compiler, debianPackage);
        var f = Source("f", "int f(void) { return 1; }");
        var g = Source("g", "int f(void); int g(void) { return f() + 1; }");
        var main = Source("main", "int g(void); int main(void) { return g(); }");
        var libf = Path.Combine(_work, "libf.so.3");
        var libg = Path.Combine(_work, "libg-1.2.so");
        var program = Path.Combine(_work, "program");
        gcc.Run(["-shared", "-fPIC", "-Wl,-soname,libf.so.3", "-o", libf, f]).EnsureSucceeded();
        gcc.Run(["-shared", "-fPIC", "-Wl,-soname,libg-1.2.so", "-o", libg, g, libf]).EnsureSucceeded();
        gcc.Run(["-o", program, main, libg, "-Wl,-rpath-link," + _work]).EnsureSucceeded();

        foreach (var file in new[] { libf, libg, program })
        {
            var elf = ElfFile.Read(File.ReadAllBytes(file));
            Assert.NotNull(elf);
            var header = Readelf.Run(["-h", file]).EnsureSucceeded().Output;
            var dynamic = Readelf.Run(["-d", file]).EnsureSucceeded().Output;
            Assert.Equal(header.Contains("ELF64"), elf.Is64Bit);
            Assert.Equal(header.Contains("big endian"), elf.IsBigEndian);
            var type = header.Split('\n').Single(l => l.Trim().StartsWith("Type:", StringComparison.Ordinal));
            Assert.Equal(type.Contains("DYN") ? ElfType.Shared : ElfType.Executable, elf.Type);
            Assert.Equal(Bracketed(dynamic, "(SONAME)").SingleOrDefault(), elf.SoName);
            Assert.Equal(Bracketed(dynamic, "(NEEDED)"), elf.Needed);
        }
        // What the files were made to say, so that the comparison compares something.
        Assert.Equal("libf.so.3", ElfFile.Read(File.ReadAllBytes(libf))!.SoName);
        Assert.Contains("libf.so.3", ElfFile.Read(File.ReadAllBytes(libg))!.Needed);
        Assert.Contains("libg-1.2.so", ElfFile.Read(File.ReadAllBytes(program))!.Needed);
    }

    [Fact]
    public void WhatIsNotAnElfFileIsNotRead()
    {
        Assert.Null(ElfFile.Read("#!/bin/sh\necho hello\n"u8));
        Assert.Null(ElfFile.Read([]));
        var f = Source("f", "int f(void) { return 1; }");
        var library = Path.Combine(_work, "libf.so");
        new HostProgram("gcc", "gcc").Run(["-shared", "-fPIC", "-Wl,-soname,libf.so", "-o", library, f]).EnsureSucceeded();
        var bytes = File.ReadAllBytes(library);
        // Cut short inside the program headers: damaged, not read.
        Assert.Null(ElfFile.Read(bytes.AsSpan(0, 80)));
    }

    [Fact]
    public void ADamagedFileIsReadOrRefusedButNeverThrows()
    {
        var f = Source("f", "int f(void) { return 1; }");
        var library = Path.Combine(_work, "libf.so.1");
        new HostProgram("gcc", "gcc").Run(["-shared", "-fPIC", "-Wl,-soname,libf.so.1", "-o", library, f]).EnsureSucceeded();
        var bytes = File.ReadAllBytes(library);
        var random = new Random(1);
        var refused = 0;
        for (var round = 0; round < 2000; round++)
        {
            var damaged = bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
            // Every byte of the header and the program headers, and a few beyond, may be anything.
            for (var i = 0; i < 4 && damaged.Length > 0; i++) damaged[random.Next(Math.Min(damaged.Length, 4096))] = (byte)random.Next(256);
            if (ElfFile.Read(damaged) is null) refused++;
        }
        // Most are cut short before the string table, so refused; none threw.
        Assert.InRange(refused, 1000, 2000);
        Assert.Equal("libf.so.1", ElfFile.Read(bytes)!.SoName);
    }

    private string Source(string name, string text)
    {
        var path = Path.Combine(_work, name + ".c");
        File.WriteAllText(path, text + "\n");
        return path;
    }

    /// <summary>readelf -d's values of one tag: "0x... (NEEDED)  Shared library: [libc.so.6]".</summary>
    private static List<string> Bracketed(string output, string tag) =>
        output.Split('\n').Where(l => l.Contains(tag, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('[') + 1)..l.LastIndexOf(']')]).ToList();
}
