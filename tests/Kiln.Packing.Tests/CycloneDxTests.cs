using System.Text;
using System.Text.Json;
using Kiln.Packing.Sbom;

namespace Kiln.Packing.Tests;

/// <summary>
/// A feed's CycloneDX SBOM as OpenWrt 24.10's <c>package-metadata.pl pkgcyclonedxsbom Packages.manifest</c> writes it.
/// The expected texts are what that script prints for the same manifest with its hash order, rand() and clock pinned
/// to Kiln's choices (schema key order, the serial's draws, SOURCE_DATE_EPOCH).
/// </summary>
public sealed class CycloneDxTests
{
    private const long Epoch = 1_700_000_000;

    private const string Manifest =
        "Package: zlib\nVersion: 1.3.1-r1\nDepends: libc\nLicense: Zlib\nSection: libs\nCPE-ID: cpe:/a:zlib:zlib\nArchitecture: mipsel_24kc\n" +
        "Installed-Size: 100\nFilename: zlib_1.3.1-r1_mipsel_24kc.ipk\nSize: 1234\nSHA256sum: 00\nDescription:  A library\n\n" +
        "Package: greeter\nVersion: 2025.03.14~3c1f0d2b-r1\nLicense: GPL-2.0-or-later\nSection: utils\nArchitecture: mipsel_24kc\n" +
        "Description:  Greets\n\n" +
        "Package: kmod-e1000\nVersion: 6.6.73.1-r1\nLicense: GPL-2.0-only\nSection: kernel\nArchitecture: mipsel_24kc\nDescription:  Driver\n\n";

    private static string Feed(string manifest, long epoch = Epoch) =>
        Encoding.UTF8.GetString(CycloneDx.ForFeed(Encoding.UTF8.GetBytes(manifest), epoch));

    private static JsonElement Components(string manifest) => JsonDocument.Parse(Feed(manifest)).RootElement.GetProperty("components");

    [Fact]
    public void AFeedsSbomIsOpenWrtsOneLineOfJson()
    {
        Assert.Equal(
            ("{'bomFormat':'CycloneDX','specVersion':'1.4','serialNumber':'urn:uuid:2c831d24-e167-4637-8804-b7b873132acd','version':1," +
             "'metadata':{'timestamp':'2023-11-14T22:13:20Z'},'components':[" +
             "{'type':'application','name':'greeter','version':'2025.03.14~3c1f0d2b','licenses':[{'license':{'name':'GPL-2.0-or-later'}}]}," +
             "{'type':'application','name':'kmod-e1000','version':'6.6.73','licenses':[{'license':{'name':'GPL-2.0-only'}}]}," +
             "{'type':'library','name':'zlib','version':'1.3.1','licenses':[{'license':{'name':'Zlib'}}],'cpe':'cpe:/a:zlib:zlib:1.3.1'}]}")
            .Replace('\'', '"'),
            Feed(Manifest));
    }

