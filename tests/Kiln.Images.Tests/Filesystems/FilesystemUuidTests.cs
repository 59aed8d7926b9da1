using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

public sealed class FilesystemUuidTests
{
    [Fact]
    public void SameInputsGiveTheSameUuidAndAnyDifferenceAnother()
    {
        var uuid = FilesystemUuid.For("openwrt-x86-64-rootfs", 1_700_000_000, "ext4 filesystem");
        Assert.Equal(uuid, FilesystemUuid.For("openwrt-x86-64-rootfs", 1_700_000_000, "ext4 filesystem"));
        Assert.NotEqual(uuid, FilesystemUuid.For("openwrt-x86-64-rootfs", 1_700_000_001, "ext4 filesystem"));
        Assert.NotEqual(uuid, FilesystemUuid.For("openwrt-x86-64-rootfs", 1_700_000_000, "ext4 directory hash seed"));
        Assert.NotEqual(uuid, FilesystemUuid.For("openwrt-x86-generic-rootfs", 1_700_000_000, "ext4 filesystem"));
    }

    [Fact]
    public void UuidIsMarkedVersionEightOfTheRfcVariant()
    {
        var text = FilesystemUuid.For("name", 1, "purpose").ToString();
        Assert.Equal('8', text[14]);
        Assert.Contains(text[19], "89ab");
        var bytes = FilesystemUuid.Bytes(FilesystemUuid.For("name", 1, "purpose"));
        Assert.Equal(Convert.FromHexString(text.Replace("-", "", StringComparison.Ordinal)), bytes);
    }
}
