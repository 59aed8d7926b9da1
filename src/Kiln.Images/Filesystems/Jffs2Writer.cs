using System.Globalization;

namespace Kiln.Images.Filesystems;

/// <summary>
/// root.jffs2-* with mkfs.jffs2, with OpenWrt's options: the target's byte order, owners squashed
/// to root, the compressors the kernel has, /dev and /dev/console from a device table, then (but
/// for the raw image) OpenWrt's end-of-filesystem marker, after which the flash's erase blocks
/// are free for new data. mkfs.jffs2 dates the device table's entries with the current
/// time, so every node's times are set to the epoch afterwards (as OpenWrt's patched mkfs.jffs2
/// does with SOURCE_DATE_EPOCH): the image is reproducible.
/// </summary>
internal static class Jffs2Writer
{
    /// <summary>The bytes OpenWrt appends: its JFFS2 driver takes them as the filesystem's end, the blocks after them as free.</summary>
    private static ReadOnlySpan<byte> EndOfFilesystemMarker => [0xDE, 0xAD, 0xC0, 0xDE];

    private const string DeviceTable = "/dev\td\t755\t0\t0\t-\t-\t-\t-\t-\n/dev/console\tc\t600\t0\t0\t5\t1\t0\t0\t-\n";

    public static void Write(FilesystemBuild build, Jffs2Layout layout)
    {
        var options = build.Options;
        var deviceTable = Path.Combine(build.Scratch, "device_table.txt");
        File.WriteAllText(deviceTable, DeviceTable);
        List<string> arguments = [];
        if (layout != Jffs2Layout.NorRaw) arguments.Add("--pad");
        arguments.AddRange([options.BigEndian ? "--big-endian" : "--little-endian", "--squash-uids"]);
        arguments.AddRange(CompressorArguments(build));
        if (layout == Jffs2Layout.Nand)
            arguments.AddRange(["--no-cleanmarkers", "--pagesize=" + options.NandPageSize.ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange([
            "-e", options.Jffs2EraseBlockKiB.ToString(CultureInfo.InvariantCulture) + "KiB",
            "-D", deviceTable,
            "-o", build.Output,
            "-d", build.Root,
        ]);
        build.Run(FilesystemPrograms.MkfsJffs2, arguments);
        var dated = Jffs2Timestamps.SetAll(build.Output, (uint)options.Epoch, options.BigEndian);
        build.Note($"set the times of {dated} JFFS2 nodes to {build.EpochText}");
        if (layout != Jffs2Layout.NorRaw)
            using (var image = new FileStream(build.Output, FileMode.Append, FileAccess.Write)) image.Write(EndOfFilesystemMarker);
    }

    /// <summary>
    /// -X for each compressor the kernel has, -x for the others, among those this mkfs.jffs2 knows
    /// (Debian's has no lzma: a kernel with lzma and rtime gets rtime only, larger but readable).
    /// </summary>
    private static List<string> CompressorArguments(FilesystemBuild build)
    {
        var wanted = build.Options.Jffs2Compression;
        var available = AvailableCompressors(build);
        var arguments = new List<string>();
        foreach (var (flag, name) in Names)
        {
            if (!available.Contains(name))
            {
                if ((wanted & flag) != 0)
                    build.Note($"the kernel has the JFFS2 compressor {name}, this mkfs.jffs2 has not: the image does not use it");
                continue;
            }
            arguments.AddRange([(wanted & flag) != 0 ? "-X" : "-x", name]);
        }
        // As OpenWrt: with lzma, each node keeps the smallest of the compressors' results.
        if ((wanted & Jffs2Compressors.Lzma) != 0 && available.Contains("lzma")) arguments.Add("--compression-mode=size");
        return arguments;
    }

    private static readonly (Jffs2Compressors Flag, string Name)[] Names =
        [(Jffs2Compressors.Rtime, "rtime"), (Jffs2Compressors.Zlib, "zlib"), (Jffs2Compressors.Lzma, "lzma"), (Jffs2Compressors.Lzo, "lzo")];

    /// <summary>The compressors mkfs.jffs2 -L lists ("  zlib priority:60 enabled"); it exits with an error status after listing them.</summary>
    private static HashSet<string> AvailableCompressors(FilesystemBuild build)
    {
        var listing = build.RunAllowingFailure(FilesystemPrograms.MkfsJffs2, ["-L"]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in listing.Output.Split('\n'))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[1].StartsWith("priority:", StringComparison.Ordinal)) names.Add(words[0]);
        }
        if (names.Count == 0) throw listing.Failure(build.LogPath);
        return names;
    }
}
