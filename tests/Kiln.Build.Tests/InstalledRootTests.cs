using Kiln.Build.Toolchains;
using Kiln.Images.Rootfs;
using Kiln.Packing.Ipk;

namespace Kiln.Build.Tests;

/// <summary>
/// The example's base packages built for the PC, the Malta board and the demo board, and installed from each build's feeds
/// into one root directory by the image stage's root assembly (Kiln.Images' RootfsInstaller: opkg's offline install, the
/// postinsts run with IPKG_INSTROOT, the accounts of Require-User), as an image's root file system holds them. Programs then
/// run inside the root: x86_64 ones with chroot, MIPS ones under qemu-user with the root as their library prefix, so that
/// nothing of the build machine is used.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstalledRoots : IDisposable
{
    public static readonly string[] Packages = ["greeter", "bootcheck", "base-files"];

    /// <summary>Each target, the architecture its packages are built for, and its qemu-user command (null: runs natively).</summary>
    public static readonly (string Target, string Arch, string? Qemu)[] Targets =
    [
        ("pc/generic", "x86_64", null),
        ("malta/le", "mipsel_24kc", "qemu-mipsel-static"),
        ("demo/small", "mips_24kc", "qemu-mips-static"),
    ];

    public InstalledRoots()
    {
        Tree = new TestTree();
        foreach (var (target, arch, _) in Targets)
        {
            Builds.Succeed(Tree, target, Packages);
            var root = Root(target);
            var board = target.Contains('/') ? target : target + "/generic";
            // The image stage's own root assembly (opkg's offline install, postinsts, accounts) from the feeds the build packed.
            var feeds = Directory.GetDirectories(Tree.In("bin/packages/" + arch)).Append(Tree.In($"bin/targets/{board}/packages")).ToList();
            var plan = InstallPlanner.Resolve(PackageFeed.Read(feeds, arch), [.. Packages.Select(p => new PackageRequest(p, "the test"))], []);
            RootfsInstaller.Install(plan, root, new RootfsOptions(0));
            Installed[target] = File.ReadLines(Path.Combine(root, "usr/lib/opkg/status"))
                .Where(l => l.StartsWith("Package: ", StringComparison.Ordinal)).Select(l => l["Package: ".Length..]).ToList();
            // What the image's cpio or file system adds: the console the kernel opens for init (root only may make it).
            if (Environment.IsPrivilegedProcess) Builds.Execute("mknod", "-m", "600", Path.Combine(root, "dev/console"), "c", "5", "1");
        }
    }

    internal TestTree Tree { get; }

    /// <summary>The packages installed into each target's root, in the order opkg's status lists them.</summary>
    public Dictionary<string, List<string>> Installed { get; } = [];

    /// <summary>
    /// Whether a program run in the target's root finds /dev/console: the root's own, or under qemu-user, which looks for a
    /// path in the root first and then on the build machine, the machine's.
    /// </summary>
    public bool SeesConsole(string target) =>
        File.Exists(Root(target) + "/dev/console") || (Targets.Single(t => t.Target == target).Qemu is not null && File.Exists("/dev/console"));

    public string Root(string target) => Path.Combine(Tree.Root, "root-" + target.Replace('/', '-'));

    /// <summary>Runs a program of the target's root inside it; its exit status and output (stdout, then stderr).</summary>
    public (int Status, string Output) RunInside(string target, string program, params string[] arguments)
    {
        var (_, _, qemu) = Targets.Single(t => t.Target == target);
        var root = Root(target);
        if (qemu is not null) return Builds.Execute(qemu, ["-cpu", "24Kf", "-L", root, root + program, .. arguments]);
        return Environment.IsPrivilegedProcess
            ? Builds.Execute("chroot", [root, program, .. arguments])
            : Builds.Execute("unshare", ["-r", "chroot", root, program, .. arguments]);
    }

    public void Dispose() => Tree.Dispose();
}

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstalledRootTests(InstalledRoots roots) : IClassFixture<InstalledRoots>
{
    public static TheoryData<string> Targets => [.. InstalledRoots.Targets.Select(t => t.Target)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void GreeterRunsInTheRootWithTheLibcAndLibraryOfItsPackages(string target)
    {
        var (status, output) = roots.RunInside(target, "/usr/bin/greeter", "Root");
        Assert.Equal(0, status);
        Assert.Equal("Hello, Root!\n(libgreet 1.4.0)\n", output);
    }

    [Fact]
    public void ThePcLibcHasTheLoaderWhereDebiansX8664ProgramsAskForIt()
    {
        var libc = IpkContents.Read(Directory.GetFiles(roots.Tree.In("bin/targets/pc/generic/packages"), "libc_*.ipk").Single());
        var loader = libc.DataEntries.Single(e => e.Name == "./lib64/ld-linux-x86-64.so.2");
        Assert.Equal("../lib/ld-linux-x86-64.so.2", loader.LinkTarget);
        Assert.Contains(libc.DataEntries, e => e.Name == "./lib/ld-linux-x86-64.so.2" && e.Bytes is not null);
    }

    [Theory]
    [InlineData("pc/generic", "/lib64/ld-linux-x86-64.so.2")]
    [InlineData("malta/le", "/lib/ld.so.1")]
    [InlineData("demo/small", "/lib/ld.so.1")]
    public void TheLoaderIsThePtInterpOfTheTargetsPrograms(string target, string loader)
    {
        var greeter = File.ReadAllBytes(roots.Root(target) + "/usr/bin/greeter");
        Assert.Equal(loader, ToolchainLibraries.ElfInterpreter(greeter));
        Assert.True(File.Exists(roots.Root(target) + loader));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void BootcheckFindsWhatInstallingThePackagesLeft(string target)
    {
        var (status, output) = roots.RunInside(target, "/sbin/init");
        var console = roots.SeesConsole(target);
        Assert.Equal(
        [
            "bootcheck: running as a program",
            console ? "bootcheck: /dev/console: character device 5:1" : "bootcheck: /dev/console: No such file or directory",
            "bootcheck: /etc/config/bootcheck: config bootcheck 'main'",
            "bootcheck: postinst marker /etc/bootcheck.postinst: bootcheck postinst ran",
            "bootcheck: user bootcheck (4242) is in /etc/passwd",
            "bootcheck: group bootcheck (4242) is in /etc/group",
            "bootcheck: packages: " + string.Join(' ', roots.Installed[target]),
            "bootcheck: libgreet 1.4.0: Hello, bootcheck!",
            console ? "bootcheck: all checks passed" : "bootcheck: FAILED: /dev/console",
        ], output.TrimEnd('\n').Split('\n'));
        Assert.Equal(console ? 0 : 1, status);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void TheAccountsBootcheckAsksForAreAddedOnceBesideRoots(string target)
    {
        var root = roots.Root(target);
        Assert.Equal(["root:x:0:0:root:/root:/bin/sh", "bootcheck:x:4242:4242:bootcheck:/var/run/bootcheck:/bin/false"],
            File.ReadAllLines(root + "/etc/passwd").Where(l => l.StartsWith("root:", StringComparison.Ordinal) || l.Contains("4242")));
        Assert.Equal(["root:x:0:", "bootcheck:x:4242:bootcheck"],
            File.ReadAllLines(root + "/etc/group").Where(l => l.StartsWith("root:", StringComparison.Ordinal) || l.Contains("4242")));
        Assert.Single(File.ReadAllLines(root + "/etc/shadow"), l => l.StartsWith("bootcheck:", StringComparison.Ordinal));
        Assert.Equal(0b110_000_000, (int)File.GetUnixFileMode(root + "/etc/shadow"));
    }

    [Theory]
    [InlineData("pc/generic")]
    [InlineData("malta/le")]
    public void TheDefaultConfigurationOfTheBoardsThatBootAsksForTheirRootFileSystems(string target)
    {
        var config = Builds.Config(roots.Tree, target);
        Assert.All(["TARGET_ROOTFS_INITRAMFS", "TARGET_ROOTFS_CPIOGZ", "TARGET_ROOTFS_TARGZ", "TARGET_ROOTFS_SQUASHFS", "TARGET_ROOTFS_EXT4FS",
            "TARGET_EXT4_JOURNAL"], symbol => Assert.True(config.IsEnabled(symbol), symbol));
        Assert.Equal("4096", config.Value("TARGET_EXT4_BLOCKSIZE"));
        Assert.Equal("0", config.Value("TARGET_EXT4_RESERVED_PCT"));
    }

    [Fact]
    public void BootcheckIsInitWithItsConffileAndAccount()
    {
        var bootcheck = IpkContents.Read(Directory.GetFiles(roots.Tree.In("bin/packages/mipsel_24kc/base"), "bootcheck_*.ipk").Single());
        Assert.Equal("bootcheck=4242:bootcheck=4242", bootcheck.Control["Require-User"]);
        Assert.Equal("libc, libgreet1", bootcheck.Control["Depends"]);
        Assert.Contains(bootcheck.DataEntries, e => e.Name == "./sbin/init" && e.Mode.HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("/etc/config/bootcheck\n",
            System.Text.Encoding.UTF8.GetString(bootcheck.ControlEntries.Single(e => e.Name == "./conffiles").Bytes!));
        Assert.Contains("IPKG_INSTROOT", System.Text.Encoding.UTF8.GetString(
            bootcheck.ControlEntries.Single(e => e.Name == "./postinst-pkg").Bytes!), StringComparison.Ordinal);
    }
}
