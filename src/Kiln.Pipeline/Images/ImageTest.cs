using System.IO.Compression;
using Kiln.Build.Settings;
using Kiln.Core.Errors;
using Kiln.Images.Boot;
using Kiln.Images.Kernel;

namespace Kiln.Pipeline.Images;

/// <param name="TargetId">BOARD/SUBTARGET.</param>
/// <param name="KernelFile">The kernel to boot; null: the one the image build put in bin/targets (or kiln.conf's).</param>
public sealed record ImageTestRequest(string TopDirectory, string TargetId, string? KernelFile, string Init, TimeSpan Timeout);

/// <summary>One boot of test-image: what was booted (the initramfs with its kernel, or a disk image) and how it went.</summary>
public sealed record ImageBoot(string What, BootResult Result);

/// <param name="Checked">The disk images found to hold the staged root.</param>
public sealed record ImageTestOutcome(IReadOnlyList<ImageBoot> Boots, IReadOnlyList<string> Checked, IReadOnlyList<string> Differences);

/// <summary>
/// What <c>kiln test-image</c> does with a subtarget's images in bin/targets: boots the initramfs
/// (rootfs.cpio.gz) with the kernel in QEMU and watches it reach its init, boots each combined disk
/// image (x86's *-combined*.img[.gz]) through the PC's BIOS and its boot loader (an EFI one through
/// UEFI too) and judges each stage, then checks that the squashfs and ext4 images, and the root partitions of the disk images,
/// hold what the staged root holds.
/// </summary>
public static class ImageTest
{
    private static readonly string[] KernelSuffixes = ["-vmlinux.elf", "-kernel.bin", "-bzImage", "-vmlinuz"];

    public static ImageTestOutcome Run(ImageTestRequest request, Action<string> console, Action<string> progress)
    {
        var target = FirmwareSession.FindTarget(request.TopDirectory, request.TargetId);
        var bin = Path.Combine(request.TopDirectory, "bin", "targets", target.Board, target.Subtarget ?? "generic");
        if (!Directory.Exists(bin)) throw new UserError($"no images of {target.Id} in {bin}: make them first (kiln image --target {target.Id})");
        var files = Directory.GetFiles(bin).Order(StringComparer.Ordinal).ToList();
        var initramfses = files.Where(f => f.EndsWith("-rootfs.cpio.gz", StringComparison.Ordinal)).ToList();
        var disks = files.Where(IsCombinedDisk).ToList();
        if (initramfses.Count > 1 || (initramfses.Count == 0 && disks.Count == 0))
            Single(initramfses, bin, "an initramfs (*-rootfs.cpio.gz; CONFIG_TARGET_ROOTFS_CPIOGZ=y makes one) or combined disk image (*-combined*.img.gz)");
        var machine = QemuMachine.For(target.Arch);
        var boots = new List<ImageBoot>();
        if (initramfses.Count == 1)
        {
            var initramfs = initramfses[0];
            var kernel = request.KernelFile
                ?? KernelSuffixes.SelectMany(suffix => files.Where(f => f.EndsWith(suffix, StringComparison.Ordinal))).FirstOrDefault()
                ?? KilnSettings.Read(request.TopDirectory).Kernel
                ?? throw new UserError($"no kernel among the images in {bin}: give --kernel FILE");
            // A kernel that cannot boot here is said as such, not as what QEMU makes of it.
            KernelImage.Read(kernel, target.Arch);
            progress($"kiln: booting {Path.GetFileName(kernel)} with {Path.GetFileName(initramfs)} ({machine.Program})");
            boots.Add(new ImageBoot($"{Path.GetFileName(initramfs)} with {Path.GetFileName(kernel)}",
                QemuBoot.Run(new BootRequest(machine, kernel, initramfs, request.Init, request.Timeout), console, CancellationToken.None)));
        }

        var scratch = Path.Combine(request.TopDirectory, "tmp", "kiln", "test-image");
        var root = new Lazy<string>(() => StagedRoot(request.TopDirectory, target.Arch, target.Board));
        var checkedImages = new List<string>();
        var differences = new List<string>();
        try
        {
            foreach (var disk in disks)
            {
                var name = Path.GetFileName(disk);
                var raw = Raw(disk, scratch);
                progress($"kiln: booting {name} from its disk ({machine.Program}, BIOS)");
                boots.Add(new ImageBoot(name + " (BIOS)",
                    QemuBoot.RunDisk(new DiskBootRequest(machine, raw, RootFilesystem(name), request.Timeout), console, CancellationToken.None)));
                // An EFI image (a GUID partition table, an EFI system partition with bootx64.efi) boots through UEFI as well.
                if (name.Contains("-efi.", StringComparison.Ordinal))
                {
                    if (machine.UefiFirmware is { } uefi)
                    {
                        progress($"kiln: booting {name} from its disk ({machine.Program}, UEFI: {uefi})");
                        boots.Add(new ImageBoot(name + " (UEFI)", QemuBoot.RunDisk(
                            new DiskBootRequest(machine, raw, RootFilesystem(name), request.Timeout, uefi), console, CancellationToken.None)));
                    }
                    else progress($"kiln: {name} is not booted through UEFI: no UEFI firmware for {machine.Program} (apt-get install ovmf)");
                }
                // The root partition (the second) holds the root file system as the file system images do.
                if (RootFilesystem(name) is { } filesystem && DiskPartitions.Read(raw).FirstOrDefault(p => p.Number == 2) is { } partition)
                {
                    progress($"kiln: checking {name}'s root partition against {Path.GetRelativePath(request.TopDirectory, root.Value)}");
                    var image = Path.Combine(scratch, "root-partition");
                    DiskPartitions.Extract(raw, partition, image);
                    var found = ImageContentCheck.Compare(image, filesystem, root.Value);
                    File.Delete(image);
                    if (found.Count == 0) checkedImages.Add(name + " (root partition)");
                    differences.AddRange(found.Select(d => $"{name}, root partition: {d}"));
                }
                if (raw != disk) File.Delete(raw);
            }
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }

        foreach (var image in files)
        {
            var name = Path.GetFileName(image);
            var filesystem = name.Contains("-rootfs-squashfs.img", StringComparison.Ordinal) ? "squashfs"
                : name.Contains("-rootfs-ext4.img", StringComparison.Ordinal) ? "ext4" : null;
            if (filesystem is null) continue;
            progress($"kiln: checking {name} against {Path.GetRelativePath(request.TopDirectory, root.Value)}");
            var found = ImageContentCheck.Compare(image, filesystem, root.Value);
            if (found.Count == 0) checkedImages.Add(name);
            differences.AddRange(found.Select(d => $"{name}: {d}"));
        }
        return new ImageTestOutcome(boots, checkedImages, differences);
    }

