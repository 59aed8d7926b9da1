using System.Runtime.Versioning;
using System.Text;
using Kiln.Packing.Ipk;

namespace Kiln.Packing.Tests;

/// <summary>The .ipk IpkWriter writes, read back by IpkContents and by GNU tar.</summary>
[SupportedOSPlatform("linux")]
public sealed class IpkWriterTests : IDisposable
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Plain = (UnixFileMode)0b110_100_100;

    private const string ControlText =
        "Package: foo\nVersion: 1.0-r1\nDepends: libc\nSource: feeds/base/foo\nArchitecture: mips_24kc\nDescription:  Foo does things\n and more " +
            "things\n";

    private static readonly string Library = new('L', 1000);
    private const string Program = "#!/bin/sh\necho foo\n";
    private const string Config = "config foo\n\toption enabled 1\n";

    private static readonly Dictionary<string, string> Scripts = new()
    {
        ["conffiles"] = "\n  /etc/config/foo\n\n/etc/foo.conf  \n",
        ["postinst"] = "\n\t#!/bin/sh\necho installed\n",
        ["prerm"] = "#!/bin/sh\necho removing",
        ["postrm"] = "#!/bin/sh\nrm -f /tmp/foo\n",
    };

    private readonly TemporaryDirectory _temp = new();
    private readonly string _install;

    public IpkWriterTests()
    {
        _install = _temp.In("install");
        _temp.Write("install/usr/bin/foo", Program, Executable);
        _temp.Write("install/usr/lib/libfoo.so.1", Library, Plain);
        _temp.Write("install/etc/config/foo", Config, (UnixFileMode)0b110_000_000);
        _temp.Write("install/etc/foo.conf", "", Plain);
        File.CreateSymbolicLink(_temp.In("install/usr/lib/libfoo.so"), "libfoo.so.1");
        foreach (var directory in Directory.EnumerateDirectories(_install, "*", SearchOption.AllDirectories).Append(_install))
            File.SetUnixFileMode(directory, Executable);
    }

    public void Dispose() => _temp.Dispose();

    private static int InstalledSize => Encoding.UTF8.GetByteCount(Program) + Library.Length + Encoding.UTF8.GetByteCount(Config);

    private string WriteIpk(string name = "foo_1.0-r1_mips_24kc.ipk", IReadOnlyDictionary<string, string>? scripts = null)
    {
        var output = _temp.In("out/" + name);
        IpkWriter.Write(_install, ControlFile.Parse(ControlText), scripts ?? Scripts, Time, output);
        return output;
    }

    [Fact]
    public void TheControlFileGetsTheInstalledSizeBeforeTheDescription()
    {
        var returned = IpkWriter.Write(_install, ControlFile.Parse(ControlText), Scripts, Time, _temp.In("foo.ipk"));

        var contents = IpkContents.Read(_temp.In("foo.ipk"));

        // The regular files only: 19 (foo) + 1000 (libfoo.so.1) + 29 (config) + 0 (foo.conf); not the link or the directories.
        Assert.Equal(1048, InstalledSize);
        Assert.Equal("1048", contents.Control["Installed-Size"]);
        var expected = ControlText.Replace("Description:", $"Installed-Size: {InstalledSize}\nDescription:", StringComparison.Ordinal);
        Assert.Equal(expected, contents.Control.Write());
        Assert.Equal(expected, returned.Write());
        Assert.Equal(["Package", "Version", "Depends", "Source", "Architecture", "Installed-Size", "Description"],
            contents.Control.Fields.Select(f => f.Key));
        // The second space of OpenWrt's "Description:  text" belongs to the value.
        Assert.Equal(" Foo does things\n and more things", contents.Control["Description"]);
    }

    [Fact]
    public void TheControlArchiveHoldsTheDefaultScriptsAndThePackagesOwn()
    {
        var contents = IpkContents.Read(WriteIpk());

        Assert.Equal(
        [
            ("./", Executable), ("./conffiles", Plain), ("./control", Plain), ("./postinst", Executable), ("./postinst-pkg", Executable),
            ("./postrm", Executable), ("./prerm", Executable), ("./prerm-pkg", Executable),
        ], contents.ControlEntries.Select(e => (e.Name, e.Mode)));
        string Text(string name) => Encoding.UTF8.GetString(contents.ControlEntries.Single(e => e.Name == name).Bytes!);
        Assert.Equal("/etc/config/foo\n/etc/foo.conf\n", Text("./conffiles"));
        Assert.Equal(IpkWriter.DefaultPostinst, Text("./postinst"));
        Assert.StartsWith("#!/bin/sh\n", IpkWriter.DefaultPostinst, StringComparison.Ordinal);
        Assert.Contains("default_postinst $0 $@\n", IpkWriter.DefaultPostinst, StringComparison.Ordinal);
        // The package's own scripts lose their leading blank lines and indentation and end with a newline.
        Assert.Equal("#!/bin/sh\necho installed\n", Text("./postinst-pkg"));
        Assert.Equal(IpkWriter.DefaultPrerm, Text("./prerm"));
        Assert.Contains("default_prerm $0 $@\n", IpkWriter.DefaultPrerm, StringComparison.Ordinal);
        Assert.Equal("#!/bin/sh\necho removing\n", Text("./prerm-pkg"));
        Assert.Equal("#!/bin/sh\nrm -f /tmp/foo\n", Text("./postrm"));
    }

    [Fact]
    public void APackageWithoutScriptsStillRunsTheDefaultOnes()
    {
        var contents = IpkContents.Read(WriteIpk(scripts: new Dictionary<string, string> { ["conffiles"] = " \n\n" }));

        Assert.Equal(["./", "./control", "./postinst", "./prerm"], contents.ControlEntries.Select(e => e.Name));
    }

    [Fact]
    public void APreinstIsKeptAsItIs()
    {
        var contents = IpkContents.Read(WriteIpk(scripts: new Dictionary<string, string> { ["preinst"] = "#!/bin/sh\nexit 0\n" }));

        Assert.Equal(["./", "./control", "./postinst", "./preinst", "./prerm"], contents.ControlEntries.Select(e => e.Name));
        var preinst = contents.ControlEntries.Single(e => e.Name == "./preinst");
        Assert.Equal("#!/bin/sh\nexit 0\n", Encoding.UTF8.GetString(preinst.Bytes!));
        Assert.Equal(Executable, preinst.Mode);
    }

    [Fact]
    public void TheDataArchiveIsTheInstallDirectory()
    {
        var contents = IpkContents.Read(WriteIpk());

        Assert.Equal(
        [
            "./ 755 dir",
            "./etc/ 755 dir",
            "./etc/config/ 755 dir",
            "./etc/config/foo 600 " + Convert.ToHexString(Encoding.UTF8.GetBytes(Config)),
            "./etc/foo.conf 644 ",
            "./usr/ 755 dir",
            "./usr/bin/ 755 dir",
            "./usr/bin/foo 755 " + Convert.ToHexString(Encoding.UTF8.GetBytes(Program)),
            "./usr/lib/ 755 dir",
            "./usr/lib/libfoo.so 777 -> libfoo.so.1",
            "./usr/lib/libfoo.so.1 644 " + Convert.ToHexString(Encoding.UTF8.GetBytes(Library)),
        ], Entries.Describe(contents.DataEntries));
    }

    [Fact]
    public void GnuTarReadsTheOuterTheDataAndTheControlArchives()
    {
        var ipk = WriteIpk();
        var unpacked = _temp.In("unpacked");
        Directory.CreateDirectory(unpacked);

        Assert.Equal(["./debian-binary", "./data.tar.gz", "./control.tar.gz"], Tool.Succeed(unpacked, "tar", "-tzf", ipk).TrimEnd('\n').Split('\n'));
        Tool.Succeed(unpacked, "tar", "-xzf", ipk);

        Assert.Equal("2.0\n", File.ReadAllText(Path.Combine(unpacked, "debian-binary")));
        Assert.Equal(
            ["./", "./etc/", "./etc/config/", "./etc/config/foo", "./etc/foo.conf", "./usr/", "./usr/bin/", "./usr/bin/foo", "./usr/lib/",
                "./usr/lib/libfoo.so", "./usr/lib/libfoo.so.1"],
            Tool.Succeed(unpacked, "tar", "-tzf", "data.tar.gz").TrimEnd('\n').Split('\n'));
        Assert.Equal(ControlText.Replace("Description:", $"Installed-Size: {InstalledSize}\nDescription:", StringComparison.Ordinal),
            Tool.Succeed(unpacked, "tar", "-xzOf", "control.tar.gz", "./control"));
        Assert.Equal(IpkWriter.DefaultPostinst, Tool.Succeed(unpacked, "tar", "-xzOf", "control.tar.gz", "./postinst"));
        var verbose = Tool.Succeed(unpacked, "tar", "--full-time", "-tzvf", "control.tar.gz");
        Assert.All(verbose.TrimEnd('\n').Split('\n'), line => Assert.Contains(" 0/0 ", line, StringComparison.Ordinal));
        Assert.All(verbose.TrimEnd('\n').Split('\n'), line => Assert.Contains(" 2023-11-14 22:13:20 ", line, StringComparison.Ordinal));
        Assert.Contains("-rwxr-xr-x 0/0", verbose, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameInputsGiveTheSameBytes()
    {
        var first = File.ReadAllBytes(WriteIpk("first.ipk"));
        var second = File.ReadAllBytes(WriteIpk("second.ipk"));

        Assert.Equal(first, second);
        // Nothing but the package is left in the output directory (no temporary file).
        Assert.Equal(["first.ipk", "second.ipk"], Directory.GetFiles(_temp.In("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnotherTimeGivesOtherBytes()
    {
        var first = File.ReadAllBytes(WriteIpk("first.ipk"));
        IpkWriter.Write(_install, ControlFile.Parse(ControlText), Scripts, Time.AddDays(1), _temp.In("later.ipk"));

        Assert.NotEqual(first, File.ReadAllBytes(_temp.In("later.ipk")));
    }

    [Fact]
    public void WritingAgainReplacesThePackage()
    {
        var output = WriteIpk();
        var before = File.ReadAllBytes(output);
        File.WriteAllText(_temp.In("install/usr/bin/foo"), "#!/bin/sh\necho changed and longer\n");

        WriteIpk();

        Assert.NotEqual(before, File.ReadAllBytes(output));
        Assert.Equal((InstalledSize - Program.Length + "#!/bin/sh\necho changed and longer\n".Length)
            .ToString(System.Globalization.CultureInfo.InvariantCulture),
            IpkContents.Read(output).Control["Installed-Size"]);
    }
}
