using Kiln.Build.Steps;

namespace Kiln.Build.Tests;

/// <summary>
/// Sources released as .zip and .tar.zst, downloaded from the example mirror and checked against
/// PKG_HASH, unpacked as unpack.mk does (unzip into the build directory's parent; zstdcat into
/// tar), and a package that unpacks its tarball itself (PKG_UNPACK).
/// </summary>
public sealed class SourceArchiveBuild : IDisposable
{
    public static readonly string[] Packages = ["knobzip", "knobzst", "unpack-custom"];

    public SourceArchiveBuild()
    {
        Tree = Knobs.Tree();
        Builds.Succeed(Tree, Builds.Mips, Packages);
    }

    internal TestTree Tree { get; }

    public void Dispose() => Tree.Dispose();
}

public sealed class SourceArchiveTests(SourceArchiveBuild build) : IClassFixture<SourceArchiveBuild>
{
    private TestTree Tree => build.Tree;

    private string Download(string package) => Tree.In("dl/" + Knobs.Setting(Tree, package, "PKG_SOURCE")
        .Replace("$(PKG_NAME)", package, StringComparison.Ordinal).Replace("$(PKG_VERSION)", "1.0", StringComparison.Ordinal));

    [Theory]
    [InlineData("knobzip")]
    [InlineData("knobzst")]
    [InlineData("unpack-custom")]
    public void TheSourceComesFromTheMirrorWithThePackagesHash(string package)
    {
        var file = Download(package);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Tree.Root, "mirror", Path.GetFileName(file))), File.ReadAllBytes(file));
        Assert.Equal(Knobs.Setting(Tree, package, "PKG_HASH"), SourceTests.Sha256(File.ReadAllBytes(file)));
    }

    [Fact]
    public void AZipIsUnpackedWithUnzipAndBuilt()
    {
        var directory = Knobs.BuildDirectory(Tree, "knobzip");
        Assert.Contains($"unzip -q -d {directory}/.. {Download("knobzip")}", Knobs.Log(Tree, "knobzip", "prepare"));
        Assert.Equal(Builds.Execute("unzip", "-p", Download("knobzip"), "knobzip-1.0/knob.c").Output,
            File.ReadAllText(Path.Combine(directory, "knob.c")));
        AssertRuns(directory);
    }

    [Fact]
    public void ATarZstIsUnpackedWithZstdcatIntoTarAndBuilt()
    {
        var directory = Knobs.BuildDirectory(Tree, "knobzst");
        Assert.Contains($"zstdcat {Download("knobzst")} | tar -C {directory}/.. -xf -", Knobs.Log(Tree, "knobzst", "prepare"));
        Assert.Equal(Builds.Execute("tar", "--zstd", "-xOf", Download("knobzst"), "knobzst-1.0/knob.c").Output,
            File.ReadAllText(Path.Combine(directory, "knob.c")));
        AssertRuns(directory);
    }

    [Fact]
    public void PkgUnpackReplacesTheDefaultUnpacking()
    {
        var directory = Knobs.BuildDirectory(Tree, "unpack-custom");
        Assert.Contains($"tar -C {directory} --strip-components=1 -xzf {Download("unpack-custom")}", Knobs.Log(Tree, "unpack-custom", "prepare"));
        // The archive's files straight in the build directory, not under its own top directory.
        Assert.True(File.Exists(Path.Combine(directory, "greet.o")));
        Assert.False(Directory.Exists(Tree.In($"{Knobs.BuildRoot}/libgreet-1.4.0")));
        Assert.True(File.Exists(Path.Combine(directory, "ipkg-mips_24kc/unpack-custom/usr/share/doc/unpack-custom/COPYING")));
    }

    private static void AssertRuns(string directory)
    {
        var source = File.ReadAllText(Path.Combine(directory, "knob.c"));
        var printed = source[(source.IndexOf("puts(\"", StringComparison.Ordinal) + 6)..source.IndexOf("\");", StringComparison.Ordinal)];
        Assert.Equal((0, printed + "\n"), Builds.Execute("qemu-mips-static", "-cpu", "24Kf", "-L", "/usr/mips-linux-gnu", Path.Combine(directory, "knob")));
    }
}

/// <summary>A source whose bytes are not those PKG_HASH names is refused before anything is unpacked.</summary>
public sealed class SourceHashTests : IDisposable
{
    private readonly TestTree _tree = Knobs.Tree();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("knobzip", "knobzip-1.0.zip")]
    [InlineData("knobzst", "knobzst-1.0.tar.zst")]
    public void AWrongHashStopsThePackageAtItsDownload(string package, string file)
    {
        var makefile = Knobs.Makefile(_tree, package);
        var expected = new string('0', 64);
        File.WriteAllText(makefile, File.ReadAllText(makefile).Replace(Knobs.Setting(_tree, package, "PKG_HASH"), expected, StringComparison.Ordinal));

        var (_, failures) = Builds.Run(_tree, Builds.Mips, [package], lastStep: StepKind.Prepare);

        var failure = Assert.Single(failures);
        Assert.Contains($"expected {expected}", failure.Message);
        Assert.False(File.Exists(_tree.In("dl/" + file)));
        Assert.False(Directory.Exists(Knobs.BuildDirectory(_tree, package)));
    }
}
