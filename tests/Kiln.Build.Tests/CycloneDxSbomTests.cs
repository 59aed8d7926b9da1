using System.Text.Json;
using Kiln.Build.Steps;
using Kiln.Images.Firmware;
using Kiln.Packing.Sbom;
using Kiln.Pipeline.Images;
using Kiln.Pipeline.Packages;

namespace Kiln.Build.Tests;

/// <summary>
/// A build of the example tree for Malta with <c>CONFIG_JSON_CYCLONEDX_SBOM</c>, as <c>kiln build</c> runs one (packages, then
/// the root file system's images): each feed it packed gets Packages.bom.cdx.json, the image its IMG_PREFIX.bom.cdx.json
/// from the packages the build read.
/// </summary>
public sealed class CycloneDxSbomTests : IDisposable
{
    private const string Malta = "malta/le";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void ABuildWritesTheSbomsOfItsFeedsAndOfItsImage()
    {
        var top = _tree.Top;
        var config = Builds.Config(_tree, Malta, "CONFIG_JSON_CYCLONEDX_SBOM=y\n");
        var target = FirmwareSession.FindTarget(top, Malta);
        var images = new ImageBuildRequest(top, config, Malta, null, null, OnlyListed: false, FromConfig: true, [], [], RootfsOnly: true);
        var observer = new RecordingObserver();
        FirmwareResult? made = null;
        var request = new BuildRequest(top, config, null, 2, StepKind.InstallDev, CacheDirectory: null, new IpkPackager(top),
            [.. target.DefaultPackages.Where(p => !p.StartsWith('-'))],
            (context, packages) => made = FirmwareSession.Images(context, target, images, observer, CancellationToken.None, packages));

        var result = BuildSession.Run(request, observer, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Select(f => $"{f.Node}: {f.Message}")));
        Assert.NotNull(made);
        var epoch = long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out var seconds) ? seconds : 0;
        var time = DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var feed = _tree.In("bin/packages/mipsel_24kc/base");
        var feedSbom = File.ReadAllBytes(Path.Combine(feed, "Packages.bom.cdx.json"));
        Assert.Equal(CycloneDx.ForFeed(File.ReadAllBytes(Path.Combine(feed, "Packages.manifest")), epoch), feedSbom);
        Assert.Equal(["base-files 1 application", "bootcheck 1 application", "greeter 2025.03.14~3c1f0d2b application",
            "libgreet1 1.4.0 library"], Components(feedSbom));
        Assert.Equal(time, JsonDocument.Parse(feedSbom).RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
        // The target's own feed holds the toolchain's packages (nonshared, as OpenWrt's toolchain Makefile makes them);
        // its index, and so its SBOM, leaves libc out as OpenWrt's ipkg-make-index does.
        var targetFeed = _tree.In("bin/targets/malta/le/packages");
        var targetSbom = File.ReadAllBytes(Path.Combine(targetFeed, "Packages.bom.cdx.json"));
        Assert.Equal(CycloneDx.ForFeed(File.ReadAllBytes(Path.Combine(targetFeed, "Packages.manifest")), epoch), targetSbom);
        Assert.Equal(["libgcc 2.36 library"], Components(targetSbom));

        // The image lists what the tree describes (libc and libgcc come from the toolchain, not from a Makefile);
        // libgreet1 is found through its ABI version, under its own name.
        var bin = _tree.In("bin/targets/malta/le");
        var imageSbom = File.ReadAllBytes(Path.Combine(bin, "openwrt-malta-le.bom.cdx.json"));
        Assert.Equal(["base-files 1 application", "bootcheck 1 application", "greeter 2025.03.14~3c1f0d2b application", "libgreet 1.4.0 library"],
            Components(imageSbom));
        Assert.Contains("{\"type\":\"library\",\"name\":\"libgreet\",\"version\":\"1.4.0\",\"licenses\":[{\"license\":{\"name\":\"MIT\"}}]}",
            System.Text.Encoding.UTF8.GetString(imageSbom), StringComparison.Ordinal);
        // Published with the images and summed with them, but no image in profiles.json.
        Assert.Contains(" *openwrt-malta-le.bom.cdx.json", File.ReadAllText(Path.Combine(bin, "sha256sums")), StringComparison.Ordinal);
        Assert.DoesNotContain("bom.cdx.json", File.ReadAllText(Path.Combine(bin, "profiles.json")), StringComparison.Ordinal);
    }

    private static List<string> Components(byte[] sbom) =>
        JsonDocument.Parse(sbom).RootElement.GetProperty("components").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("version").GetString()} {c.GetProperty("type").GetString()}")
            .ToList();
}
