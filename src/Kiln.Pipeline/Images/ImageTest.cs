using Kiln.Build.Settings;
using Kiln.Core.Errors;
using Kiln.Images.Boot;
using Kiln.Images.Kernel;

namespace Kiln.Pipeline.Images;

/// <param name="TargetId">BOARD/SUBTARGET.</param>
/// <param name="KernelFile">The kernel to boot; null: the one the image build put in bin/targets (or kiln.conf's).</param>
public sealed record ImageTestRequest(string TopDirectory, string TargetId, string? KernelFile, string Init, TimeSpan Timeout);

/// <param name="Checked">The disk images found to hold the staged root.</param>
public sealed record ImageTestOutcome(BootResult Boot, IReadOnlyList<string> Checked, IReadOnlyList<string> Differences);

/// <summary>
/// What <c>kiln test-image</c> does with a subtarget's images in bin/targets: boots the initramfs
/// (rootfs.cpio.gz) with the kernel in QEMU and watches it reach its init, then checks that the
/// squashfs and ext4 images hold what the staged root holds.
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
        var initramfs = Single(files.Where(f => f.EndsWith("-rootfs.cpio.gz", StringComparison.Ordinal)).ToList(), bin,
            "an initramfs (*-rootfs.cpio.gz; CONFIG_TARGET_ROOTFS_CPIOGZ=y makes one)");
        var kernel = request.KernelFile
            ?? KernelSuffixes.SelectMany(suffix => files.Where(f => f.EndsWith(suffix, StringComparison.Ordinal))).FirstOrDefault()
            ?? KilnSettings.Read(request.TopDirectory).Kernel
            ?? throw new UserError($"no kernel among the images in {bin}: give --kernel FILE");
        // A kernel that cannot boot here is said as such, not as what QEMU makes of it.
        KernelImage.Read(kernel, target.Arch);
        progress($"kiln: booting {Path.GetFileName(kernel)} with {Path.GetFileName(initramfs)} ({QemuMachine.For(target.Arch).Program})");
        var boot = QemuBoot.Run(new BootRequest(QemuMachine.For(target.Arch), kernel, initramfs, request.Init, request.Timeout), console,
            CancellationToken.None);

        var root = StagedRoot(request.TopDirectory, target.Arch, target.Board);
        var checkedImages = new List<string>();
        var differences = new List<string>();
        foreach (var image in files)
        {
            var name = Path.GetFileName(image);
            var filesystem = name.Contains("-rootfs-squashfs.img", StringComparison.Ordinal) ? "squashfs"
                : name.Contains("-rootfs-ext4.img", StringComparison.Ordinal) ? "ext4" : null;
            if (filesystem is null) continue;
            progress($"kiln: checking {name} against {Path.GetRelativePath(request.TopDirectory, root)}");
            var found = ImageContentCheck.Compare(image, filesystem, root);
            if (found.Count == 0) checkedImages.Add(name);
            differences.AddRange(found.Select(d => $"{name}: {d}"));
        }
        return new ImageTestOutcome(boot, checkedImages, differences);
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
