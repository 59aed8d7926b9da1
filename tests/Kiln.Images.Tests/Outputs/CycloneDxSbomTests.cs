using System.Text;
using System.Text.Json;
using Json.Schema;
using Kiln.Images.Outputs;
using Kiln.Packing.Sbom;

namespace Kiln.Images.Tests.Outputs;

/// <summary>
/// An image's CycloneDX SBOM as OpenWrt 24.10's <c>package-metadata.pl imgcyclonedxsbom .packageinfo MANIFEST</c> writes
/// it (the expected text is that script's output for the same .packageinfo and manifest, its hash order, rand() and
/// clock pinned to Kiln's choices), and the SBOMs of images and feeds checked against CycloneDX's 1.4 JSON schema.
/// </summary>
public sealed class CycloneDxSbomTests : IDisposable
{
    private const long Epoch = 1_700_000_000;

    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-sbom-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>What .packageinfo says of a few packages (the kernel's own entry is replaced by the script's).</summary>
    private static readonly PackageInfo[] Tree =
    [
        new("base-files", "1.0-r3", "GPL-2.0-only", null, "Base system", null),
        new("libgreet", "1.4.0-r2", "MIT BSD-2-Clause", "cpe:/a:example:libgreet", "Libraries", "1"),
        new("libbz2", "1.0.8-r1", "bzip2-1.0.6", null, "Libraries", "1.0"),
        new("kernel", "6.6.73~abc-r1", "Other", null, "Kernel", null),
        new("kmod-e1000", "<LINUX_VERSION>-r1", "GPL-2.0-only", null, "Kernel modules", null),
        new("e100-firmware", "20250109-r1", "Redistributable", null, "Firmware", null),
    ];

    private const string ImageManifest =
        "base-files - 1.0-r3\ne100-firmware - 20250109-r1\nkernel - 6.6.73~abc-r1\nkmod-e1000 - 6.6.73.1-r1\nlibbz2-1.0 - 1.0.8-r1\n" +
        "libgreet1 - 1.4.0-r2\nmystery - 1-r1\n";

    private string WriteImageSbom(string manifest, IEnumerable<PackageInfo> tree)
    {
        var manifestPath = Path.Combine(_dir, "openwrt-malta-le.manifest");
        File.WriteAllText(manifestPath, manifest);
        var path = CycloneDxSbom.PathFor(manifestPath);
        CycloneDxSbom.Write(path, manifestPath, tree, Epoch);
        return path;
    }

    [Fact]
    public void AnImagesSbomIsOpenWrtsOneLineOfJsonBesideItsManifest()
    {
        var path = WriteImageSbom(ImageManifest, Tree);

        Assert.Equal(Path.Combine(_dir, "openwrt-malta-le.bom.cdx.json"), path);
        // The kernel is the script's Linux kernel; libgreet1 is found by name and ABI version run together, libbz2-1.0 is
        // not (the script leaves out the '-' of a name that ends in a digit); mystery is not in the tree.
        Assert.Equal(
            ("{'bomFormat':'CycloneDX','specVersion':'1.4','serialNumber':'urn:uuid:e49536dd-a040-43a4-aa8d-9f06748ec9b8','version':1," +
             "'metadata':{'timestamp':'2023-11-14T22:13:20Z'},'components':[" +
             "{'type':'application','name':'base-files','version':'1.0','licenses':[{'license':{'name':'GPL-2.0-only'}}]}," +
             "{'type':'firmware','name':'e100-firmware','version':'20250109','licenses':[{'license':{'name':'Redistributable'}}]}," +
             "{'type':'operating-system','name':'kernel','version':'6.6.73','licenses':[{'license':{'name':'GPL-2.0'}}]," +
             "'cpe':'cpe:/o:linux:linux_kernel:6.6.73'}," +
             "{'type':'application','name':'kmod-e1000','version':'6.6.73','licenses':[{'license':{'name':'GPL-2.0-only'}}]}," +
             "{'type':'library','name':'libgreet','version':'1.4.0','licenses':[{'license':{'name':'MIT'}},{'license':{'name':'BSD-2-Clause'}}]," +
             "'cpe':'cpe:/a:example:libgreet:1.4.0'}]}").Replace('\'', '"'),
            File.ReadAllText(path));
    }

