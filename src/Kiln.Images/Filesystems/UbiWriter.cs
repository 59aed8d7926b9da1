namespace Kiln.Images.Filesystems;

/// <summary>
/// A UBI image of the UBIFS root with ubinize, laid out as OpenWrt's ubinize-image.sh lays out
/// a UBIFS rootfs: one dynamic volume "rootfs", id 0, that grows to fill the flash on first
/// attach (autoresize). The image sequence number, random by default, is the epoch (as
/// ubinize-image.sh passes -Q SOURCE_DATE_EPOCH), so the image is reproducible.
/// </summary>
internal static class UbiWriter
{
    public static void Write(FilesystemBuild build)
    {
        var ubifs = Path.Combine(build.Scratch, "root.ubifs");
        UbifsWriter.Write(build, ubifs);
        var volumes = Path.Combine(build.Scratch, "ubinize.cfg");
        var configuration = $"""
            [rootfs]
            mode=ubi
            vol_id=0
            vol_type=dynamic
            vol_name=rootfs
            image={ubifs}
            vol_flags=autoresize

            """;
        File.WriteAllText(volumes, configuration);
        foreach (var line in configuration.Split('\n', StringSplitOptions.RemoveEmptyEntries)) build.Note(line);
        List<string> arguments = ["-Q", build.EpochText, "-o", build.Output, .. FilesystemOptions.Words(build.Options.UbinizeOptions), volumes];
        build.Run(FilesystemPrograms.Ubinize, arguments);
    }
}
