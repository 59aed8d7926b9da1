using Kiln.Build.HostTools;

namespace Kiln.Build.Tests;

/// <summary>The host tools image recipes call, as Kiln puts them into staging_dir/host/bin: OpenWrt's command lines over Debian's programs.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostToolTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kiln-host-tools", Guid.NewGuid().ToString("N"));

    public HostToolTests()
    {
        Directory.CreateDirectory(_root);
        HostToolset.Prepare(Bin);
    }

    private string Bin => Path.Combine(_root, "host", "bin");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Tool(string name) => Path.Combine(Bin, name);

    private string PathOf(string name) => Path.Combine(_root, name);

    /// <summary>Kiln's lzma script over xz, which stands for lzma where Debian's lzma_alone is not installed.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private string LzmaScript()
    {
        var script = PathOf("lzma-script");
        if (!File.Exists(script))
            File.WriteAllText(script, HostToolset.All.Single(t => t.Name == "lzma").Fallback!.Script, new System.Text.UTF8Encoding(false));
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        return script;
    }

    private static (int Status, string Output) Run(string program, params string[] arguments) => Builds.Execute(program, arguments);

    private byte[] Input(int length)
    {
        // Text compresses as a kernel does, unlike random bytes.
        var text = string.Concat(Enumerable.Range(0, length / 8 + 1).Select(i => $"{i % 9973:D7}\n"));
        return System.Text.Encoding.ASCII.GetBytes(text)[..length];
    }

    [Fact]
    public void TheHostLzmaIsDebiansLzmaAloneWhichMadeTheReferenceImages()
    {
        // scripts/setup installs lzma-alone; OpenWrt's tools/lzma is the same program (the LZMA SDK's lzma_alone).
        Assert.Equal("/usr/bin/lzma_alone", new FileInfo(Tool("lzma")).LinkTarget);
        var input = Input(300_000);
        File.WriteAllBytes(PathOf("in"), input);
        // The command lines of include/image-commands.mk (Build/lzma, Build/lzma-no-dict) and of the kernel's lzma images.
        foreach (var switches in new[] { new[] { "-lc1", "-lp2", "-pb2" }, ["-lc1", "-lp2", "-pb2", "-d20"], ["-lc1", "-lp2", "-pb2", "-d22"],
                     ["-d20"], [] })
        {
            Assert.Equal(0, Run(Tool("lzma"), ["e", PathOf("in"), PathOf("ours.lzma"), .. switches]).Status);
            Assert.Equal(0, Run("lzma_alone", ["e", PathOf("in"), PathOf("theirs.lzma"), .. switches]).Status);
            Assert.Equal(File.ReadAllBytes(PathOf("theirs.lzma")), File.ReadAllBytes(PathOf("ours.lzma")));
        }
    }

    [Fact]
    public void AnOldLzmaScriptOfKilnsGivesWayToLzmaAlone()
    {
        File.Delete(Tool("lzma"));
        File.WriteAllText(Tool("lzma"), "#!/bin/sh\n# an older lzma (written by Kiln)\n");
        HostToolset.Prepare(Bin);
        Assert.Equal("/usr/bin/lzma_alone", new FileInfo(Tool("lzma")).LinkTarget);
    }

    [Fact]
    public void MesonPyRunsTheHostsMesonAndTheMachineFileTemplatesAreWrittenUnlessABuildOfToolsMesonPutItsOwn()
    {
        // meson.mk runs "python3 meson.py ARGS" (staging_dir/host/bin): the host's meson answers.
        Assert.Equal(Run("meson", "--version"), Run("python3", Tool("meson.py"), "--version"));
        var templates = Path.Combine(_root, "host", "lib", "meson");
        var cross = File.ReadAllText(Path.Combine(templates, "openwrt-cross.txt.in"));
        foreach (var placeholder in new[] { "@CC@", "@CXX@", "@LD@", "@AR@", "@STRIP@", "@NM@", "@PKGCONFIG@", "@CFLAGS@", "@LDFLAGS@", "@ARCH@",
            "@CPU@", "@ENDIAN@" })
            Assert.Contains(placeholder, cross);
        Assert.Contains("@PREFIX@", File.ReadAllText(Path.Combine(templates, "openwrt-native.txt.in")));

        File.WriteAllText(Path.Combine(templates, "openwrt-native.txt.in"), "[binaries]\n");
        File.Delete(Path.Combine(templates, "openwrt-cross.txt.in"));
        HostToolset.Prepare(Bin);
        Assert.Equal("[binaries]\n", File.ReadAllText(Path.Combine(templates, "openwrt-native.txt.in")));
        Assert.Equal(cross, File.ReadAllText(Path.Combine(templates, "openwrt-cross.txt.in")));
    }

    [Fact]
    public void LzmaWritesTheHeaderOfOpenWrtsLzmaWhateverTheOrderOfItsArguments()
    {
        var input = Input(300_000);
        File.WriteAllBytes(PathOf("in"), input);
        var lzma = LzmaScript();
        Assert.Equal(0, Run(lzma, "e", PathOf("in"), "-lc1", "-lp2", "-pb2", PathOf("a.lzma")).Status);
        Assert.Equal(0, Run(lzma, "e", "-lc1", "-lp2", "-pb2", PathOf("in"), PathOf("b.lzma"), "-d20").Status);
        var a = File.ReadAllBytes(PathOf("a.lzma"));
        var b = File.ReadAllBytes(PathOf("b.lzma"));
        Assert.Equal((2 * 5 + 2) * 9 + 1, a[0]); // pb=2, lp=2, lc=1
        Assert.Equal(8u << 20, BitConverter.ToUInt32(a, 1)); // lzma_alone's default dictionary, 2^23
        Assert.Equal(1u << 20, BitConverter.ToUInt32(b, 1));
        Assert.Equal((ulong)input.Length, BitConverter.ToUInt64(a, 5)); // the size, known from the file
        Assert.True(a.Length < input.Length / 4);

        Assert.Equal(0, Run(lzma, "d", PathOf("b.lzma"), PathOf("b.out")).Status);
        Assert.Equal(input, File.ReadAllBytes(PathOf("b.out")));
        var (status, output) = Run("/bin/sh", "-c", $"xz --format=lzma -dc {PathOf("a.lzma")} | cmp - {PathOf("in")}");
        Assert.True(status == 0, output);
    }

    [Fact]
    public void LzmaStreamsWithAnEndMarkerAndNoSize()
    {
        File.WriteAllBytes(PathOf("in"), Input(10_000));
        foreach (var lzma in new[] { LzmaScript(), Tool("lzma") })
        {
            var (status, output) = Run("/bin/sh", "-c",
                $"{lzma} e -si -so -eos -lc1 -lp2 -pb2 < {PathOf("in")} > {PathOf("c.lzma")} && " +
                $"{lzma} d -si -so < {PathOf("c.lzma")} | cmp - {PathOf("in")}");
            Assert.True(status == 0, output);
            Assert.Equal(ulong.MaxValue, BitConverter.ToUInt64(File.ReadAllBytes(PathOf("c.lzma")), 5));
            Assert.NotEqual(0, Run(lzma, "x", PathOf("in"), PathOf("x")).Status);
        }
        Assert.Contains("unknown switch -q", Run(LzmaScript(), "e", PathOf("in"), PathOf("x"), "-q").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Padjffs2PadsToEachEraseBlockSizeWithAnEndMarkAtEach()
    {
        var input = Input(5000);
        File.WriteAllBytes(PathOf("rootfs"), input);
        var (status, output) = Run(Tool("padjffs2"), PathOf("rootfs"));
        Assert.True(status == 0, output);
        Assert.Contains("padding image to 00002000", output, StringComparison.Ordinal);
        var padded = File.ReadAllBytes(PathOf("rootfs"));
        // 4k and 8k are both reached at 8 KiB, then 64k and 128k: a mark after each.
        Assert.Equal(131072 + 4, padded.Length);
        Assert.Equal(input, padded[..5000]);
        byte[] mark = [0xde, 0xad, 0xc0, 0xde];
        foreach (var at in new[] { 8192, 65536, 131072 }) Assert.Equal(mark, padded[at..(at + 4)]);
        Assert.All(padded[5000..8192], b => Assert.Equal(0xff, b));
        Assert.All(padded[8196..65536], b => Assert.Equal(0xff, b));

        // -c writes the padding to stdout; -J a big-endian JFFS2 padding node instead of the mark.
        File.WriteAllBytes(PathOf("small"), input);
        (status, _) = Run("/bin/sh", "-c", $"{Tool("padjffs2")} {PathOf("small")} -J -c 4 2>/dev/null > {PathOf("padding")}");
        Assert.Equal(0, status);
        Assert.Equal(input, File.ReadAllBytes(PathOf("small")));
        var padding = File.ReadAllBytes(PathOf("padding"));
        Assert.Equal(8192 - 5000 + 12, padding.Length);
        Assert.Equal([0x19, 0x85, 0x20, 0x04], padding[(8192 - 5000)..(8192 - 5000 + 4)]);
    }

    [Fact]
    public void Mksquashfs4TakesOpenWrtsXzSwitchesAndPseudoFiles()
    {
        var source = PathOf("rootfs-dir");
        Directory.CreateDirectory(source + "/etc");
        File.WriteAllText(source + "/etc/banner", "hello\n");
        var (status, output) = Run(Tool("mksquashfs4"), source, PathOf("root.squashfs"), "-nopad", "-noappend", "-root-owned", "-comp", "xz",
            "-Xpreset", "9", "-Xe", "-Xlc", "0", "-Xlp", "2", "-Xpb", "2", "-b", "256k", "-p", "/dev d 755 0 0", "-p",
            "/dev/console c 600 0 0 5 1", "-no-xattrs", "-quiet");
        Assert.True(status == 0, output);
        (status, output) = Run("unsquashfs", "-lls", PathOf("root.squashfs"));
        Assert.True(status == 0, output);
        Assert.Contains("squashfs-root/dev/console", output, StringComparison.Ordinal);
        Assert.Contains("squashfs-root/etc/banner", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MakeExt4fsMakesAnExt4ImageOfTheSizeAndLabelAskedFor()
    {
        var source = PathOf("rootfs-dir");
        Directory.CreateDirectory(source + "/etc");
        File.WriteAllText(source + "/etc/banner", "hello\n");
        var (status, output) = Run(Tool("make_ext4fs"), "-L", "rootfs", "-l", "8m", "-b", "4096", "-m", "0", "-J", "-T", "0", PathOf("root.ext4"),
            source + "/");
        Assert.True(status == 0, output);
        Assert.Equal(8L << 20, new FileInfo(PathOf("root.ext4")).Length);
        (status, output) = Run("/usr/sbin/dumpe2fs", "-h", PathOf("root.ext4"));
        Assert.True(status == 0, output);
        Assert.Contains("Filesystem volume name:   rootfs", output, StringComparison.Ordinal);
        Assert.DoesNotContain("has_journal", output, StringComparison.Ordinal);
        Assert.StartsWith("hello\n", Run("/usr/sbin/debugfs", "-R", "cat /etc/banner", PathOf("root.ext4")).Output, StringComparison.Ordinal);
        // The same size and label give the same volume id.
        Assert.Equal(0, Run(Tool("make_ext4fs"), "-L", "rootfs", "-l", "8m", PathOf("again.ext4"), source).Status);
        string Uuid(string image) =>
            Run("/usr/sbin/dumpe2fs", "-h", image).Output.Split('\n').Single(l => l.StartsWith("Filesystem UUID", StringComparison.Ordinal));
        Assert.Equal(Uuid(PathOf("root.ext4")), Uuid(PathOf("again.ext4")));
    }

    [Fact]
    public void MakeExt4fsWithATimeGivesTheSameImageHoweverTheFilesWereStaged()
    {
        // mke2fs -d copies each file's times; the change time is when the file was staged, so only -T makes two stagings agree.
        byte[] Image(string name, DateTime staged, string time)
        {
            var source = PathOf(name);
            Directory.CreateDirectory(source + "/boot/grub");
            File.WriteAllText(source + "/boot/grub/grub.cfg", "set default=0\n");
            File.WriteAllText(source + "/boot/a \"quoted\" name", "x\n");
            foreach (var path in Directory.EnumerateFileSystemEntries(source, "*", SearchOption.AllDirectories))
                File.SetLastWriteTimeUtc(path, staged);
            var (status, output) = Run(Tool("make_ext4fs"), "-J", "-L", "kernel", "-l", "4m", "-T", time, PathOf(name + ".ext4"), source);
            Assert.True(status == 0, output);
            return File.ReadAllBytes(PathOf(name + ".ext4"));
        }
        var first = Image("staged-once", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), "1700000000");
        Thread.Sleep(1100);
        Assert.Equal(first, Image("staged-again", new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc), "1700000000"));
        // The epoch 0 too (what a tree without SOURCE_DATE_EPOCH gives its image recipes), which e2fsprogs reads as "no time".
        var zero = Image("zero-once", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), "0");
        Thread.Sleep(1100);
        Assert.Equal(zero, Image("zero-again", new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc), "0"));
        var stat = Run("/usr/sbin/debugfs", "-R", "stat /boot/grub/grub.cfg", PathOf("staged-once.ext4")).Output;
        Assert.Equal(4, stat.Split('\n').Count(l => l.Contains("0x6553f100:00000000", StringComparison.Ordinal)));
    }

    [Fact]
    public void ARecipeCallingMkimageOrMksquashfs4WithoutThemIsToldTheirPackages()
    {
        var empty = PathOf("empty-bin");
        Directory.CreateDirectory(empty);
        var missing = HostToolset.MissingFor(
            "\tmkimage -A mips -O linux -T kernel -C lzma\n\t/tree/staging_dir/host/bin/mksquashfs4 root out\n", empty);
        Assert.Equal(["mkimage", "mksquashfs4"], missing.Select(t => t.Name));
        Assert.Equal("missing host tools mkimage (apt-get install u-boot-tools, or kiln build tools/mkimage); " +
            "mksquashfs4 (Kiln's script over mksquashfs: apt-get install squashfs-tools, or kiln build tools/squashfs4)",
            HostToolset.MissingMessage(missing));
    }

    [Fact]
    public void AMissingToolIsNamedWithTheDeviceTheStepAndWhereItComesFrom()
    {
        var empty = PathOf("empty-bin");
        Directory.CreateDirectory(empty);
        // Build/tplink-v1-header and Build/append-metadata as image-commands.mk writes them, after expansion.
        const string recipe = "\t/tree/staging_dir/host/bin/mktplinkfw -H 0x7c00 -W 2 -F 8Mlzma -N OpenWrt -V r0 -k k -o k.new\n" +
            "\t-echo '{ \"supported_devices\": [] }' | fwtool -I - k.bin\n";
        Assert.Equal("Device/tplink_archer-c7-v2: IMAGE/factory.bin cannot run: missing host tools " +
            "fwtool (Kiln's script over python3: apt-get install python3, or kiln build fwtool/host); " +
            "mktplinkfw (built from the tree's tools/firmware-utils (Debian has no package): kiln build tools/firmware-utils)",
            HostToolset.MissingMessage(recipe, empty, "Device/tplink_archer-c7-v2", "IMAGE/factory.bin"));
        File.WriteAllText(Path.Combine(empty, "mktplinkfw"), "");
        File.WriteAllText(Path.Combine(empty, "fwtool"), "");
        Assert.Null(HostToolset.MissingMessage(recipe, empty, "Device/x", "IMAGE/factory.bin"));
        Assert.Equal("missing host tool patch-cmdline (built from the tree's tools/patch-image (Debian has no package): " +
            "kiln build tools/patch-image)", HostToolset.MissingMessage([HostToolset.All.Single(t => t.Name == "patch-cmdline")]));
        Assert.Contains("lzma_alone from apt-get install lzma-alone, or Kiln's script over xz: apt-get install xz-utils, or kiln build tools/lzma",
            HostToolset.All.Single(t => t.Name == "lzma").Source, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProgramsARecipeCallsAreTheFirstWordsOfItsCommands()
    {
        var called = HostToolset.CalledPrograms(
            "\t@-( cd /x && PATH=/k/scripts/dtc:$PATH mkimage -f a.its a.new ) ; cat a b | gzip -9n > c\n" +
            "\t+[ -s k ] || { \"/t/staging_dir/host/bin/ptgen\" -o x; }\n\tcmake -DCMAKE_MAKE_PROGRAM=/t/staging_dir/host/bin/ninja .\n" +
            "\tfind . -name x | xargs rm -f; echo mktplinkfw\n");
        Assert.Equal(["[", "cat", "cd", "cmake", "echo", "find", "gzip", "mkimage", "ninja", "ptgen", "rm"], called.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ACopyIntoStagingDirHostBinDoesNotWriteThroughKilnsLinks()
    {
        // A stand-in for Debian's program, and Kiln's link to it where OpenWrt's tools/mkimage installs its own.
        File.WriteAllText(PathOf("debian-mkimage"), "debian\n");
        File.Delete(Tool("mkimage"));
        File.CreateSymbolicLink(Tool("mkimage"), PathOf("debian-mkimage"));
        Directory.CreateDirectory(PathOf("build/tools"));
        File.WriteAllText(PathOf("build/tools/mkimage"), "built\n");
        var recipe = $"\tcp -fpR {PathOf("build/tools/mkimage")} {Bin}/\n\t{Bin}/gcc --version\n";
        var released = HostToolset.ReleaseLinks(Bin, recipe);
        Assert.Equal([("mkimage", PathOf("debian-mkimage"))], released);
        Assert.Equal(0, Run("/bin/sh", "-c", $"cp -fpR {PathOf("build/tools/mkimage")} {Bin}/").Status);
        HostToolset.Relink(Bin, released);
        Assert.Equal("debian\n", File.ReadAllText(PathOf("debian-mkimage")));
        Assert.Equal("built\n", File.ReadAllText(Tool("mkimage")));
        Assert.Null(new FileInfo(Tool("mkimage")).LinkTarget);
        // gcc is run from staging_dir/host/bin, not copied there: its link stays. A built mkimage is no link of Kiln's.
        Assert.NotNull(new FileInfo(Tool("gcc")).LinkTarget);
        Assert.Empty(HostToolset.ReleaseLinks(Bin, recipe));

        // A link the step put nothing in place of comes back.
        File.Delete(Tool("mkimage"));
        File.CreateSymbolicLink(Tool("mkimage"), PathOf("debian-mkimage"));
        HostToolset.Relink(Bin, HostToolset.ReleaseLinks(Bin, recipe));
        Assert.Equal(PathOf("debian-mkimage"), new FileInfo(Tool("mkimage")).LinkTarget);
    }

    [Fact]
    public void PkgConfigPutsTheStagedPcFilesPrefixesUnderStagingPrefixAsOpenWrtsWrapperDoes()
    {
        // An older Kiln linked Debian's pkg-config here: the wrapper takes its place.
        File.Delete(Tool("pkg-config"));
        File.CreateSymbolicLink(Tool("pkg-config"), "/usr/bin/pkg-config");
        HostToolset.Prepare(Bin);
        Assert.Null(new FileInfo(Tool("pkg-config")).LinkTarget);
        var pcDirectory = PathOf("staging/usr/lib/pkgconfig");
        Directory.CreateDirectory(pcDirectory);
        File.WriteAllText(Path.Combine(pcDirectory, "codec.pc"), """
            prefix=/usr
            exec_prefix=/usr
            libdir=${exec_prefix}/lib
            includedir=${prefix}/include

            Name: codec
            Description: a staged library
            Version: 1.0
            Libs: -L${libdir} -lcodec
            Cflags: -I${includedir}/codec

            """);
        var run = new System.Diagnostics.ProcessStartInfo(Tool("pkg-config"), ["--cflags", "--libs", "codec"]) { RedirectStandardOutput = true };
        run.Environment["STAGING_PREFIX"] = PathOf("staging/usr");
        run.Environment["PKG_CONFIG_LIBDIR"] = pcDirectory;
        using var process = System.Diagnostics.Process.Start(run)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal($"-I{PathOf("staging/usr")}/include/codec -L{PathOf("staging/usr")}/lib -lcodec", output);
    }

    [Fact]
    public void KilnsOwnScriptsAreRewrittenAndAnyOtherProgramIsLeftAlone()
    {
        File.WriteAllText(Tool("mksquashfs4"), "#!/bin/sh\n# an older mksquashfs4 (written by Kiln)\n");
        File.Delete(Tool("padjffs2"));
        File.WriteAllText(Tool("padjffs2"), "#!/bin/sh\n# OpenWrt's own build\n");
        HostToolset.Prepare(Bin);
        Assert.Equal(HostToolset.All.Single(t => t.Name == "mksquashfs4").Script, File.ReadAllText(Tool("mksquashfs4")));
        Assert.Equal("#!/bin/sh\n# OpenWrt's own build\n", File.ReadAllText(Tool("padjffs2")));
        Assert.NotNull(new FileInfo(Tool("mkimage")).LinkTarget);
    }
}
