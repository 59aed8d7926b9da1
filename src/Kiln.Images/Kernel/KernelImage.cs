using System.Buffers.Binary;
using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Images.Kernel;

/// <summary>
/// A built kernel given to Kiln (<c>--kernel FILE</c>, or <c>kernel = FILE</c> in kiln.conf):
/// an ELF <c>vmlinux</c> or an x86 <c>bzImage</c>, checked against the target's architecture
/// and put in the target's KDIR under the names the board's image recipes read — the names
/// OpenWrt's kernel build leaves there. A kernel built from target/linux would write the same
/// files; the image stage reads nothing else of the kernel.
/// </summary>
public sealed class KernelImage
{
    private readonly byte[] _bytes;

    private KernelImage(string path, byte[] bytes, KernelFormat format)
    {
        Path = path;
        _bytes = bytes;
        Format = format;
    }

    public string Path { get; }

    public KernelFormat Format { get; }

    /// <summary>Reads and checks the kernel: it must exist, be a kernel, and be one for <paramref name="arch"/> (OpenWrt's ARCH).</summary>
    public static KernelImage Read(string path, string arch)
    {
        ExistingFile.Require(path, "kernel");
        var bytes = File.ReadAllBytes(path);
        var format = IsElf(bytes) ? KernelFormat.Elf : IsBzImage(bytes) ? KernelFormat.BzImage
            : throw new UserError($"{path}: not a kernel (neither an ELF vmlinux nor an x86 bzImage)");
        var found = format == KernelFormat.Elf ? ElfArchitecture(bytes) : "x86";
        if (!Fits(found, arch)) throw new UserError($"{path}: a kernel for {found}, but the target's architecture is {arch}");
        return new KernelImage(path, bytes, format);
    }

    /// <summary>
    /// Writes the kernel into KDIR: an ELF as vmlinux.elf and, as objcopy -O binary makes it,
    /// the raw image vmlinux (what boards compress and wrap); a bzImage as bzImage.
    /// </summary>
    public IReadOnlyList<string> Install(string kernelDirectory)
    {
        Directory.CreateDirectory(kernelDirectory);
        if (Format == KernelFormat.BzImage)
        {
            AtomicFile.Write(System.IO.Path.Combine(kernelDirectory, "bzImage"), _bytes);
            return ["bzImage"];
        }
        AtomicFile.Write(System.IO.Path.Combine(kernelDirectory, "vmlinux.elf"), _bytes);
        AtomicFile.Write(System.IO.Path.Combine(kernelDirectory, "vmlinux"), RawImage(_bytes, Path));
        return ["vmlinux.elf", "vmlinux"];
    }

    private static bool IsElf(byte[] b) => b.Length > 64 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';

    // The x86 boot protocol's header magic "HdrS" sits at offset 0x202 of every bzImage.
    private static bool IsBzImage(byte[] b) => b.Length > 0x206 && b[0x202] == 'H' && b[0x203] == 'd' && b[0x204] == 'r' && b[0x205] == 'S';

    private static bool Is64(byte[] b) => b[4] == 2;

    private static bool IsBigEndian(byte[] b) => b[5] == 2;

    private static ulong Read(byte[] b, int offset, int size)
    {
        var span = b.AsSpan(offset, size);
        return (size, IsBigEndian(b)) switch
        {
            (2, true) => BinaryPrimitives.ReadUInt16BigEndian(span),
            (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(span),
            (4, true) => BinaryPrimitives.ReadUInt32BigEndian(span),
            (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(span),
            (_, true) => BinaryPrimitives.ReadUInt64BigEndian(span),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
        };
    }

    /// <summary>The ELF's architecture in OpenWrt's ARCH words (mipsel, mips64, x86_64...).</summary>
    private static string ElfArchitecture(byte[] b)
    {
        var machine = Read(b, 18, 2);
        var big = IsBigEndian(b);
        return machine switch
        {
            8 => (Is64(b) ? "mips64" : "mips") + (big ? "" : "el"),
            62 => "x86_64",
            3 => "i386",
            40 => big ? "armeb" : "arm",
            183 => "aarch64",
            20 => "powerpc",
            21 => "powerpc64",
            243 => "riscv64",
            _ => $"ELF machine {machine}",
        };
    }

    private static bool Fits(string found, string arch) =>
        found == arch || (found == "x86" && arch is "x86_64" or "i386");

    /// <summary>The loadable segments laid out by their physical addresses, gaps zero-filled (objcopy -O binary).</summary>
    private static byte[] RawImage(byte[] elf, string path)
    {
        var wide = Is64(elf);
        var headerOffset = (long)Read(elf, wide ? 32 : 28, wide ? 8 : 4);
        var entrySize = (int)Read(elf, wide ? 54 : 42, 2);
        var count = (int)Read(elf, wide ? 56 : 44, 2);
        var segments = new List<(ulong Address, long Offset, long Size)>();
        for (var i = 0; i < count; i++)
        {
            var at = (int)(headerOffset + (long)i * entrySize);
            if (at + entrySize > elf.Length) throw new UserError($"{path}: a damaged ELF file (program header {i} is cut off)");
            if (Read(elf, at, 4) != 1) continue; // PT_LOAD only
            var offset = (long)Read(elf, at + (wide ? 8 : 4), wide ? 8 : 4);
            var address = Read(elf, at + (wide ? 24 : 12), wide ? 8 : 4);
            var size = (long)Read(elf, at + (wide ? 32 : 16), wide ? 8 : 4);
            if (size == 0) continue;
            if (offset + size > elf.Length) throw new UserError($"{path}: a damaged ELF file (segment {i} lies past its end)");
            segments.Add((address, offset, size));
        }
        if (segments.Count == 0) throw new UserError($"{path}: an ELF file with nothing to load");
        segments.Sort((x, y) => x.Address.CompareTo(y.Address));
        var start = segments[0].Address;
        var end = segments.Max(s => s.Address + (ulong)s.Size);
        if (end - start > int.MaxValue) throw new UserError($"{path}: its segments span more than 2 GiB");
        var image = new byte[end - start];
        foreach (var (address, offset, size) in segments) Array.Copy(elf, offset, image, (long)(address - start), size);
        return image;
    }
}

public enum KernelFormat
{
    Elf,
    BzImage,
}
