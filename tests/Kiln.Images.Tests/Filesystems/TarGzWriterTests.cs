using System.Runtime.Versioning;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class TarGzWriterTests : IDisposable
{
    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new() { Name = "test-rootfs", Epoch = TestRoot.Epoch };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SameRootStagedTwiceGivesTheSameBytes()
    {
        var first = Path.Combine(_root.Output, "first.tar.gz");
        var second = Path.Combine(_root.Output, "second.tar.gz");
        FilesystemWriter.Write(FilesystemKind.TarGz, _root.Root, first, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.TarGz, _root.StageAgain("again"), second, Options, _root.Log);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void TarListsTheRootAsTarDashCDotDoesOwnedByRootAtTheEpochWithoutSetIdBits()
    {
        var image = Path.Combine(_root.Output, "rootfs.tar.gz");
        FilesystemWriter.Write(FilesystemKind.TarGz, _root.Root, image, Options, _root.Log);
        var names = TestRoot.Run("tar", "-tzf", image).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["./", "./bin/", "./bin/link", "./bin/tool", "./etc/", "./etc/banner", "./etc/config/", "./etc/config/network", "./tmp/", "./usr/",
                "./usr/lib/", "./usr/lib/blob", "./usr/sbin/", "./usr/sbin/suid"],
            names);
        var verbose = TestRoot.Run("tar", "--numeric-owner", "-tvzf", image).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(verbose, line => Assert.Matches(@"^\S{10} 0/0\s+\d+ 2023-11-14 22:13 ", line));
        Assert.Matches(@"^-rwxr-xr-x 0/0\s+5 .* \./usr/sbin/suid$", verbose[13]);
        Assert.Matches(@"^lrwxrwxrwx 0/0\s+0 .* \./bin/link -> \.\./etc/banner$", verbose[2]);

        var extracted = Path.Combine(_root.Directory, "extracted");
        Directory.CreateDirectory(extracted);
        TestRoot.Run("tar", "-xzf", image, "-C", extracted);
        TestRoot.AssertSameFiles(extracted);
    }
}
