using Kiln.Build.Toolchains;
using Kiln.Packing.Ipk;

namespace Kiln.Build.Tests;

/// <summary>
/// The example's base packages built for the PC, the Malta board and the demo board, and each build's .ipk files installed
/// together into one root directory, as an image's root file system holds them: every package's data unpacked, then what
/// an offline opkg install leaves (control files in usr/lib/opkg/info, the status file) and each postinst run with
/// IPKG_INSTROOT, as OpenWrt's root file system step runs them. Programs then run inside the root: x86_64 ones with chroot,
/// MIPS ones under qemu-user with the root as their library prefix, so that nothing of the build machine is used.
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
            var ipks = Directory.GetFiles(Tree.In("bin/packages/" + arch), "*.ipk", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Tree.In("bin/targets/" + board), "*.ipk", SearchOption.AllDirectories))
                .Order(StringComparer.Ordinal).ToList();
            Installed[target] = ipks.Select(p => Install(root, p)).ToList();
            foreach (var name in Installed[target])
            {
                var (status, output) = Run("/bin/sh", [Path.Combine(root, "usr/lib/opkg/info", name + ".postinst")], root);
                Assert.True(status == 0, $"{name}.postinst: {output}");
            }
            // What the image's cpio or file system adds: the console the kernel opens for init (root only may make it).
            if (Environment.IsPrivilegedProcess) Builds.Execute("mknod", "-m", "600", Path.Combine(root, "dev/console"), "c", "5", "1");
        }
    }

    internal TestTree Tree { get; }

    /// <summary>The packages installed into each target's root, in the order they were installed.</summary>
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

    /// <summary>Unpacks one .ipk into the root as opkg does; returns the package's name.</summary>
    private static string Install(string root, string ipk)
    {
        var contents = IpkContents.Read(ipk);
        var name = contents.Control["Package"]!;
        var info = Path.Combine(root, "usr/lib/opkg/info");
        Directory.CreateDirectory(info);
        foreach (var entry in contents.DataEntries) Write(root, entry.Name, entry.Mode, entry.Bytes, entry.LinkTarget);
        foreach (var entry in contents.ControlEntries.Where(e => e.Bytes is not null))
            Write(info, name + "." + entry.Name.TrimStart('.', '/'), entry.Mode, entry.Bytes, null);
        File.WriteAllLines(Path.Combine(info, name + ".list"),
            contents.DataEntries.Where(e => e.Bytes is not null || e.LinkTarget is not null).Select(e => e.Name.TrimStart('.')));
        File.AppendAllText(Path.Combine(root, "usr/lib/opkg/status"),
            $"Package: {name}\nVersion: {contents.Control["Version"]}\nStatus: install user installed\nArchitecture: " +
            $"{contents.Control["Architecture"]}\n\n");
        return name;
    }

    private static void Write(string directory, string name, UnixFileMode mode, byte[]? bytes, string? link)
    {
        var path = Path.Combine(directory, name.TrimStart('.', '/'));
        if (link is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.CreateSymbolicLink(path, link);
        }
        else if (bytes is null)
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            File.SetUnixFileMode(path, mode);
        }
    }

    private static (int Status, string Output) Run(string program, string[] arguments, string root)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["IPKG_INSTROOT"] = root;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }
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
    [InlineData("pc")]
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
