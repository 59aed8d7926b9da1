using Kiln.Packing.Ipk;

namespace Kiln.Build.Tests;

/// <summary>
/// A package built with meson.mk (Fixtures/packages/utils/mesonhello): meson.mk runs meson.py with python3 and fills in the
/// machine file templates of staging_dir/host/lib/meson, Kiln's own over Debian's meson, and ninja builds and installs.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MesonBuildTests : IDisposable
{
    private readonly TestTree _tree = new();

    public MesonBuildTests() => TestTree.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "packages"), _tree.In("package"));

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void AMesonPackageIsCrossCompiledForTheTargetAndPacked()
    {
        // OpenWrt's target/Config.in has mips select BIG_ENDIAN; the example tree's Config.in has no architecture menu.
        const string endianness = "CONFIG_BIG_ENDIAN=y\n";
        Builds.Succeed(_tree, Builds.Mips, ["mesonhello"], endianness);
        var bigEndian = Builds.Config(_tree, Builds.Mips, endianness).IsEnabled("BIG_ENDIAN");

        var crossFile = File.ReadAllText(_tree.In("build_dir/target-mips-linux-gnu_glibc/mesonhello-1.0/openwrt-cross.txt"));
        Assert.Contains("cpu_family = 'mips'", crossFile);
        Assert.Contains($"endian = '{(bigEndian ? "big" : "little")}'", crossFile);
        Assert.Contains("c = ['mips-linux-gnu-gcc',]", crossFile);

        var ipk = IpkContents.Read(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/base"), "mesonhello_*.ipk").Single());
        var program = ipk.DataEntries.Single(e => e.Name == "./usr/bin/mesonhello").Bytes!;
        Assert.Equal([0x7f, (byte)'E', (byte)'L', (byte)'F'], program[..4]);
        Assert.Equal(1, program[4]); // ELFCLASS32
        Assert.Equal(bigEndian ? 2 : 1, program[5]); // ELFDATA2MSB or LSB
        Assert.Equal(8, bigEndian ? program[19] : program[18]); // EM_MIPS
        var path = Path.Combine(_tree.Root, "mesonhello");
        File.WriteAllBytes(path, program);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        // The option from MESON_ARGS, and meson's own idea of the machine (host_machine, from the cross file).
        Assert.Equal((0, $"mesonhello: cross-compiled, for a {(bigEndian ? "big" : "little")}-endian machine\n"),
            Builds.Execute("qemu-mips-static", "-cpu", "24Kf", "-L", "/usr/mips-linux-gnu", path));
    }

    [Fact]
    public void AMesonHostBuildUsesTheNativeFileAndInstallsIntoStagingDirHostpkg()
    {
        Builds.Succeed(_tree, Builds.Mips, ["mesonhello/host"]);
        var hostpkg = _tree.In("staging_dir/hostpkg");
        Assert.Contains($"prefix = '{hostpkg}'", File.ReadAllText(_tree.In("build_dir/hostpkg/mesonhello-1.0/openwrt-native.txt")));
        // No MESON_HOST_ARGS: the option's default; built for this machine.
        var littleEndian = BitConverter.IsLittleEndian ? "little" : "big";
        Assert.Equal((0, $"mesonhello: natively built, for a {littleEndian}-endian machine\n"),
            Builds.Execute(Path.Combine(hostpkg, "bin", "mesonhello")));
    }
}
