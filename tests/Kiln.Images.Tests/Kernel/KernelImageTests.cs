using System.Buffers.Binary;
using System.Diagnostics;
using Kiln.Core.Errors;
using Kiln.Images.Kernel;

namespace Kiln.Images.Tests.Kernel;

public sealed class KernelImageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-kernel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A 32-bit little-endian MIPS ELF with two loadable segments 0x20 bytes apart and a gap between them.</summary>
    private string TwoSegmentElf()
    {
        var elf = new byte[0x200];
        elf[0] = 0x7f; elf[1] = (byte)'E'; elf[2] = (byte)'L'; elf[3] = (byte)'F';
        elf[4] = 1; elf[5] = 1; elf[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(18), 8);
        BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(28), 52);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(42), 32);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(44), 2);
        void Segment(int index, uint offset, uint address, uint size)
        {
            var at = 52 + index * 32;
            BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(at), 1);
            BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(at + 4), offset);
            BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(at + 8), address);
            BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(at + 12), address);
            BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(at + 16), size);
            BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(at + 20), size + 0x100);
        }
        // Listed out of address order: the raw image is laid out by address all the same.
        Segment(0, 0x180, 0x80100020, 4);
        Segment(1, 0x100, 0x80100000, 8);
        for (var i = 0; i < 8; i++) elf[0x100 + i] = (byte)(0xa0 + i);
        for (var i = 0; i < 4; i++) elf[0x180 + i] = (byte)(0xb0 + i);
        var path = Path.Combine(_dir, "vmlinux-test");
        File.WriteAllBytes(path, elf);
        return path;
    }

    [Fact]
    public void An_elf_kernel_goes_into_kdir_as_vmlinux_elf_and_the_raw_vmlinux_objcopy_makes()
    {
        var path = TwoSegmentElf();
        var kernel = KernelImage.Read(path, "mipsel");
        Assert.Equal(KernelFormat.Elf, kernel.Format);
        var kdir = Path.Combine(_dir, "kdir");
        Assert.Equal(["vmlinux.elf", "vmlinux"], kernel.Install(kdir));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(kdir, "vmlinux.elf")));
        byte[] expected = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, .. new byte[0x18], 0xb0, 0xb1, 0xb2, 0xb3];
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(kdir, "vmlinux")));

    }

    [Fact]
    public void Debians_malta_kernel_gives_the_raw_image_objcopy_makes_of_it()
    {
        // Fetched by scripts/fetch-kernels (run by scripts/setup), as the boot tests use it.
        var kernels = Environment.GetEnvironmentVariable("KILN_KERNELS")
            ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME")
                ?? Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache"), "kiln", "kernels");
        var vmlinux = Path.Combine(kernels, "malta-le", "vmlinux");
        var kdir = Path.Combine(_dir, "kdir");
        KernelImage.Read(vmlinux, "mipsel").Install(kdir);
        var objcopy = Path.Combine(_dir, "objcopy.bin");
        using (var process = Process.Start("mipsel-linux-gnu-objcopy", ["-O", "binary", "-R", ".reginfo", "-R", ".notes", "-R", ".note", "-R",
                   ".comment", "-R", ".mdebug", "-R", ".note.gnu.build-id", "-S", vmlinux, objcopy]))
            process.WaitForExit();
        Assert.Equal(File.ReadAllBytes(objcopy), File.ReadAllBytes(Path.Combine(kdir, "vmlinux")));
    }

    [Fact]
    public void A_kernel_for_another_architecture_is_refused_naming_both()
    {
        var path = TwoSegmentElf();
        var error = Assert.Throws<UserError>(() => KernelImage.Read(path, "mips"));
        Assert.Equal($"{path}: a kernel for mipsel, but the target's architecture is mips", error.Message);
        var host = Assert.Throws<UserError>(() => KernelImage.Read("/bin/true", "mipsel"));
        Assert.Equal("/bin/true: a kernel for x86_64, but the target's architecture is mipsel", host.Message);
    }

    [Fact]
    public void A_file_that_is_no_kernel_or_is_missing_is_refused()
    {
        var text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "not a kernel at all, just some words\n");
        Assert.Equal($"{text}: not a kernel (neither an ELF vmlinux nor an x86 bzImage)",
            Assert.Throws<UserError>(() => KernelImage.Read(text, "mipsel")).Message);
        var missing = Path.Combine(_dir, "missing");
        Assert.Contains(missing, Assert.Throws<UserError>(() => KernelImage.Read(missing, "mipsel")).Message);
        Assert.Contains("is a directory", Assert.Throws<UserError>(() => KernelImage.Read(_dir, "mipsel")).Message);
    }

    [Fact]
    public void A_bzimage_is_taken_for_x86_and_installed_as_bzimage()
    {
        var image = new byte[0x400];
        "HdrS"u8.CopyTo(image.AsSpan(0x202));
        var path = Path.Combine(_dir, "bzImage-test");
        File.WriteAllBytes(path, image);
        var kernel = KernelImage.Read(path, "x86_64");
        Assert.Equal(KernelFormat.BzImage, kernel.Format);
        var kdir = Path.Combine(_dir, "kdir");
        Assert.Equal(["bzImage"], kernel.Install(kdir));
        Assert.Equal(image, File.ReadAllBytes(Path.Combine(kdir, "bzImage")));
        Assert.Throws<UserError>(() => KernelImage.Read(path, "mipsel"));
    }
}
