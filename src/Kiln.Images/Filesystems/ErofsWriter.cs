namespace Kiln.Images.Filesystems;

/// <summary>
/// An EROFS image with mkfs.erofs: every file owned by root and dated the epoch (-T, which is
/// also the filesystem's time), the UUID from the image's name, no extended attributes (as the
/// squashfs has none): reproducible.
/// </summary>
internal static class ErofsWriter
{
    public static void Write(FilesystemBuild build)
    {
        var options = build.Options;
        var uuid = FilesystemUuid.For(options.Name, options.Epoch, "erofs filesystem");
        List<string> arguments = [];
        switch (options.ErofsCompression)
        {
            case ErofsCompression.Lz4: arguments.Add("-zlz4"); break;
            case ErofsCompression.Lz4hc: arguments.Add("-zlz4hc,12"); break;
        }
        // "-x-1" in one word: a separate "-1" could be read as an option.
        arguments.AddRange(["-T", build.EpochText, "-U", uuid.ToString(), "--all-root", "-x-1", build.Output, build.Root]);
        build.Run(FilesystemPrograms.MkfsErofs, arguments);
    }
}
