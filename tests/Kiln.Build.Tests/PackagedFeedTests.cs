using System.Formats.Tar;
using System.IO.Compression;
using Kiln.Packing.Ipk;
using Kiln.Packing.Signing;

namespace Kiln.Build.Tests;

/// <summary>The .ipk files and the signed index a build of the example feed writes.</summary>
public sealed class PackagedFeedTests(ExampleBuild build) : IClassFixture<ExampleBuild>
{
    private string Feed => build.Tree.In("bin/packages/mips_24kc/base");

    private IpkContents Ipk(string prefix) => IpkContents.Read(Directory.GetFiles(Feed, prefix + "_*.ipk").Single());

    [Fact]
    public void TheFeedHoldsEveryPackageUnderItsInstalledName()
    {
        Assert.Equal(
            ["greet-test_1.4.0-r2_mips_24kc.ipk", "greeter-lite_2025.03.14~3c1f0d2b-r1_mips_24kc.ipk", "greeter_2025.03.14~3c1f0d2b-r1_mips_24kc.ipk",
                "libgreet1_1.4.0-r2_mips_24kc.ipk"],
            Directory.GetFiles(Feed, "*.ipk").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(build.Tree.In("bin/targets/demo/small/packages/libc_2.36_mips_24kc.ipk")));
        Assert.True(File.Exists(build.Tree.In("bin/packages/x86_64/base/greeter_2025.03.14~3c1f0d2b-r1_x86_64.ipk")));
    }

    [Fact]
    public void ControlFieldsComeInOpenWrtsOrderWithTheResolvedDependencies()
    {
        var greeter = Ipk("greeter");
        Assert.Equal(["Package", "Version", "Depends", "Source", "SourceName", "License", "Section", "URL", "Architecture", "Installed-Size",
            "Description"],
            greeter.Control.Fields.Select(f => f.Key));
        Assert.Equal("greeter", greeter.Control["Package"]);
        Assert.Equal("2025.03.14~3c1f0d2b-r1", greeter.Control["Version"]);
        // +libc is added to every package; libgreet is installed under its ABI name.
        Assert.Equal("libc, libgreet1", greeter.Control["Depends"]);
        Assert.Equal("feeds/base/utils/greeter", greeter.Control["Source"]);
        Assert.Equal("mips_24kc", greeter.Control["Architecture"]);
        Assert.Equal(" Greets whoever logs in", greeter.Control["Description"]);
        Assert.Equal(greeter.DataEntries.Where(e => e.Bytes is not null).Sum(e => e.Bytes!.Length)
            .ToString(System.Globalization.CultureInfo.InvariantCulture), greeter.Control["Installed-Size"]);

        var library = Ipk("libgreet1");
        Assert.Equal("libgreet1", library.Control["Package"]);
        Assert.Equal("libgreet", library.Control["Provides"]);
        Assert.Equal("1", library.Control["ABIVersion"]);
        Assert.Equal("COPYING", library.Control["LicenseFiles"]);
        Assert.Equal("Example Maintainer <maintainer@example.org>", library.Control["Maintainer"]);
        Assert.Equal(" A small library that composes greetings,\n in several languages.", library.Control["Description"]);

        var lite = Ipk("greeter-lite");
        Assert.Equal("greeter", lite.Control["Conflicts"]);
        Assert.Equal("greeter", lite.Control["Provides"]);
    }

    [Fact]
    public void FilesModesAndLinksAreThoseOfTheInstallDirectory()
    {
        var greeter = Ipk("greeter");
        Assert.Equal(["./", "./etc/", "./etc/config/", "./etc/config/greeter", "./etc/init.d/", "./etc/init.d/greeter", "./usr/", "./usr/bin/",
            "./usr/bin/greeter"],
            greeter.DataEntries.Select(e => e.Name));
        Assert.Equal((UnixFileMode)0b110_000_000, greeter.DataEntries.Single(e => e.Name == "./etc/config/greeter").Mode);
        Assert.Equal((UnixFileMode)0b111_101_101, greeter.DataEntries.Single(e => e.Name == "./usr/bin/greeter").Mode);
        Assert.Equal(File.ReadAllBytes(build.MipsPackage("greeter") + "/usr/bin/greeter"),
            greeter.DataEntries.Single(e => e.Name == "./usr/bin/greeter").Bytes);

        var library = Ipk("libgreet1");
        Assert.Equal("libgreet.so.1.4.0", library.DataEntries.Single(e => e.Name == "./usr/lib/libgreet.so.1").LinkTarget);
    }

