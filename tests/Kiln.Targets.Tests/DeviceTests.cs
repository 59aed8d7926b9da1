namespace Kiln.Targets.Tests;

/// <summary>Devices of the example board, each read in its own scope as OpenWrt's BuildImage reads it.</summary>
public class DeviceTests
{
    [Fact]
    public void EveryListedDeviceIsReadWithoutError()
    {
        Assert.Empty(ExampleBoard.Small.Errors);
        Assert.Equal(["acme_r1", "acme_r1-v2", "acme_r2", "acme_r0"], ExampleBoard.Small.Devices.Select(d => d.Name));
        Assert.Equal(["acme_b1"], ExampleBoard.Big.Devices.Select(d => d.Name));
    }

    [Fact]
    public void TemplatesPulledInWithDeviceReferenceGiveTheirValues()
    {
        var r1 = ExampleBoard.Small.Device("acme_r1");
        Assert.Equal("ar9344", r1.Variable("SOC"));
        Assert.Equal("ACME", r1.Variable("DEVICE_VENDOR"));
        Assert.Equal("sysupgrade.bin factory.bin", r1.Variable("IMAGES"));
        // A device built on another device's block takes all of it, then its own changes.
        var v2 = ExampleBoard.Small.Device("acme_r1-v2");
        Assert.Equal("R1", v2.Variable("DEVICE_MODEL"));
        Assert.Equal("15872k", v2.Variable("IMAGE_SIZE"));
        Assert.Equal("0x00010002", v2.Variable("DEMO_HWID"));
    }

    [Fact]
    public void TitlesComeFromVendorModelVariantAndTheAlternatives()
    {
        var v2 = ExampleBoard.Small.Device("acme_r1-v2");
        Assert.Equal("ACME R1 v2", v2.Variable("DEVICE_TITLE"));
        Assert.Equal("Example R1 Plus", v2.Variable("DEVICE_ALT0_TITLE"));
        Assert.Equal("", v2.Variable("DEVICE_ALT1_TITLE").Trim());
        Assert.Equal("ACME R1", ExampleBoard.Small.Device("acme_r1").Variable("DEVICE_TITLE"));
    }

    [Fact]
    public void SupportedDevicesDefaultToTheNameWithCommas()
    {
        Assert.Equal("acme,r1", ExampleBoard.Small.Device("acme_r1").Variable("SUPPORTED_DEVICES"));
        Assert.Equal("acme,r1-v2 acme,r1", ExampleBoard.Small.Device("acme_r1-v2").Variable("SUPPORTED_DEVICES"));
        Assert.Equal("acme,r2 acme-r2", ExampleBoard.Small.Device("acme_r2").Variable("SUPPORTED_DEVICES"));
    }

    [Fact]
    public void DeferredValuesAreReadPerDevice()
    {
        // DEVICE_DTS = $$(SOC)_$(1) in the defaults; IMAGE_SIZE = $$(DEMO_FLASH) before DEMO_FLASH is set.
        Assert.Equal("ar9344_acme_r2", ExampleBoard.Small.Device("acme_r2").Variable("DEVICE_DTS"));
        Assert.Equal("ar9344_acme_r1", ExampleBoard.Small.Device("acme_r1").Variable("DEVICE_DTS"));
        Assert.Equal("16000k", ExampleBoard.Small.Device("acme_r2").Variable("IMAGE_SIZE"));
    }

    [Fact]
    public void NoValueLeaksFromOneDeviceToTheNext()
    {
        var r0 = ExampleBoard.Small.Device("acme_r0");
        Assert.Equal("64k", r0.Variable("BLOCKSIZE"));
        Assert.Equal("3776k", r0.Variable("IMAGE_SIZE"));
        Assert.Equal("", r0.Variable("DEMO_HWID"));
        Assert.Equal("sysupgrade.bin", r0.Variable("IMAGES"));
        Assert.Equal("kmod-ath9k", r0.Variable("DEVICE_PACKAGES"));
    }

    [Fact]
    public void IwinfoIsAddedWhereAWirelessDaemonIs()
    {
        Assert.Equal("kmod-ath9k -kmod-ath9k kmod-ath10k wpad-basic-mbedtls iwinfo", ExampleBoard.Small.Device("acme_r2")
            .Variable("DEVICE_PACKAGES"));
        Assert.Equal("kmod-ath9k", ExampleBoard.Small.Device("acme_r1").Variable("DEVICE_PACKAGES"));
    }

    [Fact]
    public void BoardDeviceVarsAreExportedToTheRecipes()
    {
        var r1 = ExampleBoard.Small.Device("acme_r1");
        Assert.Contains("DEMO_HWID", r1.Exported);
        Assert.Contains("IMAGE_SIZE", r1.Exported);
        Assert.Equal("DEMO", r1.Variable("DEMO_MAGIC"));
    }

    [Fact]
    public void ADeviceThatDefaultsToOffIsNotSelected()
    {
        Assert.False(ExampleBoard.Small.Device("acme_r0").Selected);
        Assert.True(ExampleBoard.Small.Device("acme_r1").Selected);
    }

    [Fact]
    public void EachSubtargetReadsItsOwnDeviceFile()
    {
        var b1 = ExampleBoard.Big.Device("acme_b1");
        Assert.Equal("squashfs ext4", b1.Variable("FILESYSTEMS"));
        Assert.Equal("target/linux/demo/image/big.mk", b1.Definition.File);
        Assert.Equal("target/linux/demo/image/small.mk", ExampleBoard.Small.Device("acme_r1").Definition.File);
    }
}
