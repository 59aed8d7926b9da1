using Kiln.Core.Errors;

namespace Kiln.Images.Kernel;

/// <summary>
/// The outputs of a kernel build made elsewhere (<c>--kdir DIR</c>): the files OpenWrt's kernel
/// build leaves in KDIR — vmlinux, vmlinux-initramfs, image-DTS.dtb, and optionally ready root
/// file system images (root.squashfs...) — copied into KDIR as they are, so the image recipes
/// read them where they read OpenWrt's.
/// </summary>
public static class KernelBuildOutputs
{
    /// <summary>Copies every file of <paramref name="directory"/> into KDIR; returns their names (relative to the directory).</summary>
    public static IReadOnlySet<string> CopyInto(string directory, string kernelDirectory)
    {
        if (!Directory.Exists(directory))
            throw new UserError($"--kdir {directory}: " + (File.Exists(directory) ? "is a file, not the directory of a kernel build" : "no such directory"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(directory, file);
            var destination = Path.Combine(kernelDirectory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
            names.Add(name);
        }
        if (names.Count == 0) throw new UserError($"--kdir {directory}: is empty (it should hold what a kernel build leaves in KDIR: vmlinux, image-DTS.dtb...)");
        return names;
    }
}
