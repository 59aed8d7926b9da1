using System.Diagnostics;
using Kiln.Core.Errors;
using Kiln.Images.Boot;

namespace Kiln.Images.Tests.Boot;

/// <summary>Partition tables of disk images as sfdisk (util-linux) writes them: a DOS master boot record, and a GUID partition table.</summary>
public sealed class DiskPartitionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-disk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Disk(string layout)
    {
        var disk = Path.Combine(_dir, "disk.img");
        File.Delete(disk);
        using (var file = File.Create(disk)) file.SetLength(8 << 20);
        var start = new ProcessStartInfo("sfdisk", ["-q", "--no-reread", "--no-tell-kernel", disk]) { RedirectStandardInput = true };
        using var sfdisk = Process.Start(start)!;
        sfdisk.StandardInput.Write(layout);
        sfdisk.StandardInput.Close();
        sfdisk.WaitForExit();
        Assert.Equal(0, sfdisk.ExitCode);
        return disk;
    }

    [Fact]
    public void AMasterBootRecordsPrimaryPartitionsAreReadWithTheirPlaces()
    {
        var disk = Disk("label: dos\nunit: sectors\nstart=512, size=2048, type=83, bootable\nstart=2560, size=4096, type=83\n");
        Assert.Equal([new DiskPartition(1, 512 * 512, 2048 * 512), new DiskPartition(2, 2560 * 512, 4096 * 512)], DiskPartitions.Read(disk));
    }

    [Fact]
    public void AGuidPartitionTableBehindItsProtectiveRecordIsRead()
    {
        var disk = Disk("label: gpt\nunit: sectors\nstart=2048, size=2048\nstart=4096, size=8192\n");
        Assert.Equal([new DiskPartition(1, 2048 * 512, 2048 * 512), new DiskPartition(2, 4096 * 512, 8192 * 512)], DiskPartitions.Read(disk));
    }

    [Fact]
    public void APartitionIsCopiedOutByteForByte()
    {
        var disk = Disk("label: dos\nunit: sectors\nstart=2048, size=16, type=83\n");
        var bytes = Enumerable.Range(0, 16 * 512).Select(i => (byte)(i * 7)).ToArray();
        using (var file = File.OpenWrite(disk))
        {
            file.Position = 2048 * 512;
            file.Write(bytes);
        }
        DiskPartitions.Extract(disk, DiskPartitions.Read(disk)[0], Path.Combine(_dir, "part"));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(_dir, "part")));
    }

    [Fact]
    public void AFileWithoutAPartitionTableIsSaidAsSuch()
    {
        var file = Path.Combine(_dir, "plain");
        File.WriteAllBytes(file, new byte[4096]);
        Assert.Contains("no partition table", Assert.Throws<UserError>(() => DiskPartitions.Read(file)).Message);
    }
}
