using System.Buffers.Binary;
using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using System.Text.Json;

namespace Kiln.Cli.Tests;

/// <summary>
/// Device images end to end: the example's Malta router device (KERNEL := kernel-bin | lzma | uImage lzma,
/// IMAGE/sysupgrade.bin := sysupgrade-tar | append-metadata) built with the real host tools, and devices that
/// go wrong in each way a device can (too big, an unknown step, a missing device tree, a vendor tool failing).
/// </summary>
public sealed partial class FirmwareTests
{
    private const string RouterPrefix = "openwrt-malta-router-kiln_malta-router";

    private string RouterBin => Path.Combine(Top, "bin", "targets", FirmwareTrees.Router);

    [Fact]
    public void TheRouterDeviceHasAUImageKernelAndASysupgradeTarWithMetadata()
    {
        trees.RouterBuild.ToString();
        var kernel = File.ReadAllBytes(Path.Combine(RouterBin, RouterPrefix + "-kernel.bin"));
        // U-Boot's legacy header: magic, then (big-endian) load address and entry point, OS/arch/type/compression, name.
        Assert.Equal(0x27051956u, BinaryPrimitives.ReadUInt32BigEndian(kernel));
        Assert.Equal(0x80100000u, BinaryPrimitives.ReadUInt32BigEndian(kernel.AsSpan(16)));
        Assert.Equal(0x80100000u, BinaryPrimitives.ReadUInt32BigEndian(kernel.AsSpan(20)));
        Assert.Equal([5, 5, 2, 3], kernel[28..32]); // linux, mips, kernel, lzma
        Assert.Equal("MIPS OpenWrt Linux-6.6.106", Encoding.ASCII.GetString(kernel, 32, 32).TrimEnd('\0'));
        Assert.Equal(kernel.Length - 64, (int)BinaryPrimitives.ReadUInt32BigEndian(kernel.AsSpan(12)));

        var sysupgrade = File.ReadAllBytes(Path.Combine(RouterBin, RouterPrefix + "-squashfs-sysupgrade.bin"));
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var reader = new TarReader(new MemoryStream(sysupgrade)))
            while (reader.GetNextEntry() is { } entry)
            {
                var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                entries[entry.Name] = data.ToArray();
                Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
            }
        Assert.Equal(["sysupgrade-kiln_malta-router/", "sysupgrade-kiln_malta-router/CONTROL", "sysupgrade-kiln_malta-router/kernel",
            "sysupgrade-kiln_malta-router/root"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("BOARD=kiln_malta-router\n", Encoding.ASCII.GetString(entries["sysupgrade-kiln_malta-router/CONTROL"]));
        Assert.Equal(kernel, entries["sysupgrade-kiln_malta-router/kernel"]);
        Assert.Equal("hsqs"u8.ToArray(), entries["sysupgrade-kiln_malta-router/root"][..4]);

        // fwtool's trailer: the metadata JSON, then a 16-byte trailer ending the image (magic "FWx0").
        Assert.Equal("FWx0"u8.ToArray(), sysupgrade[^16..^12]);
        var json = Encoding.UTF8.GetString(sysupgrade);
        var start = json.LastIndexOf("{  \"metadata_version\"", StringComparison.Ordinal);
        using var metadata = JsonDocument.Parse(json[start..json.IndexOf("} }", start, StringComparison.Ordinal)] + "} }");
        Assert.Equal("kiln,malta-router", metadata.RootElement.GetProperty("supported_devices")[0].GetString());
        Assert.Equal("kiln_malta-router", metadata.RootElement.GetProperty("version").GetProperty("board").GetString());

        using var profiles = JsonDocument.Parse(File.ReadAllText(Path.Combine(RouterBin, "profiles.json")));
        var profile = profiles.RootElement.GetProperty("profiles").GetProperty("kiln_malta-router");
        Assert.Equal("Malta Router", profile.GetProperty("titles")[0].GetProperty("model").GetString());
        var image = profile.GetProperty("images")[0];
        Assert.Equal(RouterPrefix + "-squashfs-sysupgrade.bin", image.GetProperty("name").GetString());
        Assert.Equal("sysupgrade", image.GetProperty("type").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(sysupgrade)), image.GetProperty("sha256").GetString());
    }

