using System.Runtime.Versioning;
using Kiln.Core.Errors;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class FilesystemWriterTests : IDisposable
{
    private readonly TestRoot _root = new();

    private static FilesystemOptions Options => new() { Name = "test-rootfs", Epoch = TestRoot.Epoch };

    public void Dispose() => _root.Dispose();

    [Fact]
    public void MissingRootIsSaid()
    {
        var missing = Path.Combine(_root.Directory, "no-root");
        var error = Assert.Throws<UserError>(() =>
            FilesystemWriter.Write(FilesystemKind.Squashfs, missing, Path.Combine(_root.Output, "root.squashfs"), Options, _root.Log));
        Assert.Equal($"{missing}: the root filesystem's directory does not exist", error.Message);
    }

    [Fact]
    public void OutputThatIsADirectoryIsSaid()
    {
        var error = Assert.Throws<UserError>(() => FilesystemWriter.Write(FilesystemKind.TarGz, _root.Root, _root.Output, Options, _root.Log));
        Assert.Equal($"{_root.Output}: is a directory, not an image file", error.Message);
    }

    [Fact]
    public void EpochBeyondThirtyTwoBitsIsSaid()
    {
        var error = Assert.Throws<UserError>(() => FilesystemWriter.Write(FilesystemKind.CpioGz, _root.Root,
            Path.Combine(_root.Output, "rootfs.cpio.gz"), Options with { Epoch = 1L << 32 }, _root.Log));
        Assert.Equal("SOURCE_DATE_EPOCH=4294967296 is out of range (0 to 4294967295 seconds)", error.Message);
    }

    [Fact]
    public void DeviceNodeInTheRootIsSaidAndNothingIsLeft()
    {
        TestRoot.Run("mkfifo", Path.Combine(_root.Root, "etc/fifo"));
        var output = Path.Combine(_root.Output, "rootfs.cpio.gz");
        var error = Assert.Throws<UserError>(() => FilesystemWriter.Write(FilesystemKind.CpioGz, _root.Root, output, Options, _root.Log));
        Assert.StartsWith($"{_root.Root}/etc/fifo: a device, FIFO or socket in the staged root", error.Message);
        Assert.Equal(["image.log"], Directory.GetFileSystemEntries(_root.Output).Select(Path.GetFileName));
    }

    [Fact]
    public void ImageReplacesAnOldOneAndTheLogKeepsEveryCommand()
    {
        var image = Path.Combine(_root.Output, "root.squashfs");
        File.WriteAllText(image, "an old image");
        FilesystemWriter.Write(FilesystemKind.Squashfs, _root.Root, image, Options, _root.Log);
        FilesystemWriter.Write(FilesystemKind.Erofs, _root.Root, Path.Combine(_root.Output, "root.erofs"), Options, _root.Log);
        Assert.Equal("hsqs"u8.ToArray(), File.ReadAllBytes(image)[..4]);
        var log = File.ReadAllText(_root.Log);
        Assert.Contains($"# Squashfs of {_root.Root} as {image}\n", log);
        Assert.Contains($"$ mksquashfs {_root.Root} {image}.", log);
        Assert.Contains(" -p '/dev/console c 600 0 0 5 1' ", log);
        Assert.Contains("$ mkfs.erofs -zlz4hc,12 -T 1700000000 ", log);
        Assert.Equal(["image.log", "root.erofs", "root.squashfs"], Directory.GetFileSystemEntries(_root.Output).Select(Path.GetFileName).Order());
    }
}