    /// <summary>A disk image a PC boots whole (OpenWrt's x86 combined images), raw or gzip'd; not the VM formats (vdi, vmdk, vhdx).</summary>
    private static bool IsCombinedDisk(string path)
    {
        var name = Path.GetFileName(path);
        return name.Contains("-combined", StringComparison.Ordinal)
            && (name.EndsWith(".img", StringComparison.Ordinal) || name.EndsWith(".img.gz", StringComparison.Ordinal));
    }

    /// <summary>The file system of a disk image's root partition, from its name (OpenWrt's IMG_PREFIX-FS-combined...).</summary>
    private static string? RootFilesystem(string name) =>
        name.Contains("-squashfs-", StringComparison.Ordinal) ? "squashfs" : name.Contains("-ext4-", StringComparison.Ordinal) ? "ext4" : null;

    /// <summary>The raw disk: the image itself, or a gzip'd one unpacked into the scratch directory.</summary>
    private static string Raw(string image, string scratch)
    {
        if (!image.EndsWith(".gz", StringComparison.Ordinal)) return image;
        Directory.CreateDirectory(scratch);
        var raw = Path.Combine(scratch, Path.GetFileName(image)[..^3]);
        using var input = new GZipStream(File.OpenRead(image), CompressionMode.Decompress);
        using var output = File.Create(raw);
        input.CopyTo(output);
        return raw;
    }

    private static string Single(List<string> files, string directory, string what) => files.Count switch
    {
        1 => files[0],
        0 => throw new UserError($"no {what} in {directory}"),
        _ => throw new UserError($"more than one {what} in {directory}: {string.Join(", ", files.Select(Path.GetFileName))}"),
    };

    /// <summary>The root the images were made from: build_dir/target-ARCH.../root-BOARD (TARGET_DIR).</summary>
    private static string StagedRoot(string top, string arch, string board)
    {
        var buildDirectory = Path.Combine(top, "build_dir");
        var roots = Directory.Exists(buildDirectory)
            ? Directory.GetDirectories(buildDirectory, "target-*")
                .Where(d => Path.GetFileName(d) is var name && (name.StartsWith($"target-{arch}-", StringComparison.Ordinal)
                    || name.StartsWith($"target-{arch}_", StringComparison.Ordinal)))
                .Select(d => Path.Combine(d, "root-" + board)).Where(Directory.Exists).ToList()
            : [];
        return Single(roots, buildDirectory, $"staged root of {board} (target-{arch}*/root-{board})");
    }
}
