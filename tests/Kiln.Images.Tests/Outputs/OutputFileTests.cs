using System.Diagnostics;
using Kiln.Images.Outputs;

namespace Kiln.Images.Tests.Outputs;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-outputs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Sha256sums_lists_every_file_below_by_path_and_sha256sum_checks_them()
    {
        File.WriteAllText(Path.Combine(_dir, "openwrt-malta-le-rootfs.cpio.gz"), "cpio");
        File.WriteAllText(Path.Combine(_dir, "Zeta.img"), "z");
        Directory.CreateDirectory(Path.Combine(_dir, "packages"));
        File.WriteAllText(Path.Combine(_dir, "packages", "libc_2.36_mipsel_24kc.ipk"), "ipk");
        File.WriteAllText(Path.Combine(_dir, Sha256Sums.FileName), "stale");

        Sha256Sums.Write(_dir);

        Assert.Equal("594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06 *Zeta.img",
            File.ReadAllLines(Path.Combine(_dir, Sha256Sums.FileName))[0]);
        var names = File.ReadAllLines(Path.Combine(_dir, Sha256Sums.FileName)).Select(l => l[66..]).ToList();
        Assert.Equal(["Zeta.img", "openwrt-malta-le-rootfs.cpio.gz", "packages/libc_2.36_mipsel_24kc.ipk"], names);
        var check = Process.Start(new ProcessStartInfo("sha256sum", "-c --strict sha256sums")
            { WorkingDirectory = _dir, RedirectStandardOutput = true })!;
        var said = check.StandardOutput.ReadToEnd();
        check.WaitForExit();
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("packages/libc_2.36_mipsel_24kc.ipk: OK", said);
    }

    [Fact]
    public void The_manifest_lists_packages_by_name_as_opkg_list_installed()
    {
        var path = Path.Combine(_dir, "openwrt-malta-le.manifest");
        Manifest.Write(path, [("libc", "2.36-r1"), ("bootcheck", "1.0-r1"), ("base-files", "1-r1")]);
        Assert.Equal("base-files - 1-r1\nbootcheck - 1.0-r1\nlibc - 2.36-r1\n", File.ReadAllText(path));
    }

    [Fact]
    public void Profiles_json_is_one_line_of_sorted_keys_as_openwrt_writes_it()
    {
        var image = Path.Combine(_dir, "openwrt-malta-le-rootfs-squashfs.img.gz");
        File.WriteAllText(image, "image");
        var overview = new ImageOverview("malta/le", "mipsel_24kc", ["libc", "base-files"], "24.10-SNAPSHOT", "r1+2", 1700000000,
            "6.6.106", "1", "unknown",
            [new ImageProfile("default", "openwrt-malta-le", ["kmod-e1000"], [], [new Dictionary<string, string> { ["title"] = "Default <Profile>" }],
                [new ProfileImage(image, "rootfs", "squashfs")])]);

        ProfilesJson.Write(_dir, overview);

        // Written with ' for " to stay readable.
        var expected = ("{'arch_packages':'mipsel_24kc','default_packages':['base-files','libc'],'linux_kernel':{'release':'1','vermagic':'unknown',"
            + "'version':'6.6.106'},'metadata_version':1,'profiles':{'default':{'device_packages':['kmod-e1000'],'image_prefix':'openwrt-malta-le',"
            + "'images':[{'filesystem':'squashfs','name':'openwrt-malta-le-rootfs-squashfs.img.gz',"
            + "'sha256':'6105d6cc76af400325e94d588ce511be5bfdbb73b437dc51eca43917d7a43e3d',"
            + "'sha256_unsigned':'6105d6cc76af400325e94d588ce511be5bfdbb73b437dc51eca43917d7a43e3d','type':'rootfs'}],"
            + "'supported_devices':[],'titles':[{'title':'Default <Profile>'}]}},'source_date_epoch':1700000000,'target':'malta/le',"
            + "'version_code':'r1+2','version_number':'24.10-SNAPSHOT'}").Replace('\'', '"');
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_dir, ProfilesJson.FileName)));
    }
}
