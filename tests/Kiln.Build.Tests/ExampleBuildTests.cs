using System.Security.Cryptography;

namespace Kiln.Build.Tests;

/// <summary>The example feed built once for each target: MIPS with Debian's cross toolchain, x86_64 natively.</summary>
public sealed class ExampleBuild : IDisposable
{
    public static readonly string[] Packages = ["greeter", "greeter-lite", "greet-test"];

    public ExampleBuild()
    {
        Tree = new TestTree();
        Mips = Builds.Succeed(Tree, Builds.Mips, Packages);
        Pc = Builds.Succeed(Tree, Builds.Pc, Packages);
    }

    internal TestTree Tree { get; }

    internal RecordingObserver Mips { get; }

    internal RecordingObserver Pc { get; }

    public string MipsBuild => Tree.In("build_dir/target-mips-linux-gnu_glibc");

    public string PcBuild => Tree.In("build_dir/target-x86_64-linux-gnu_glibc");

    public string MipsPackage(string package) => Directory.GetDirectories(MipsBuild, "ipkg-mips_24kc", SearchOption.AllDirectories)
        .Select(d => Path.Combine(d, package)).Single(Directory.Exists);

    public string PcPackage(string package) => Directory.GetDirectories(PcBuild, "ipkg-x86_64", SearchOption.AllDirectories)
        .Select(d => Path.Combine(d, package)).Single(Directory.Exists);

    public void Dispose() => Tree.Dispose();
}

public sealed class ExampleBuildTests(ExampleBuild build) : IClassFixture<ExampleBuild>
{
    private static (int Status, string Output) Qemu(string program, string libraries, params string[] arguments) =>
        Builds.Execute("qemu-mips-static", ["-cpu", "24Kf", "-L", "/usr/mips-linux-gnu", "-E", "LD_LIBRARY_PATH=" + libraries, program,
            .. arguments]);

    [Fact]
    public void MipsGreeterRunsUnderQemuWithThePatchAppliedAndTheLibraryItLinks()
    {
        var (status, output) = Qemu(build.MipsPackage("greeter") + "/usr/bin/greeter", build.MipsPackage("libgreet") + "/usr/lib", "Kiln");
        Assert.Equal(0, status);
        // "Hello" comes from patches/010-default-message.patch (the source says "Hi"), the version line from libgreet.
        Assert.Equal("Hello, Kiln!\n(libgreet 1.4.0)\n", output);
    }

    [Fact]
    public void MipsLibraryTestProgramPasses()
    {
        var (status, output) = Qemu(build.MipsPackage("greet-test") + "/usr/bin/greet-test", build.MipsPackage("libgreet") + "/usr/lib");
        Assert.Equal(0, status);
        Assert.Equal("libgreet 1.4.0: ok\n", output);
    }

    [Fact]
    public void MipsBinariesAreBigEndian32BitMips()
    {
        var header = File.ReadAllBytes(build.MipsPackage("greeter") + "/usr/bin/greeter")[..20];
        Assert.Equal([0x7f, (byte)'E', (byte)'L', (byte)'F'], header[..4]);
        Assert.Equal(1, header[4]); // ELFCLASS32
        Assert.Equal(2, header[5]); // ELFDATA2MSB
        Assert.Equal(8, header[19]); // EM_MIPS, big-endian 16-bit field
    }

    [Fact]
    public void PcGreeterRunsNatively()
    {
        var start = new System.Diagnostics.ProcessStartInfo(build.PcPackage("greeter") + "/usr/bin/greeter") { RedirectStandardOutput = true };
        start.ArgumentList.Add("PC");
        start.Environment["LD_LIBRARY_PATH"] = build.PcPackage("libgreet") + "/usr/lib";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("Hello, PC!\n(libgreet 1.4.0)\n", output);
    }

    [Fact]
    public void GreeterLiteIsInstalledAsGreeterWithoutTheVersionLine()
    {
        var (status, output) = Qemu(build.MipsPackage("greeter-lite") + "/usr/bin/greeter", build.MipsPackage("libgreet") + "/usr/lib");
        Assert.Equal(0, status);
        Assert.Equal("Hello, world!\n", output);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void InstallDirectoriesHaveTheFilesAndModesOfTheInstallRecipes()
    {
        var greeter = build.MipsPackage("greeter");
        Assert.Equal(0b111_101_101, (int)File.GetUnixFileMode(greeter + "/usr/bin/greeter"));
        Assert.Equal(0b111_101_101, (int)File.GetUnixFileMode(greeter + "/etc/init.d/greeter"));
        Assert.Equal(0b110_000_000, (int)File.GetUnixFileMode(greeter + "/etc/config/greeter"));
        Assert.Equal(File.ReadAllBytes(build.Tree.In("package/utils/greeter/files/greeter.config")),
            File.ReadAllBytes(greeter + "/etc/config/greeter"));
        Assert.Equal(["etc", "usr"], Directory.GetDirectories(greeter).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CpKeepsTheLibrarySymlinks()
    {
        var lib = build.MipsPackage("libgreet") + "/usr/lib";
        Assert.Equal("libgreet.so.1.4.0", new FileInfo(lib + "/libgreet.so.1").LinkTarget);
        Assert.Null(new FileInfo(lib + "/libgreet.so.1.4.0").LinkTarget);
    }

    [Fact]
    public void InstallDevStagesHeadersAndLibrariesWithAFileList()
    {
        var staging = build.Tree.In("staging_dir/target-mips-linux-gnu_glibc");
        Assert.True(File.Exists(staging + "/usr/include/greet.h"));
        Assert.True(File.Exists(staging + "/usr/lib/libgreet.so.1.4.0"));
        var list = File.ReadAllLines(staging + "/packages/libgreet.list");
        Assert.Contains("./usr/include/greet.h", list);
        Assert.Contains("./usr/lib/libgreet.so.1", list);
    }

    [Fact]
    public void TheCLibraryPackageComesFromTheToolchainSysroot()
    {
        var libc = build.MipsBuild + "/toolchain/ipkg-mips_24kc/libc/lib/libc.so.6";
        Assert.Equal(SHA256.HashData(File.ReadAllBytes("/usr/mips-linux-gnu/lib/libc.so.6")), SHA256.HashData(File.ReadAllBytes(libc)));
        Assert.True(File.Exists(build.MipsBuild + "/toolchain/ipkg-mips_24kc/libc/lib/ld.so.1"));
    }

    [Fact]
    public void EveryStepRanOnceForEachPackage()
    {
        Assert.Equal(
        [
            "package/libs/libgreet compile", "package/libs/libgreet configure", "package/libs/libgreet install",
            "package/libs/libgreet installdev", "package/libs/libgreet pack", "package/libs/libgreet prepare",
            "package/utils/greeter compile", "package/utils/greeter configure", "package/utils/greeter install", "package/utils/greeter pack",
                "package/utils/greeter prepare",
            "toolchain install",
        ], build.Mips.RanSteps.Where(s => !s.EndsWith(" download", StringComparison.Ordinal)));
    }

    [Fact]
    public void ANoOpRebuildRunsNothing()
    {
        var again = Builds.Succeed(build.Tree, Builds.Mips, ExampleBuild.Packages);
        Assert.Empty(again.Ran);
        Assert.Equal(12, again.UpToDate.Count);
    }
}
