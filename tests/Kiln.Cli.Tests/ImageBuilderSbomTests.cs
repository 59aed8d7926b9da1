using Kiln.Images.Outputs;
using Kiln.OpenWrt.Configuration;
using Kiln.Pipeline.ImageBuilder;

namespace Kiln.Cli.Tests;

/// <summary>
/// The package metadata an Image Builder keeps for its images' SBOMs: written and read with a serializer generated at
/// compile time (kiln is a native program), in the layout exports have always had, and read back whole.
/// </summary>
public sealed class ImageBuilderSbomTests : IDisposable
{
    private readonly string _top = Directory.CreateTempSubdirectory("kiln-ib-sbom-").FullName;

    private static readonly PackageInfo[] Packages =
    [
        new("busybox", "1.36.1-r1", "GPL-2.0-only", "cpe:/a:busybox:busybox", "Base system", null),
        new("libgcc1", null, null, null, "Libraries", "1"),
    ];

    [Fact]
    public void PackageMetadataIsIndentedJsonWithTheRecordsNames()
    {
        Assert.Equal("""
            [
              {
                "Name": "busybox",
                "Version": "1.36.1-r1",
                "License": "GPL-2.0-only",
                "CpeId": "cpe:/a:busybox:busybox",
                "Category": "Base system",
                "AbiVersion": null
              },
              {
                "Name": "libgcc1",
                "Version": null,
                "License": null,
                "CpeId": null,
                "Category": "Libraries",
                "AbiVersion": "1"
              }
            ]

            """, ImageBuilderFeeds.SbomText(Packages));
    }

    [Fact]
    public void PackageMetadataReadsBackAsWritten()
    {
        File.WriteAllText(Path.Combine(_top, ImageBuilderDirectory.MarkerName), ImageBuilderDirectory.MarkerText("malta/le"));
        var builder = ImageBuilderDirectory.Open(_top)!;
        File.WriteAllText(builder.PackageMetadata, ImageBuilderFeeds.SbomText(Packages));

        Assert.Null(ImageBuilderFeeds.SbomPackages(builder, DotConfig.Parse("")));
        Assert.Equal(Packages, ImageBuilderFeeds.SbomPackages(builder, DotConfig.Parse("CONFIG_JSON_CYCLONEDX_SBOM=y\n")));
    }

    public void Dispose() => Directory.Delete(_top, recursive: true);
}
