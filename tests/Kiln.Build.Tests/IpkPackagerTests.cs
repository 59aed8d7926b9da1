using System.Text;
using Kiln.Build.Steps;
using Kiln.Packing.Ipk;
using Kiln.Packing.Sbom;
using Kiln.Packing.Signing;
using Kiln.Pipeline.Packages;

namespace Kiln.Build.Tests;

/// <summary>The build's packer: the file name, the control file it writes and the signed index.</summary>
public sealed class IpkPackagerTests : IDisposable
{
    private const string Control = "Package: libbar2\nVersion: 1.2-r3\nSource: feeds/base/bar\nSection: libs\nArchitecture: mips_24kc\n";

    private readonly TestTree _temp = new();

    public void Dispose() => _temp.Dispose();

    private PackageToPack Package(IReadOnlyList<string>? depends = null, string description = "  Line one\n\tsecond line",
        string output = "bin/packages/mips_24kc/base")
    {
        Directory.CreateDirectory(_temp.In("install/usr/lib"));
        File.WriteAllText(_temp.In("install/usr/lib/libbar.so.2"), "0123456789");
        return new PackageToPack("bar", "libbar2", _temp.In("install"), Control, depends ?? ["libc", "libfoo1"], description,
            new Dictionary<string, string> { ["postinst"] = "#!/bin/sh\nldconfig\n" }, "mips_24kc", _temp.In(output), 1_700_000_000);
    }

    [Fact]
    public void TheFileNameIsTheInstalledNameVersionAndArchitecture()
    {
        var packager = new IpkPackager(_temp.Top);

        Assert.Equal("libbar2_1.2-r3_mips_24kc.ipk", packager.FileName(Package()));
    }

    [Fact]
    public void PackWritesDependsAfterVersionAndOpenWrtsDescription()
    {
        var package = Package();

        new IpkPackager(_temp.Top).Pack(package);

        var path = Path.Combine(package.OutputDirectory, "libbar2_1.2-r3_mips_24kc.ipk");
        Assert.Equal(["libbar2_1.2-r3_mips_24kc.ipk"], Directory.GetFiles(package.OutputDirectory).Select(Path.GetFileName));
        var contents = IpkContents.Read(path);
        Assert.Equal(
            "Package: libbar2\nVersion: 1.2-r3\nDepends: libc, libfoo1\nSource: feeds/base/bar\nSection: libs\nArchitecture: mips_24kc\n" +
            "Installed-Size: 10\nDescription:  Line one\n second line\n",
            contents.Control.Write());
        Assert.Equal("#!/bin/sh\nldconfig\n", Encoding.UTF8.GetString(contents.ControlEntries.Single(e => e.Name == "./postinst-pkg").Bytes!));
        Assert.Equal(["./", "./usr/", "./usr/lib/", "./usr/lib/libbar.so.2"], contents.DataEntries.Select(e => e.Name));
        // GNU tar reads the control file the same.
        var control = Succeed("sh", "-c", $"tar -xzOf '{path}' ./control.tar.gz | tar -xzOf - ./control");
        Assert.Equal(contents.Control.Write(), control);
    }

    [Fact]
    public void NoDependenciesMeansNoDependsField()
    {
        var package = Package(depends: []);

        new IpkPackager(_temp.Top).Pack(package);

        var control = IpkContents.Read(Path.Combine(package.OutputDirectory, "libbar2_1.2-r3_mips_24kc.ipk")).Control;
        Assert.Equal(["Package", "Version", "Source", "Section", "Architecture", "Installed-Size", "Description"], control.Fields.Select(f => f.Key));
        Assert.Null(control["Depends"]);
    }

    [Fact]
    public void PackingIsReproducibleAndDatedSourceDateEpoch()
    {
        var package = Package();
        var packager = new IpkPackager(_temp.Top);
        var path = Path.Combine(package.OutputDirectory, packager.FileName(package));

        packager.Pack(package);
        var first = File.ReadAllBytes(path);
        packager.Pack(package);

        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Contains(" 2023-11-14 22:13:20 ./control.tar.gz", Succeed("tar", "--full-time", "-tzvf", path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  Line one\n\tsecond line", " Line one\n second line")]
    [InlineData("One line", " One line")]
    [InlineData("\n\nPadded\n\n", " Padded")]
    [InlineData("a\n \t  b\nc", " a\n b\n c")]
    public void TheDescriptionsLinesEachStartWithOneSpace(string text, string expected)
    {
        Assert.Equal(expected, IpkPackager.Description(text));
    }

    [Fact]
    public void IndexSignsEachDirectoryWithTheTreesKey()
    {
        var packager = new IpkPackager(_temp.Top);
        var first = Package(output: "bin/packages/mips_24kc/base");
        var second = Package(output: "bin/targets/demo/small/packages");
        packager.Pack(first);
        packager.Pack(second);

        packager.Index([first.OutputDirectory, second.OutputDirectory], cycloneDx: false, epoch: 0);

        var publicKey = BuildKey.Public(_temp.Top);
        foreach (var directory in new[] { first.OutputDirectory, second.OutputDirectory })
        {
            var packages = File.ReadAllBytes(Path.Combine(directory, "Packages"));
            Assert.Contains("Package: libbar2\n", Encoding.UTF8.GetString(packages), StringComparison.Ordinal);
            Assert.Contains("\nFilename: libbar2_1.2-r3_mips_24kc.ipk\n", Encoding.UTF8.GetString(packages), StringComparison.Ordinal);
            Assert.Null(Usign.Verify(packages, File.ReadAllText(Path.Combine(directory, "Packages.sig")), publicKey, "Packages.sig"));
        }
    }

    [Fact]
    public void IndexWritesEachDirectorysCycloneDxSbomFromItsManifestWhenAsked()
    {
        var packager = new IpkPackager(_temp.Top);
        var package = Package();
        packager.Pack(package);
        var sbom = Path.Combine(package.OutputDirectory, "Packages.bom.cdx.json");

        packager.Index([package.OutputDirectory], cycloneDx: false, epoch: 0);
        Assert.False(File.Exists(sbom));

        packager.Index([package.OutputDirectory], cycloneDx: true, epoch: 1_700_000_000);
        var manifest = File.ReadAllBytes(Path.Combine(package.OutputDirectory, "Packages.manifest"));
        Assert.Equal(CycloneDx.ForFeed(manifest, 1_700_000_000), File.ReadAllBytes(sbom));
        Assert.EndsWith("\"metadata\":{\"timestamp\":\"2023-11-14T22:13:20Z\"},\"components\":[{\"type\":\"library\",\"name\":\"libbar2\","
            + "\"version\":\"1.2\"}]}", File.ReadAllText(sbom), StringComparison.Ordinal);
    }

    /// <summary>Runs a tool in UTC and the C locale, as the listings compared here need; it must succeed.</summary>
    private static string Succeed(params string[] command)
    {
        var (status, output) = Builds.Execute("/usr/bin/env", ["TZ=UTC", "LC_ALL=C", .. command]);
        Assert.True(status == 0, output);
        return output;
    }
}