    [Fact]
    public void TheSameManifestAndEpochMakeTheSameBytesAndTheSerialIsOneTheScriptCouldDraw()
    {
        Assert.Equal(Feed(Manifest), Feed(Manifest));
        var later = JsonDocument.Parse(Feed(Manifest, Epoch + 1)).RootElement;
        Assert.Equal("2023-11-14T22:13:21Z", later.GetProperty("metadata").GetProperty("timestamp").GetString());
        var serial = later.GetProperty("serialNumber").GetString()!;
        Assert.NotEqual(JsonDocument.Parse(Feed(Manifest)).RootElement.GetProperty("serialNumber").GetString(), serial);
        // %04x of rand(0xffff) (never ffff), rand(0x0fff) | 0x4000 and rand(0x3fff) | 0x8000.
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", serial);
        Assert.Equal("1970-01-01T00:00:00Z",
            JsonDocument.Parse(Feed(Manifest, 0)).RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
    }

    [Fact]
    public void AFeedWithoutPackagesHasAnEmptySbom()
    {
        Assert.Empty(CycloneDx.ForFeed([], Epoch));
        Assert.Empty(CycloneDx.ForFeed("\n"u8.ToArray(), Epoch));
    }

    [Fact]
    public void ComponentsAreSortedByNameIgnoringAsciiCaseAndTheLastPackageOfANameWins()
    {
        var components = Components(
            "Package: zz\nVersion: 1\nSection: utils\n\nPackage: ABD\nVersion: 1\nSection: utils\n\nPackage: abc\nVersion: 1\nSection: utils\n\n" +
            "Package: _under\nVersion: 1\nSection: utils\n\nPackage: abc\nVersion: 2\nSection: utils\n\n");
        Assert.Equal(["abc", "ABD", "zz", "_under"], components.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("2", components[0].GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("libs", "library")]
    [InlineData("firmware", "firmware")]
    [InlineData("utils", "application")]
    [InlineData("libs ", "application")]
    public void TheTypeComesFromTheSection(string section, string type)
    {
        Assert.Equal(type, Components($"Package: a\nVersion: 1\nSection: {section}\n")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void FieldsAreReadAsTheScriptsPatternsReadThem()
    {
        var components = Components(
            "Package: blanks   \nVersion:   1.2-r3  \nLicense:   GPL-2.0-only   bzip2-1.0.4  \n\n" +
            "Package: noversion\nLicense: MIT\nSection: utils\nCPE-ID: cpe:/a:x:noversion\n\n" +
            "Package: zero\nVersion: 0\nSection: 0\nLicense: 0\nCPE-ID: 0\n\n" +
            "Package: kmod-x\nVersion: 6.6.73.6.12.6-r1\nSection: kernel\nDescription:  x\n Version: 9.9\n License: no\n\n" +
            "Package: kernel-ish\nVersion: 6.6-r3\n");
        string Json(int i) => components[i].GetRawText();
        // No Section: no type; the version keeps the blanks after it (the release is not at its end then); licenses split at blanks.
        Assert.Equal("{\"name\":\"blanks\",\"version\":\"1.2-r3  \",\"licenses\":[{\"license\":{\"name\":\"GPL-2.0-only\"}},"
            + "{\"license\":{\"name\":\"bzip2-1.0.4\"}}]}", Json(0));
        Assert.Equal("{\"name\":\"kernel-ish\",\"version\":\"6.6\"}", Json(1));
        // A kmod's version is the kernel's; description lines are no fields.
        Assert.Equal("{\"type\":\"application\",\"name\":\"kmod-x\",\"version\":\"6.6.73\"}", Json(2));
        Assert.Equal("{\"type\":\"application\",\"name\":\"noversion\",\"version\":null,\"licenses\":[{\"license\":{\"name\":\"MIT\"}}],"
            + "\"cpe\":\"cpe:/a:x:noversion:\"}", Json(3));
        // "0" is false to Perl: no type, no CPE, but a license.
        Assert.Equal("{\"name\":\"zero\",\"version\":\"0\",\"licenses\":[{\"license\":{\"name\":\"0\"}}]}", Json(4));
    }

    [Fact]
    public void StringsAreEscapedAsJsonPpEscapesThemAndBytesAreTakenAsLatin1()
    {
        var manifest = Encoding.UTF8.GetBytes("Package: weird\nVersion: 1.0\\x\"q/\u0001\u007f\t-r7\nLicense: Müller\u00a0BSD\tISC\nSection: libs\n\n");
        var json = Encoding.UTF8.GetString(CycloneDx.ForFeed(manifest, Epoch));
        // The script reads bytes and writes each as a character in UTF-8: UTF-8 text comes out encoded twice.
        Assert.Contains("{\"type\":\"library\",\"name\":\"weird\",\"version\":\"1.0\\\\x\\\"q/\\u0001\u007f\\t\",\"licenses\":"
            + "[{\"license\":{\"name\":\"MÃ¼llerÂ\u00a0BSD\"}},{\"license\":{\"name\":\"ISC\"}}]}", json);
    }
}
