namespace Kiln.Images.Filesystems;

/// <summary>
/// root.ubifs with mkfs.ubifs: the target's geometry (UBIFS_OPTS), the .config's compression,
/// free space fixup and journal size, owners squashed to root, as OpenWrt's Image/mkfs/ubifs.
/// Then the random UUID and the staged files' access and change times are replaced
/// (<see cref="UbifsNormalizer"/>), so the image is reproducible.
/// </summary>
internal static class UbifsWriter
{
    public static void Write(FilesystemBuild build, string output)
    {
        var options = build.Options;
        List<string> arguments = [.. FilesystemOptions.Words(options.UbifsOptions)];
        if (options.UbifsFreeSpaceFixup) arguments.Add("--space-fixup");
        arguments.Add("--compr=" + options.UbifsCompression switch
        {
            UbifsCompression.None => "none",
            UbifsCompression.Lzo => "lzo",
            _ => "zlib",
        });
        if (options.UbifsJournalSize.Length > 0) arguments.Add("--jrn-size=" + options.UbifsJournalSize);
        arguments.AddRange(["--squash-uids", "-o", output, "-d", build.Root]);
        build.Run(FilesystemPrograms.MkfsUbifs, arguments);
        var uuid = FilesystemUuid.For(options.Name, options.Epoch, "ubifs filesystem");
        var dated = UbifsNormalizer.Normalize(output, FilesystemUuid.Bytes(uuid), (ulong)options.Epoch);
        build.Note($"set the UBIFS UUID to {uuid} and the times of {dated} inode nodes to {build.EpochText}");
    }
}