    [Fact]
    public void ADeviceThatFailsIsOneMessageAndTheOthersAreStillBuilt()
    {
        trees.RouterBuild.ToString();
        var makefile = trees.Scratch.Path("tree/target/linux/malta/image/Makefile");
        var text = File.ReadAllText(makefile);
        var tool = Path.Combine(Top, "staging_dir", "host", "bin", "kiln-vendor-tool");
        try
        {
            File.WriteAllText(tool, "#!/bin/sh\necho 'kiln-vendor-tool: no header for this flash layout' >&2\nexit 3\n");
            Process.Start("chmod", ["755", tool]).WaitForExit();
            File.WriteAllText(makefile, text.Replace("TARGET_DEVICES += kiln_malta-router\n", """
                TARGET_DEVICES += kiln_malta-router

                define Build/kiln-vendor-tool
                	$(STAGING_DIR_HOST)/bin/kiln-vendor-tool $@
                endef

                define Device/kiln_too-big
                  $(Device/kiln_malta-router)
                  IMAGE_SIZE := 64k
                  IMAGE/sysupgrade.bin := sysupgrade-tar | check-size | append-metadata
                endef
                define Device/kiln_unknown-step
                  $(Device/kiln_malta-router)
                  IMAGE/sysupgrade.bin := sysupgrade-tar | no-such-step
                endef
                define Device/kiln_no-dtb
                  $(Device/kiln_malta-router)
                  DEVICE_DTS := kiln-missing
                  KERNEL := kernel-bin | append-dtb | lzma | uImage lzma
                endef
                define Device/kiln_vendor-fails
                  $(Device/kiln_malta-router)
                  IMAGE/sysupgrade.bin := sysupgrade-tar | kiln-vendor-tool
                endef
                TARGET_DEVICES += kiln_too-big kiln_unknown-step kiln_no-dtb kiln_vendor-fails

                """, StringComparison.Ordinal));
            string[] devices = ["kiln_malta-router", "kiln_too-big", "kiln_unknown-step", "kiln_no-dtb", "kiln_vendor-fails"];
            var run = Kiln(["image", "--target", FirmwareTrees.Router, "--kernel", FirmwareTrees.Kernel(FirmwareTrees.Malta),
                .. devices.SelectMany(d => new[] { "--profile", d })]);
            Assert.True(run.Status == 2, run.ToString());
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.Contains("malta/router: 4 of 5 devices failed (the others' images are in bin/targets/malta/router)", run.Stderr);
            Assert.Contains("kiln_too-big: openwrt-malta-router-kiln_too-big-squashfs-sysupgrade.bin: step 'check-size': Image file", run.Stderr);
            Assert.Contains("is too big", run.Stderr);
            Assert.Contains("kiln_unknown-step: target/linux/malta/image/Makefile:", run.Stderr);
            Assert.Contains("Build/no-such-step", run.Stderr);
            Assert.Contains("kiln_no-dtb: openwrt-malta-router-kiln_no-dtb-kernel.bin: step 'append-dtb': the device tree image-kiln-missing.dtb is missing",
                run.Stderr);
            Assert.Contains("kiln_vendor-fails: openwrt-malta-router-kiln_vendor-fails-squashfs-sysupgrade.bin: step 'kiln-vendor-tool': exit status 3",
                run.Stderr);
            Assert.Contains("kiln-vendor-tool: no header for this flash layout", run.Stderr);
            // The good device's images are there; no failed device left a file under its final name.
            var names = Directory.GetFiles(RouterBin).Select(Path.GetFileName).ToList();
            Assert.Contains(RouterPrefix + "-squashfs-sysupgrade.bin", names);
            Assert.DoesNotContain(names, n => n!.Contains("kiln_too-big") || n.Contains("kiln_unknown-step") || n.Contains("kiln_no-dtb") ||
                n.Contains("kiln_vendor-fails"));
        }
        finally
        {
            File.WriteAllText(makefile, text);
            File.Delete(tool);
        }
    }
}
