using Kiln.Core.Errors;

namespace Kiln.Images.Filesystems;

/// <summary>
/// Makes a root filesystem image or archive of a staged root directory, as OpenWrt's
/// Image/mkfs/* and the rootfs archives do, but reproducibly: the same root, options and epoch
/// give the same bytes (see each kind's writer for what its host tool allows).
/// </summary>
public static class FilesystemWriter
{
    /// <summary>
    /// Writes the image of <paramref name="kind"/> to <paramref name="output"/>, whole or not at
    /// all: it is made under a temporary name beside it and takes the name only when complete.
    /// Every command run and its output are appended to <paramref name="logPath"/>.
    /// </summary>
    public static void Write(FilesystemKind kind, string root, string output, FilesystemOptions options, string logPath)
    {
        options.Validate(kind);
        if (!Directory.Exists(root)) throw new UserError($"{root}: the root filesystem's directory does not exist");
        var target = Path.GetFullPath(output);
        if (Directory.Exists(target)) throw new UserError($"{output}: is a directory, not an image file");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var temporary = $"{target}.{Environment.ProcessId}.kiln-tmp";
        var scratch = $"{target}.{Environment.ProcessId}.kiln-work";
        // Left over by a killed run of this process id: never part of a new image.
        Remove(temporary, scratch);
        try
        {
            Directory.CreateDirectory(scratch);
            var build = new FilesystemBuild(Path.GetFullPath(root), temporary, options, scratch, Path.GetFullPath(logPath));
            build.Note($"{kind} of {build.Root} as {target}");
            switch (kind)
            {
                case FilesystemKind.Squashfs: SquashfsWriter.Write(build); break;
                case FilesystemKind.Ext4: Ext4Writer.Write(build); break;
                case FilesystemKind.Jffs2: Jffs2Writer.Write(build, Jffs2Layout.Nor); break;
                case FilesystemKind.Jffs2Raw: Jffs2Writer.Write(build, Jffs2Layout.NorRaw); break;
                case FilesystemKind.Jffs2Nand: Jffs2Writer.Write(build, Jffs2Layout.Nand); break;
                case FilesystemKind.Ubifs: UbifsWriter.Write(build, build.Output); break;
                case FilesystemKind.Ubi: UbiWriter.Write(build); break;
                case FilesystemKind.Erofs: ErofsWriter.Write(build); break;
                case FilesystemKind.CpioGz: CpioGzWriter.Write(build); break;
                case FilesystemKind.TarGz: TarGzWriter.Write(build); break;
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "no writer for this kind of filesystem");
            }
            if (!File.Exists(temporary)) throw new InvalidOperationException($"the {kind} writer made no image at {temporary}");
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            Remove(temporary, scratch);
        }
    }

    private static void Remove(string file, string directory)
    {
        File.Delete(file);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