    [Fact]
    public void ControlArchiveHoldsConffilesAndTheDefaultScripts()
    {
        var greeter = Ipk("greeter");
        Assert.Equal(["./", "./conffiles", "./control", "./postinst", "./prerm"], greeter.ControlEntries.Select(e => e.Name));
        Assert.Equal("/etc/config/greeter\n",
            System.Text.Encoding.UTF8.GetString(greeter.ControlEntries.Single(e => e.Name == "./conffiles").Bytes!));
        Assert.Equal(IpkWriter.DefaultPostinst,
            System.Text.Encoding.UTF8.GetString(greeter.ControlEntries.Single(e => e.Name == "./postinst").Bytes!));
        Assert.Equal((UnixFileMode)0b111_101_101, greeter.ControlEntries.Single(e => e.Name == "./prerm").Mode);
    }

    [Fact]
    public void EveryEntryIsOwnedByRootAndDatedTheSame()
    {
        foreach (var ipk in Directory.GetFiles(Feed, "*.ipk"))
            foreach (var member in new[] { "./data.tar.gz", "./control.tar.gz" })
            {
                using var outer = new TarReader(new GZipStream(File.OpenRead(ipk), CompressionMode.Decompress));
                TarEntry? entry;
                while ((entry = outer.GetNextEntry()) is not null && entry.Name != member) { }
                using var inner = new TarReader(new GZipStream(entry!.DataStream!, CompressionMode.Decompress));
                while (inner.GetNextEntry() is { } file)
                {
                    Assert.Equal((0, 0), (file.Uid, file.Gid));
                    Assert.Equal(DateTimeOffset.UnixEpoch, file.ModificationTime);
                }
            }
    }

    [Fact]
    public void TheIndexListsThePackagesAndItsSignatureVerifies()
    {
        var packages = File.ReadAllText(Path.Combine(Feed, "Packages"));
        Assert.Equal(4, packages.Split("\nPackage: ").Length);
        Assert.Contains("Filename: greeter_2025.03.14~3c1f0d2b-r1_mips_24kc.ipk\n", packages);
        Assert.DoesNotContain("Maintainer:", packages);
        Assert.Contains("Maintainer:", File.ReadAllText(Path.Combine(Feed, "Packages.manifest")));

        var signature = File.ReadAllText(Path.Combine(Feed, "Packages.sig"));
        Assert.Null(Usign.Verify(File.ReadAllBytes(Path.Combine(Feed, "Packages")), signature, BuildKey.Public(build.Tree.Top), "Packages.sig"));
        var (status, output) = Builds.Execute("signify-openbsd", "-V", "-p", BuildKey.PublicPath(build.Tree.Top), "-x",
            Path.Combine(Feed, "Packages.sig"), "-m", Path.Combine(Feed, "Packages"));
        Assert.True(status == 0, output);
    }

    [Fact]
    public void TarHeadersLeaveTheFieldsOpkgReadsAsANamePrefixEmpty()
    {
        // opkg's tar reader takes header bytes 345-499 for the POSIX name prefix (GNU tar keeps
        // access and change times there); anything but NULs would rename every member.
        var ipk = File.ReadAllBytes(Directory.GetFiles(Feed, "greeter_*.ipk").Single());
        var outer = Gunzip(ipk);
        foreach (var (name, data) in Members(outer))
        {
            if (name.EndsWith(".tar.gz", StringComparison.Ordinal)) _ = Members(Gunzip(data)).ToList();
        }

        static IEnumerable<(string Name, byte[] Data)> Members(byte[] tar)
        {
            for (var at = 0; at + 512 <= tar.Length && tar[at] != 0;)
            {
                Assert.All(tar[(at + 345)..(at + 500)], b => Assert.Equal(0, b));
                var name = System.Text.Encoding.ASCII.GetString(tar, at, 100).TrimEnd('\0');
                var size = Convert.ToInt64(System.Text.Encoding.ASCII.GetString(tar, at + 124, 11).Trim('\0', ' '), 8);
                yield return (name, tar[(at + 512)..(at + 512 + (int)size)]);
                at += 512 + (int)((size + 511) / 512 * 512);
            }
        }

        static byte[] Gunzip(byte[] bytes)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)) gzip.CopyTo(output);
            return output.ToArray();
        }
    }
}
