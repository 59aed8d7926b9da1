using Kiln.Build.HostTools;

namespace Kiln.Build.Tests;

/// <summary>
/// The grub programs x86 image recipes call from staging_dir/host/bin, as Kiln puts them there: Debian's grub-mkimage, and
/// OpenWrt's grub-bios-setup command line (with -r ROOT) over Debian's, on a disk image partitioned by sfdisk.
/// </summary>
public sealed class GrubToolTests : IDisposable
{
    private const string Modules = "/usr/lib/grub/i386-pc";
    private readonly string _root = Directory.CreateTempSubdirectory("kiln-grub-tools-").FullName;

    public GrubToolTests() => HostToolset.Prepare(Bin);

    private string Bin => Path.Combine(_root, "host", "bin");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string In(string name) => Path.Combine(_root, name);

    /// <summary>A 4 MiB disk with one partition from sector 256, as gen_image_generic.sh leaves it before grub-install; and grub's images.</summary>
    private string Disk()
    {
        var disk = In("disk.img");
        using (var file = File.Create(disk)) file.SetLength(4 << 20);
        var (status, output) = Builds.Execute("/bin/sh", "-c",
            $"printf 'label: dos\\nlabel-id: 0x12345678\\nunit: sectors\\nstart=256, size=4096, type=83, bootable\\n' | {Bin}/sfdisk -q --no-reread --no-tell-kernel {disk}");
        Assert.True(status == 0, output);
        Directory.CreateDirectory(In("grub"));
        File.Copy(Path.Combine(Modules, "boot.img"), In("grub/boot.img"));
        File.WriteAllText(In("early.cfg"), "configfile (hd0,msdos1)/boot/grub/grub.cfg\n");
        (status, output) = Builds.Execute(Path.Combine(Bin, "grub-mkimage"), "-d", Modules, "-p", "/boot/grub", "-O", "i386-pc", "-c", In("early.cfg"),
            "-o", In("grub/core.img"), "biosdisk", "configfile", "ext2", "part_msdos");
        Assert.True(status == 0, output);
        File.WriteAllText(In("grub/device.map"), $"(hd0) {disk}\n");
        return disk;
    }

    [Fact]
    public void GrubBiosSetupWritesTheBootCodeAndEmbedsTheCoreImageWithOpenWrtsRootOption()
    {
        var disk = Disk();
        var table = File.ReadAllBytes(disk)[0x1B8..0x200];
        var (status, output) = Builds.Execute(Path.Combine(Bin, "grub-bios-setup"), "-m", In("grub/device.map"), "-d", In("grub"), "-r", "hd0,msdos1", disk);
        Assert.True(status == 0, output);

        var written = File.ReadAllBytes(disk);
        var boot = File.ReadAllBytes(In("grub/boot.img"));
        var core = File.ReadAllBytes(In("grub/core.img"));
        Assert.Equal(boot[..3], written[..3]); // the jump over the BIOS parameter block
        Assert.Equal(boot[0x5A..0x5C], written[0x5A..0x5C]);
        Assert.Equal(1UL, BitConverter.ToUInt64(written, 0x5C)); // the core image starts in sector 1
        Assert.Equal(table, written[0x1B8..0x200]); // disk signature, partition table and boot signature kept
        Assert.Equal(core[..0x100], written[0x200..0x300]); // diskboot.img, before its block list
        Assert.Equal(core[0x400..], written[0x600..(0x200 + core.Length)]);
        Assert.Equal(new byte[512], written[(256 * 512)..(257 * 512)]); // nothing written into the partition
    }

    [Fact]
    public void GrubBiosSetupWithoutTheRootOptionSaysWhatItNeeds()
    {
        var disk = Disk();
        var (status, output) = Builds.Execute(Path.Combine(Bin, "grub-bios-setup"), "-m", In("grub/device.map"), "-d", In("grub"), disk);
        Assert.NotEqual(0, status);
        Assert.Contains("no -r ROOT", output);

        (status, output) = Builds.Execute(Path.Combine(Bin, "grub-bios-setup"), "-m", In("grub/device.map"), "-d", In("grub"), "-r", "hd1,msdos1", disk);
        Assert.NotEqual(0, status);
        Assert.Contains("names no image file for (hd1)", output);
    }
}