    [Fact]
    public void TheManifestsVersionIsTheOneUsedAndFieldsAreReadAsTheScriptReadsThem()
    {
        var path = WriteImageSbom("base-files - 2.0-r9\nodd - 1-r1\n",
            [new("base-files", "1.0-r3", "  GPL-2.0-only", " cpe:/a:openwrt:base-files ", "", null), new("odd", "1-r1", null, null, "0", null)]);

        var components = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("components");
        // Blanks before a value are dropped, blanks after it kept; an empty or "0" category is no type.
        Assert.Equal("{\"name\":\"base-files\",\"version\":\"2.0\",\"licenses\":[{\"license\":{\"name\":\"GPL-2.0-only\"}}],"
            + "\"cpe\":\"cpe:/a:openwrt:base-files :2.0\"}", components[0].GetRawText());
        Assert.Equal("{\"name\":\"odd\",\"version\":\"1\"}", components[1].GetRawText());
    }

    [Fact]
    public void AnEmptyManifestMakesAnEmptySbomAndUnknownPackagesAnEmptyList()
    {
        Assert.Empty(File.ReadAllBytes(WriteImageSbom("", Tree)));
        Assert.EndsWith("\"components\":[]}", File.ReadAllText(WriteImageSbom("mystery - 1\n", Tree)), StringComparison.Ordinal);
    }

    [Fact]
    public void ImageAndFeedSbomsAreValidCycloneDx14()
    {
        AssertValid(File.ReadAllBytes(WriteImageSbom(ImageManifest, Tree)));
        AssertValid(File.ReadAllBytes(WriteImageSbom("mystery - 1\n", Tree)));
        AssertValid(CycloneDx.ForFeed(Encoding.UTF8.GetBytes(
            "Package: zlib\nVersion: 1.3.1-r1\nLicense: Zlib\nSection: libs\nCPE-ID: cpe:/a:zlib:zlib\nDescription:  A library\n\n" +
            "Package: kmod-e1000\nVersion: 6.6.73.1-r1\nLicense: GPL-2.0-only\nSection: kernel\n\n" +
            "Package: wifi-fw\nVersion: 2025-r1\nSection: firmware\n\n" +
            "Package: weird\nVersion: 1.0\\x\"q/\u0001\t-r7\nLicense: Müller\u00a0BSD\tISC\nSection: utils\n\n"), 0));
    }

    [Fact]
    public void TheSchemaRefusesWhatIsNotCycloneDx()
    {
        var valid = WriteImageSbom(ImageManifest, Tree);
        var text = File.ReadAllText(valid);
        Assert.False(Evaluate(Encoding.UTF8.GetBytes(text.Replace("\"type\":\"library\"", "\"type\":\"lib\"", StringComparison.Ordinal))).IsValid);
        Assert.False(Evaluate(Encoding.UTF8.GetBytes(text.Replace("\"specVersion\":\"1.4\",", "\"specVersion\":\"1.4\",\"extra\":1,",
            StringComparison.Ordinal))).IsValid);
        // A license id is checked against the SPDX list of the schema beside it.
        string WithId(string id) => text.Replace("{\"name\":\"Redistributable\"}", $"{{\"id\":\"{id}\"}}", StringComparison.Ordinal);
        Assert.True(Evaluate(Encoding.UTF8.GetBytes(WithId("MIT"))).IsValid);
        Assert.False(Evaluate(Encoding.UTF8.GetBytes(WithId("Not-A-License"))).IsValid);
        Assert.False(Evaluate(Encoding.UTF8.GetBytes(text.Replace("2023-11-14T22:13:20Z", "yesterday", StringComparison.Ordinal))).IsValid);
    }

    private static void AssertValid(byte[] sbom)
    {
        var results = Evaluate(sbom);
        Assert.True(results.IsValid, Encoding.UTF8.GetString(sbom) + "\n" + string.Join("\n",
            (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    private static EvaluationResults Evaluate(byte[] sbom)
    {
        using var document = JsonDocument.Parse(sbom);
        return Schemas.Bom.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    /// <summary>CycloneDX's schemas (Schemas/CycloneDX), each under the names the others refer to it by.</summary>
    private static class Schemas
    {
        public static readonly JsonSchema Bom = Load();

        private static JsonSchema Load()
        {
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            // Each is registered under its $id when built; the package that ships them refers to them by their file names.
            foreach (var name in new[] { "spdx", "jsf-0.82" })
                options.SchemaRegistry.Register(new Uri($"http://cyclonedx.org/schema/{name}.SNAPSHOT.schema.json"),
                    JsonSchema.FromText(Read(name + ".SNAPSHOT.schema.json"), options));
            return JsonSchema.FromText(Read("bom-1.4.SNAPSHOT.schema.json"), options);
        }

        private static string Read(string name)
        {
            using var stream = typeof(CycloneDxSbomTests).Assembly.GetManifestResourceStream("CycloneDX/" + name)
                ?? throw new InvalidOperationException("no embedded schema " + name);
            return new StreamReader(stream).ReadToEnd();
        }
    }
}
