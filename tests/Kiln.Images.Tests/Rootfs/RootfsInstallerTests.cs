using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Images.Rootfs;
using Kiln.Packing.Ipk;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>Roots assembled from real .ipk files: the tree, opkg's database, scripts, accounts, times.</summary>
public sealed class RootfsInstallerTests : IDisposable
{
    private const string GreeterConfig = "config greeter\n\toption greeting 'hello'\n";

    private readonly TestFeed _temp = new();

    public RootfsInstallerTests()
    {
        _temp.AddAll(
            TestFeed.BaseFiles,
            new TestPackage("libc", "1.2.5-r4", "x86_64") { Files = new Dictionary<string, string> { ["lib/libc.so"] = "libc" } },
            new TestPackage("libgreet1", "1.0-r1", "x86_64")
            {
                Depends = "libc",
                Provides = "libgreet",
                Fields = new Dictionary<string, string> { ["ABIVersion"] = "1" },
                Files = new Dictionary<string, string> { ["usr/lib/libgreet.so.1"] = "greet library" },
                Links = new Dictionary<string, string> { ["usr/lib/libgreet.so"] = "libgreet.so.1" },
            },
            new TestPackage("greeter", "2.0-r3", "x86_64")
            {
                Depends = "libc, libgreet (>= 1.0)",
                Files = new Dictionary<string, string> { ["usr/bin/greet"] = "#!/bin/sh\necho hello\n", ["etc/config/greeter"] = GreeterConfig },
                Executables = ["usr/bin/greet"],
                Scripts = new Dictionary<string, string>
                {
                    ["conffiles"] = "/etc/config/greeter\n/etc/missing\n",
                    ["postinst"] = "#!/bin/sh\necho \"greeted $IPKG_INSTROOT from $(pwd)\" > \"$IPKG_INSTROOT/etc/greeted\"\necho postinst ran\n",
                },
            });
    }

    public void Dispose() => _temp.Dispose();

