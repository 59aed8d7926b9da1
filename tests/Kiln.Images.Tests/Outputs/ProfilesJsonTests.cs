using System.Text.Json.Nodes;
using Kiln.Images.Outputs;

namespace Kiln.Images.Tests.Outputs;

public sealed class ProfilesJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-profiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RecordsAreReadInTheOrderExt4ListsTheirFiles()
    {
        // OpenWrt 24.10's profiles.json for these devices (../shared/oracle/images-built) lists their images in this order,
        // which is neither the order they were made in nor their names' order.
        string[] carambola = ["openwrt-ath79-generic-8dev_carambola2-squashfs-sysupgrade.bin.json", "openwrt-ath79-generic-8dev_carambola2-initramfs-kernel.bin.json"];
        string[] alfa = ["openwrt-ath79-generic-alfa-network_ap121f-initramfs-kernel.bin.json", "openwrt-ath79-generic-alfa-network_ap121f-squashfs-sysupgrade.bin.json"];
        Assert.Equal(carambola, carambola.Reverse().OrderBy(DirectoryListingOrder.Key));
        Assert.Equal(alfa, alfa.Reverse().OrderBy(DirectoryListingOrder.Key));
    }

    [Fact]
    public void JsonIsWrittenAsPythonsDumpsWritesItSortedAndAsciiOnly()
    {
        var node = new JsonObject { ["b"] = "Zyxel \u00e9 <x>/\"q\"\n", ["a"] = new JsonArray(1, "x"), ["c"] = new JsonObject() };
        Assert.Equal("{\"a\":[1,\"x\"],\"b\":\"Zyxel \\u00e9 <x>/\\\"q\\\"\\n\",\"c\":{}}", PythonJson.Dumps(node));
    }

    [Fact]
    public void ImagesOfOneDeviceAreMergedOntoAProfilesJsonOfTheSameVersionCode()
    {
        File.WriteAllText(Path.Combine(_dir, "old.bin"), "old");
        File.WriteAllText(Path.Combine(_dir, "a.bin"), "a");
        File.WriteAllText(Path.Combine(_dir, "b.bin"), "b");
        var overview = new ImageOverview("ath79/generic", "mips_24kc", ["opkg", "base-files"], "24.10-SNAPSHOT", "r1", 1700000000, "6.6.106", "1", "unknown", []);
        ProfilesJson.Write(_dir, overview, [Record("dev", "old.bin", "sysupgrade")]);
        ProfilesJson.Write(_dir, overview, [Record("dev", "a.bin", "factory"), Record("other", "b.bin", "sysupgrade")]);

        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, ProfilesJson.FileName)))!;
        Assert.Equal(["old.bin", "a.bin"], written["profiles"]!["dev"]!["images"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal("b.bin", written["profiles"]!["other"]!["images"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(["base-files", "opkg"], written["default_packages"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    private ImageInfo Record(string device, string file, string type) => ImageInfo.Of(new Dictionary<string, string>
    {
        ["DEVICE_ID"] = device, ["FILE_NAME"] = file, ["FILE_TYPE"] = type, ["FILE_FILESYSTEM"] = "squashfs", ["TARGET"] = "ath79",
        ["SUBTARGET"] = "generic", ["VERSION_CODE"] = "r1", ["VERSION_NUMBER"] = "24.10-SNAPSHOT", ["DEVICE_VENDOR"] = "Kiln",
    }, _dir, 1700000000)!;
}
