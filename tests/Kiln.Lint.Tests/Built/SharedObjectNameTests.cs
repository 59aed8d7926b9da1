using Kiln.Lint.Built;

namespace Kiln.Lint.Tests.Built;

/// <summary>The ABI versions SONAMEs carry, on the names of real OpenWrt packages' libraries and their ABI_VERSION.</summary>
public sealed class SharedObjectNameTests
{
    [Theory]
    [InlineData("libevent-2.1.so.7", "7")] // libevent2: ABI_VERSION:=7
    [InlineData("libbz2.so.1.0", "1.0")] // bzip2: ABI_VERSION:=1.0
    [InlineData("libncursesw.so.6", "6")] // ncurses: ABI_VERSION:=6
    [InlineData("libdb-4.7.so", "4.7")]
    [InlineData("libubox.so", null)]
    [InlineData("liblua5.4.so", null)]
    public void TheVersionASonameCarries(string soname, string? version) => Assert.Equal(version, SharedObjectName.AbiVersion(soname));

    [Theory]
    [InlineData("liblua5.4.so.0.0.0", "5.4", true)] // lua5.4: ABI_VERSION:=5.4, the version in the name
    [InlineData("liblua5.4.so.0.0.0", "0.0.0", true)]
    [InlineData("liblua5.4.so.0.0.0", "4", false)]
    [InlineData("liblua.so.5.1.5", "5.1.5", true)] // lua: ABI_VERSION:=$(PKG_VERSION)
    [InlineData("libfoo.so.2", "1", false)]
    public void AnAbiVersionMatchesTheSonameOrTheVersionInItsName(string soname, string abi, bool carries) =>
        Assert.Equal(carries, SharedObjectName.Carries(soname, abi));

    [Theory]
    [InlineData("libfoo.so.1", "libfoo.so.1.2.3", true)]
    [InlineData("libfoo.so", "libfoo.so.1", true)]
    [InlineData("libfoo.so.1", "libfoo.so.1", false)]
    [InlineData("libfoo.so.1", "libfoo.so.10", false)]
    [InlineData("libfoo.so", "libfoo.so.old", false)]
    public void LinkNamesExtendTheNameTheyPointFrom(string shorter, string longer, bool extends) =>
        Assert.Equal(extends, SharedObjectName.Extends(shorter, longer));
}