    private static string Read(string root, string path) => File.ReadAllText(Path.Combine(root, path));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Every entry under the root: type, mode, path (and a link's target), as find prints them (lstat, no following).</summary>
    private static string Listing(string root) =>
        string.Concat(TestFeed.Run("find", root, "-mindepth", "1", "-printf", "%y %m %P %l\\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd() + "\n").Order(StringComparer.Ordinal));

    [Fact]
    public void TheFilesOverlayIsCopiedOverThePackagesInsideTheRootWithItsModes()
    {
        var files = _temp.In("files");
        Directory.CreateDirectory(Path.Combine(files, "etc", "uci-defaults"));
        File.WriteAllText(Path.Combine(files, "etc", "uci-defaults", "99-asu-defaults"), "uci set system.@system[0].hostname=kiln\n");
        Directory.CreateDirectory(Path.Combine(files, "etc", "config"));
        File.WriteAllText(Path.Combine(files, "etc", "config", "greeter"), "config greeter\n\toption greeting 'hi'\n");
        File.SetUnixFileMode(Path.Combine(files, "etc", "config", "greeter"), (UnixFileMode)0b110_000_000);
        // base-files' /var is a link to tmp: the copy follows it inside the root, never onto the host's /var.
        Directory.CreateDirectory(Path.Combine(files, "var", "run"));
        File.WriteAllText(Path.Combine(files, "var", "run", "kiln-overlay-test"), "inside");
        File.CreateSymbolicLink(Path.Combine(files, "etc", "passwd.link"), "/etc/passwd");

        var (root, _) = _temp.Install("base-files greeter", files: files);

        Assert.Equal("uci set system.@system[0].hostname=kiln\n", Read(root, "etc/uci-defaults/99-asu-defaults"));
        Assert.Equal("config greeter\n\toption greeting 'hi'\n", Read(root, "etc/config/greeter"));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Combine(root, "etc", "config", "greeter")));
        // It went to the root's /tmp, which rootfs.mk then empties, as OpenWrt's FILES= under /var.
        Assert.False(File.Exists("/var/run/kiln-overlay-test"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "tmp")));
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(root, "etc", "passwd.link")).LinkTarget);
        Assert.Contains("greeted", Listing(root));
    }

    [Fact]
    public void TheStatusFileIsWhatOpkgWritesInItsTableOrder()
    {
        var (root, _) = _temp.Install("base-files greeter");

        Assert.Equal($"""
            Package: libc
            Version: 1.2.5-r4
            Status: install ok installed
            Architecture: x86_64
            Installed-Time: {TestFeed.Epoch}
            Auto-Installed: yes

            Package: base-files
            Version: 1.0-r1
            Status: install ok installed
            Architecture: all
            Installed-Time: {TestFeed.Epoch}

            Package: libgreet1
            ABIVersion: 1
            Version: 1.0-r1
            Depends: libc
            Provides: libgreet
            Status: install ok installed
            Architecture: x86_64
            Installed-Time: {TestFeed.Epoch}
            Auto-Installed: yes

            Package: greeter
            Version: 2.0-r3
            Depends: libc, libgreet (>= 1.0)
            Status: install ok installed
            Architecture: x86_64
            Conffiles:
             /etc/config/greeter {Sha256(GreeterConfig)}
            Installed-Time: {TestFeed.Epoch}


            """, Read(root, "usr/lib/opkg/status"));
    }

    [Fact]
    public void HeldEssentialAndConflictingPackagesAreRecordedAsOpkgPrintsThem()
    {
        _temp.Add(new TestPackage("keeper", "3:1.0-r1")
        {
            Depends = "libc (>= 1.0) | libc-tiny",
            Conflicts = "rival (<< 2), other | third",
            Fields = new Dictionary<string, string> { ["Status"] = "unknown hold not-installed", ["Essential"] = "yes" },
        });

        var (root, _) = _temp.Install("keeper");

        Assert.Contains($"""
            Package: keeper
            Version: 3:1.0-r1
            Depends: libc (>= 1.0) | libc-tiny
            Conflicts: rival (< 2), other
            Status: install hold installed
            Essential: yes
            Architecture: all
            Installed-Time: {TestFeed.Epoch}


            """, Read(root, "usr/lib/opkg/status"), StringComparison.Ordinal);
    }

    [Fact]
    public void ImageBuildersStatusKeepsTheUserFlagOfRequestedPackages()
    {
        var (root, _) = _temp.Install("greeter", keepUserFlag: true);

        var status = Read(root, "usr/lib/opkg/status");
        Assert.Contains("Package: greeter\nVersion: 2.0-r3\nDepends: libc, libgreet (>= 1.0)\nStatus: install user installed\n", status,
            StringComparison.Ordinal);
        Assert.Contains("Package: libc\nVersion: 1.2.5-r4\nStatus: install ok installed\n", status, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInfoDirectoryHoldsEachPackagesControlMembersAndListsWithoutTheRemovedPostinsts()
    {
        var (root, _) = _temp.Install("base-files greeter");
        var info = Path.Combine(root, "usr/lib/opkg/info");

        Assert.Equal(["base-files.control", "base-files.list", "base-files.prerm",
            "greeter.conffiles", "greeter.control", "greeter.list", "greeter.prerm",
            "libc.control", "libc.list", "libc.prerm", "libgreet1.control", "libgreet1.list", "libgreet1.prerm"],
            Directory.EnumerateFiles(info).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var ipk = IpkContents.Read(_temp.In("feed/greeter_2.0-r3_x86_64.ipk"));
        Assert.Equal(ipk.ControlEntries.Single(e => e.Name == "./control").Bytes, File.ReadAllBytes(Path.Combine(info, "greeter.control")));
        Assert.Equal("/etc/config/greeter\n/etc/missing\n", Read(info, "greeter.conffiles"));
        Assert.Equal(IpkWriter.DefaultPrerm, Read(info, "greeter.prerm"));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(info, "greeter.prerm")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(info, "greeter.control")));
        // Files and links only, in opkg's file-table order: /usr/bin/greet is in bucket 572, /etc/config/greeter in 818.
        Assert.Equal("/usr/bin/greet\n/etc/config/greeter\n", Read(info, "greeter.list"));
        Assert.Equal("/usr/lib/libgreet.so\n/usr/lib/libgreet.so.1\n", Read(info, "libgreet1.list"));
        Assert.Equal("/var\n/etc/shadow\n/etc/group\n/lib/functions.sh\n/etc/passwd\n", Read(info, "base-files.list"));
    }

    [Fact]
    public void TheTreeHasThePackagesFilesModesAndLinksAndWhatRootfsMkMakesAndRemoves()
    {
        var (root, result) = _temp.Install("base-files greeter");

        Assert.Equal("""
            d 755 etc
            d 755 etc/config
            d 755 etc/rc.d
            d 755 lib
            d 755 tmp
            d 755 usr
            d 755 usr/bin
            d 755 usr/lib
            d 755 usr/lib/opkg
            d 755 usr/lib/opkg/info
            d 755 usr/lib/opkg/lists
            f 644 etc/config/greeter
            f 644 etc/greeted
            f 644 etc/group
            f 644 etc/passwd
            f 644 etc/shadow
            f 644 lib/functions.sh
            f 644 lib/libc.so
            f 644 usr/lib/libgreet.so.1
            f 644 usr/lib/opkg/info/base-files.control
            f 644 usr/lib/opkg/info/base-files.list
            f 644 usr/lib/opkg/info/greeter.conffiles
            f 644 usr/lib/opkg/info/greeter.control
            f 644 usr/lib/opkg/info/greeter.list
            f 644 usr/lib/opkg/info/libc.control
            f 644 usr/lib/opkg/info/libc.list
            f 644 usr/lib/opkg/info/libgreet1.control
            f 644 usr/lib/opkg/info/libgreet1.list
            f 644 usr/lib/opkg/status
            f 755 usr/bin/greet
            f 755 usr/lib/opkg/info/base-files.prerm
            f 755 usr/lib/opkg/info/greeter.prerm
            f 755 usr/lib/opkg/info/libc.prerm
            f 755 usr/lib/opkg/info/libgreet1.prerm
            l 777 usr/lib/libgreet.so libgreet.so.1
            l 777 var tmp

            """, Listing(root));
        Assert.Equal(["base-files", "libc", "libgreet1", "greeter"], result.Packages.Select(p => p.Name));
        Assert.Equal(new InstalledPackage("libgreet1", "1.0-r1", "x86_64", "1", true), result.Packages[2]);
    }

    [Fact]
    public void PostinstsRunFromTheRootWithIpkgInstrootAndTheirOutputIsLogged()
    {
        var (root, result) = _temp.Install("base-files greeter");

        Assert.Equal($"greeted {root} from {root}\n", Read(root, "etc/greeted"));
        var log = File.ReadAllText(_temp.In("root.log"));
        Assert.Contains("==> postinst of greeter: ./usr/lib/opkg/info/greeter.postinst\npostinst ran\n==> exit status 0\n", log,
            StringComparison.Ordinal);
        // Each package's postinst ran, in name order.
        var order = new[] { "base-files", "greeter", "libc", "libgreet1" }
            .Select(p => log.IndexOf($"==> postinst of {p}:", StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i >= 0));
        Assert.Equal(order.Order(), order);
        Assert.True(result.ScriptsSandboxed == File.Exists("/usr/bin/bwrap"));
    }

    [Fact]
    public void AFailingPostinstStopsWithThePackageItsStatusAndItsLastOutput()
    {
        _temp.Add(new TestPackage("broken")
        {
            Scripts = new Dictionary<string, string> { ["postinst"] = "#!/bin/sh\necho checking\necho 'no such thing' >&2\nexit 3\n" },
        });

        var message = Assert.Throws<UserError>(() => _temp.Install("base-files broken")).Message;

        Assert.Equal($"postinst script of package 'broken' failed with exit status 3; its last output: checking | no such thing " +
            $"(all of it is in {_temp.In("root.log")})", message);
        // The half-made root is taken away, so that the next attempt can start.
        Assert.False(Directory.Exists(_temp.In("root")));
    }

    [Fact]
    public void APostinstCannotWriteOnTheBuildHost()
    {
        Assert.True(File.Exists("/usr/bin/bwrap"), "bubblewrap is missing: install it (apt-get install bubblewrap) to run the sandbox tests");
        // One file outside /tmp (the sandbox's /tmp is a private one, where the test's own directory is not).
        var outside = Path.Combine(AppContext.BaseDirectory, "outside-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(outside, "untouched\n");
        var marker = "/tmp/kiln-rootfs-test-" + Guid.NewGuid().ToString("N");
        _temp.Add(new TestPackage("nosy")
        {
            Scripts = new Dictionary<string, string>
            {
                ["postinst"] = $"#!/bin/sh\necho changed > {outside} 2>/dev/null && echo wrote-outside\ntouch {marker} && echo wrote-tmp\n" +
                    "echo inside > \"$IPKG_INSTROOT/etc/inside\"\nexit 0\n",
            },
        });

        var (root, result) = _temp.Install("base-files nosy");
        var after = File.ReadAllText(outside);
        File.Delete(outside);

        Assert.True(result.ScriptsSandboxed);
        Assert.Equal("untouched\n", after);
        Assert.False(File.Exists(marker));
        Assert.Equal("inside\n", Read(root, "etc/inside"));
        // /tmp in the sandbox is its own: the touch works there and is gone with it.
        Assert.Contains("wrote-tmp", File.ReadAllText(_temp.In("root.log")), StringComparison.Ordinal);
        Assert.DoesNotContain("wrote-outside", File.ReadAllText(_temp.In("root.log")), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoPackagesInstallingOnePathAreRefusedWithWhoAskedForEach()
    {
        _temp.Add(new TestPackage("greeter-tiny") { Files = new Dictionary<string, string> { ["usr/bin/greet"] = "tiny" } });

        var message = Assert.Throws<UserError>(() => _temp.Install("greeter greeter-tiny")).Message;

        Assert.Equal("packages 'greeter-tiny' and 'greeter' both install /usr/bin/greet: greeter-tiny is asked for by --packages; " +
            "greeter is asked for by --packages", message);
    }

    [Fact]
    public void APathReachedThroughALinkIsOwnedWhereItLands()
    {
        _temp.AddAll(new TestPackage("runner") { Files = new Dictionary<string, string> { ["tmp/state"] = "a" } },
            new TestPackage("varrunner") { Files = new Dictionary<string, string> { ["var/state"] = "b" } });

        var message = Assert.Throws<UserError>(() => _temp.Install("base-files runner varrunner")).Message;

        Assert.Equal("packages 'varrunner' and 'runner' both install /var/state (which is /tmp/state in the root): varrunner is asked for by " +
            "--packages; runner is asked for by --packages", message);
    }

    [Fact]
    public void AnAbsoluteLinkInTheRootIsFollowedInsideTheRootNotOnTheHost()
    {
        // A directory on the host that exists and is writable, outside /tmp (which rootfs.mk's cleanup empties in the root).
        var escape = Path.Combine(AppContext.BaseDirectory, "escape-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(escape);
        _temp.AddAll(new TestPackage("linker") { Links = new Dictionary<string, string> { ["data"] = escape } },
            new TestPackage("writer") { Depends = "linker", Files = new Dictionary<string, string> { ["data/file"] = "x" } });

        var (root, _) = _temp.Install("writer");
        var onHost = Directory.EnumerateFileSystemEntries(escape).ToList();
        Directory.Delete(escape, recursive: true);

        Assert.Empty(onHost);
        Assert.Equal(escape, new FileInfo(Path.Combine(root, "data")).LinkTarget);
        Assert.Equal("x", Read(root, escape.TrimStart('/') + "/file"));
        Assert.Equal("/data/file\n", Read(root, "usr/lib/opkg/info/writer.list"));
    }

    [Fact]
    public void RequiredUsersAndGroupsAreAddedOnceWithBaseFilesFields()
    {
        _temp.AddAll(
            new TestPackage("daemon-a") { Fields = new Dictionary<string, string> { ["Require-User"] = "alpha=370:alpha=370 shared" } },
            new TestPackage("daemon-b")
            {
                Fields = new Dictionary<string, string> { ["Require-User"] = "beta:netgrp:dialout=20,audio alpha=370:alpha=370" },
            },
            new TestPackage("daemon-c") { Fields = new Dictionary<string, string> { ["Require-User"] = "network:network" } });

        var (root, _) = _temp.Install("base-files daemon-a daemon-b daemon-c");

        Assert.Equal("root:x:0:\nnetwork:x:101:network\nalpha:x:370:alpha\nnetgrp:x:32768:beta\ndialout:x:20:beta\naudio:x:32769:beta\n",
            Read(root, "etc/group"));
        Assert.Equal("root:x:0:0:root:/root:/bin/ash\nnetwork:x:101:101:network:/var:/bin/false\nalpha:x:370:370:alpha:/var/run/alpha:/bin/false\n" +
            "shared:x:32768:32768:shared:/var/run/shared:/bin/false\nbeta:x:32769:32768:beta:/var/run/beta:/bin/false\n", Read(root, "etc/passwd"));
        Assert.Equal("root:::0:99999:7:::\nalpha:x:0:0:99999:7:::\nshared:x:0:0:99999:7:::\nbeta:x:0:0:99999:7:::\n", Read(root, "etc/shadow"));
    }

    [Fact]
    public void AccountFilesAreCreatedWhenTheRootHasNone()
    {
        _temp.Add(new TestPackage("daemon") { Fields = new Dictionary<string, string> { ["Require-User"] = "svc" } });

        var (root, _) = _temp.Install("daemon");

        Assert.Equal("svc:x:32768:32768:svc:/var/run/svc:/bin/false\n", Read(root, "etc/passwd"));
        Assert.Equal("svc:x:0:0:99999:7:::\n", Read(root, "etc/shadow"));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Combine(root, "etc/shadow")));
        Assert.False(File.Exists(Path.Combine(root, "etc/group")));
    }

    [Fact]
    public void EveryFileDirectoryAndLinkIsDatedToTheEpoch()
    {
        var (root, _) = _temp.Install("base-files greeter");

        // find's %T@ is lstat's modification time: links are dated themselves.
        var times = TestFeed.Run("find", root, "-printf", "%T@ %y %p\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(times.Length > 30);
        Assert.Contains(times, line => line.Contains(" l ", StringComparison.Ordinal));
        Assert.All(times, line => Assert.StartsWith($"{TestFeed.Epoch}.0000000000 ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameInputsGiveTheSameTree()
    {
        var (root, _) = _temp.Install("base-files greeter");
        var first = Snapshot(root);
        Directory.Delete(root, recursive: true);
        _temp.Install("base-files greeter");

        Assert.Equal(first, Snapshot(root));
        Assert.Contains("./usr/lib/opkg/status", first, StringComparison.Ordinal);
    }

    /// <summary>Every entry's type, mode, times, link target and content hash.</summary>
    private static string Snapshot(string root) =>
        TestFeed.Run("find", root, "-mindepth", "1", "-printf", "%y %m %T@ %P %l\\n") +
        TestFeed.Run("sh", "-c", $"cd {root} && find . -type f | LC_ALL=C sort | xargs sha256sum");

    [Fact]
    public void AlternativesLinkThePathToTheHighestPriorityTarget()
    {
        _temp.AddAll(
            new TestPackage("busybox")
            {
                Files = new Dictionary<string, string> { ["bin/busybox"] = "bb" },
                Links = new Dictionary<string, string> { ["bin/ls"] = "busybox" },
            },
            new TestPackage("coreutils-ls") { Files = new Dictionary<string, string> { ["usr/libexec/ls-coreutils"] = "ls" },
                Fields = new Dictionary<string, string> { ["Alternatives"] = "200:/bin/ls:/usr/libexec/ls-coreutils" } },
            new TestPackage("other-ls")
            {
                Fields = new Dictionary<string, string> { ["Alternatives"] = "100:/bin/ls:/usr/libexec/ls-other, 50:/sbin/x:/y" },
            });

        var (root, _) = _temp.Install("busybox coreutils-ls other-ls");

        Assert.Equal("/usr/libexec/ls-coreutils", new FileInfo(Path.Combine(root, "bin/ls")).LinkTarget);
        Assert.Equal("/y", new FileInfo(Path.Combine(root, "sbin/x")).LinkTarget);
        Assert.Contains("Alternatives: 100:/bin/ls:/usr/libexec/ls-other, 50:/sbin/x:/y\n", Read(root, "usr/lib/opkg/status"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void APreinstRunsBeforeThePackageIsUnpacked()
    {
        _temp.Add(new TestPackage("prepared")
        {
            Files = new Dictionary<string, string> { ["etc/prepared"] = "file" },
            Scripts = new Dictionary<string, string>
            {
                ["preinst"] = "#!/bin/sh\n[ -e \"$IPKG_INSTROOT/etc/prepared\" ] && exit 9\n" +
                    "echo \"$1 $IPKG_NO_SCRIPT $PKG_ROOT\" > \"$IPKG_INSTROOT/preinst-ran\"\n",
            },
        });

        var (root, _) = _temp.Install("prepared");

        Assert.Equal($"install 1 {root}/\n", Read(root, "preinst-ran"));
        // opkg's copy of the script lived in the root's tmp, which rootfs.mk empties.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "tmp")));
    }

    [Fact]
    public void AnIpkThatIsNotWhatTheIndexSaysIsRefused()
    {
        _temp.Index();
        var ipk = _temp.In("feed/greeter_2.0-r3_x86_64.ipk");
        File.AppendAllText(ipk, "junk");

        var message = Assert.Throws<UserError>(() => _temp.Install("greeter")).Message;

        Assert.StartsWith($"{ipk}: is not the file the feed's Packages index describes (size ", message, StringComparison.Ordinal);
        Assert.EndsWith("): the index is out of date", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRootMustBeNewOrEmpty()
    {
        var root = _temp.In("used");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "leftover"), "");

        var message = Assert.Throws<UserError>(() => _temp.Install("libc", "used")).Message;

        Assert.Equal($"{root}: not empty (a root filesystem is assembled in a new or empty directory)", message);
        Assert.True(File.Exists(Path.Combine(root, "leftover")));
    }
}
