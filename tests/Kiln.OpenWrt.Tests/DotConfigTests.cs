using Kiln.Core.Errors;
using Kiln.OpenWrt.Configuration;

namespace Kiln.OpenWrt.Tests;

/// <summary>A .config read from a file: what Kconfig writes is taken, anything else refused with its line.</summary>
public sealed class DotConfigTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void WhatKconfigWritesIsRead()
    {
        File.WriteAllText(_file, "#\n# Automatically generated file; DO NOT EDIT.\n#\nCONFIG_TARGET_BOARD=\"ath79\"\n"
            + "CONFIG_TARGET_DEVICE_ath79_generic_DEVICE_adtran_bsap1800-v2=y\n"
            + "# CONFIG_PACKAGE_libstdcpp is not set\n\nCONFIG_PACKAGE_kmod-usb-core=m\n");
        var config = DotConfig.Read(_file);
        Assert.Equal("ath79", config.Text("TARGET_BOARD"));
        Assert.True(config.IsEnabled("TARGET_DEVICE_ath79_generic_DEVICE_adtran_bsap1800-v2"));
        Assert.Null(config.Value("PACKAGE_libstdcpp"));
        Assert.Equal(["kmod-usb-core"], config.SelectedPackages);
    }

    [Theory]
    [InlineData("CONFIG_A=y\nthis is not a config\n", 2)]
    [InlineData("CONFIG_A=y\nCONFIG_B\n", 2)]
    [InlineData("\u0001\u00ff\u0000binary\n", 1)]
    [InlineData("CONFIG_=y\n", 1)]
    [InlineData("CONFIG_A B=y\n", 1)]
    public void AnythingElseIsRefusedNamingTheFileAndLine(string text, int line)
    {
        File.WriteAllText(_file, text, System.Text.Encoding.Latin1);
        var error = Assert.Throws<UserError>(() => DotConfig.Read(_file));
        Assert.Equal(new SourceLocation(_file, line), error.Location);
    }

    [Fact]
    public void ADirectoryOrAMissingFileIsAUserError()
    {
        Assert.Contains("is a directory", Assert.Throws<UserError>(() => DotConfig.Read(Path.GetTempPath())).Message);
        Assert.Contains("no such file", Assert.Throws<UserError>(() => DotConfig.Read(_file + ".absent")).Message);
    }

    [Fact]
    public void SelectsNamesTheBoardAndSubtarget()
    {
        var config = DotConfig.Parse("CONFIG_TARGET_BOARD=\"ath79\"\nCONFIG_TARGET_ath79_generic=y\n");
        Assert.True(config.Selects("ath79/generic"));
        Assert.False(config.Selects("ath79/nand"));
        Assert.False(config.Selects("x86/64"));
    }
}
