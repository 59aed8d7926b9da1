namespace Kiln.Images.Filesystems;

/// <summary>
/// root.squashfs with mksquashfs, with OpenWrt's options: no padding, root-owned, the block size
/// and compressor of the .config, /dev and /dev/console added (the kernel opens the console
/// before anything can create it), no extended attributes.
/// </summary>
internal static class SquashfsWriter
{
    /// <summary>The kernel architectures xz has a branch filter for: converting their call addresses makes code compress better.</summary>
    private static readonly string[] BranchFilterArchitectures = ["arm", "x86", "powerpc", "sparc"];

    public static void Write(FilesystemBuild build)
    {
        var options = build.Options;
        List<string> arguments = [build.Root, build.Output, "-nopad", "-noappend", "-root-owned", "-comp"];
        if (options.SquashfsXz)
        {
            arguments.Add("xz");
            if (Array.IndexOf(BranchFilterArchitectures, options.KernelArch) >= 0) arguments.AddRange(["-Xbcj", options.KernelArch]);
            // OpenWrt's own mksquashfs takes "-Xpreset 9 -Xe -Xlc 0 -Xlp 2 -Xpb 2"; Debian's xz
            // compressor has no such options, so its image is a little larger, read the same way.
            build.Note("xz without OpenWrt's -Xpreset 9 -Xe -Xlc 0 -Xlp 2 -Xpb 2 (options of OpenWrt's patched mksquashfs only)");
        }
        else arguments.Add("gzip");
        arguments.AddRange([
            "-b", $"{options.SquashfsBlockSizeKiB}k",
            "-p", "/dev d 755 0 0",
            "-p", "/dev/console c 600 0 0 5 1",
            "-no-xattrs",
            // The same bytes from the same root: one time for every file and for the filesystem,
            // and the parallel compressors' output kept in order.
            "-reproducible",
            "-mkfs-time", build.EpochText,
            "-all-time", build.EpochText,
            "-no-progress",
        ]);
        // mksquashfs refuses SOURCE_DATE_EPOCH together with the options that set the times.
        build.Run(FilesystemPrograms.Mksquashfs, arguments, new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = null });
    }
}
