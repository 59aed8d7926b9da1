using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kiln.Packing.Feeds;
using Kiln.Packing.Ipk;
using Kiln.Packing.Signing;

namespace Kiln.Packing.Tests;

/// <summary>A feed's index: Packages.manifest, Packages, Packages.gz and the usign signature of Packages.</summary>
public sealed class FeedIndexTests : IDisposable
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private const string TinyControl =
        "Package: tiny\nVersion: 1.0\nDepends: libc\nSource: feeds/base/tiny\nSourceName: tiny\nSourceDateEpoch: 1700000000\nLicense: MIT\n" +
        "LicenseFiles: COPYING\nSection: utils\nRequire-User: tiny=123:tiny=123\nMaintainer: Someone <someone@example.org>\nArchitecture: all\n" +
        "Description:  Tiny thing\n on two lines\n";

    private const string ZzControl =
        "Package: zz\nVersion: 2.0\nSource: feeds/base/zz\nMaintainer: Other <other@example.org>\nArchitecture: all\nDescription:  Zed\n";

    private const string LibcControl =
        "Package: libc\nVersion: 1.2\nSource: package/libs/toolchain\nArchitecture: all\nDescription:  The C library\n";

    private readonly TemporaryDirectory _temp = new();
    private readonly string _feed;

    public FeedIndexTests()
    {
        _feed = _temp.In("feed");
        // By path "sub/zz_2.0_all.ipk" comes before "tiny_1.0_all.ipk" ('s' < 't'), though "tiny" sorts before "zz".
        Pack("tiny", TinyControl, "tiny_1.0_all.ipk", ("usr/bin/tiny", "#!/bin/sh\n"));
        Pack("zz", ZzControl, "sub/zz_2.0_all.ipk", ("usr/share/zz/a", "aaaa"), ("usr/share/zz/b", "bbbbbbbb"));
        Pack("libc", LibcControl, "libc_1.2_all.ipk", ("lib/libc.so", new string('c', 300)));
        _temp.Write("feed/notes.txt", "not a package\n");
    }

    public void Dispose() => _temp.Dispose();

    private void Pack(string name, string control, string file, params (string Path, string Text)[] files)
    {
        var install = _temp.In("install-" + name);
        Directory.CreateDirectory(install);
        foreach (var (path, text) in files) _temp.Write($"install-{name}/{path}", text);
        IpkWriter.Write(install, ControlFile.Parse(control), new Dictionary<string, string>(), Time, Path.Combine(_feed, file));
    }

    private string Fields(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(_feed, file));
        return $"Filename: {file}\nSize: {bytes.Length}\nSHA256sum: {Convert.ToHexStringLower(SHA256.HashData(bytes))}\n";
    }

    private string ExpectedPackages =>
        "Package: zz\nVersion: 2.0\nArchitecture: all\nInstalled-Size: 12\n" + Fields("sub/zz_2.0_all.ipk") + "Description:  Zed\n\n" +
        "Package: tiny\nVersion: 1.0\nDepends: libc\nLicense: MIT\nSection: utils\nArchitecture: all\nInstalled-Size: 10\n"
            + Fields("tiny_1.0_all.ipk") +
        "Description:  Tiny thing\n on two lines\n\n";

    private string ExpectedManifest =>
        ZzControl.Replace("Description:", "Installed-Size: 12\n" + Fields("sub/zz_2.0_all.ipk") + "Description:", StringComparison.Ordinal) + "\n" +
        TinyControl.Replace("Description:", "Installed-Size: 10\n" + Fields("tiny_1.0_all.ipk") + "Description:", StringComparison.Ordinal) + "\n";

    [Fact]
    public void TheManifestListsEveryPackageButLibcInPathOrder()
    {
        var count = FeedIndex.Write(_feed, null);

        Assert.Equal(2, count);
        var manifest = File.ReadAllText(Path.Combine(_feed, "Packages.manifest"));
        Assert.Equal(ExpectedManifest, manifest);
        Assert.DoesNotContain("Package: libc", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void PackagesLeavesOutTheFieldsDevicesDoNotNeed()
    {
        FeedIndex.Write(_feed, null);

        var packages = File.ReadAllText(Path.Combine(_feed, "Packages"));
        var manifest = File.ReadAllText(Path.Combine(_feed, "Packages.manifest"));
        Assert.Equal(ExpectedPackages, packages);
        foreach (var field in new[] { "Maintainer: ", "Source: ", "SourceName: ", "SourceDateEpoch: ", "LicenseFiles: ", "Require-User: " })
        {
            Assert.Contains("\n" + field, manifest, StringComparison.Ordinal);
            Assert.DoesNotContain("\n" + field, packages, StringComparison.Ordinal);
        }
        // License is not LicenseFiles: it stays.
        Assert.Contains("\nLicense: MIT\n", packages, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeAndHashAreThoseOfTheFiles()
    {
        FeedIndex.Write(_feed, null);

        var stanzas = File.ReadAllText(Path.Combine(_feed, "Packages")).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(ControlFile.Parse)
            .ToList();
        Assert.Equal(["zz", "tiny"], stanzas.Select(s => s["Package"]));
        foreach (var stanza in stanzas)
        {
            var path = Path.Combine(_feed, stanza["Filename"]!);
            Assert.Equal(new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), stanza["Size"]);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), stanza["SHA256sum"]);
            Assert.Equal(64, stanza["SHA256sum"]!.Length);
            // Filename, Size and SHA256sum come right before the Description.
            Assert.Equal(["Filename", "Size", "SHA256sum", "Description"], stanza.Fields.Select(f => f.Key).TakeLast(4));
        }
    }

    [Fact]
    public void PackagesGzIsPackagesAndGzipAgrees()
    {
        FeedIndex.Write(_feed, null);

        var packages = File.ReadAllBytes(Path.Combine(_feed, "Packages"));
        using (var gzip = new GZipStream(File.OpenRead(Path.Combine(_feed, "Packages.gz")), CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            gzip.CopyTo(copy);
            Assert.Equal(packages, copy.ToArray());
        }
        Assert.Equal(Encoding.UTF8.GetString(packages), Tool.Succeed(_feed, "gzip", "-dc", "Packages.gz"));
    }

    [Fact]
    public void WithoutAKeyThereIsNoSignature()
    {
        FeedIndex.Write(_feed, null);

        Assert.False(File.Exists(Path.Combine(_feed, "Packages.sig")));
        Assert.Equal(["Packages", "Packages.gz", "Packages.manifest", "libc_1.2_all.ipk", "notes.txt", "sub", "tiny_1.0_all.ipk"],
            Directory.GetFileSystemEntries(_feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PackagesSigVerifiesWithUsignAndSignify()
    {
        var (secret, publicText) = Usign.Generate("feed test");
        File.WriteAllText(_temp.In("feed.pub"), publicText);

        FeedIndex.Write(_feed, Usign.ReadSecret(secret, "feed.sec"));

        var packages = File.ReadAllBytes(Path.Combine(_feed, "Packages"));
        var signature = File.ReadAllText(Path.Combine(_feed, "Packages.sig"));
        var publicKey = Usign.ReadPublic(publicText, "feed.pub");
        Assert.Null(Usign.Verify(packages, signature, publicKey, "Packages.sig"));
        Assert.Equal($"untrusted comment: signed by key {publicKey.Fingerprint}\n", signature[..(signature.IndexOf('\n') + 1)]);

        Tool.RequireSignify();
        var verified = Tool.Succeed(_feed, Tool.Signify, "-V", "-p", _temp.In("feed.pub"), "-x", "Packages.sig", "-m", "Packages");
        Assert.Contains("Signature Verified", verified, StringComparison.Ordinal);

        // signify notices a changed index.
        File.AppendAllText(Path.Combine(_feed, "Packages"), "Package: injected\n\n");
        Assert.NotEqual(0, Tool.Run(_feed, Tool.Signify, "-V", "-q", "-p", _temp.In("feed.pub"), "-x", "Packages.sig", "-m", "Packages").ExitCode);
    }

    [Fact]
    public void IndexingAgainGivesTheSameFiles()
    {
        FeedIndex.Write(_feed, null);
        var first = new[] { "Packages", "Packages.gz", "Packages.manifest" }.Select(f => File.ReadAllBytes(Path.Combine(_feed, f))).ToList();

        FeedIndex.Write(_feed, null);

        Assert.Equal(first, new[] { "Packages", "Packages.gz", "Packages.manifest" }.Select(f => File.ReadAllBytes(Path.Combine(_feed, f))));
    }

    [Fact]
    public void KernelPackagesAreLeftOutByFileName()
    {
        Pack("kernel", "Package: kernel\nVersion: 6.6\nArchitecture: all\nDescription:  Linux\n", "kernel_6.6_all.ipk", ("boot/k", "k"));
        // Only the part before the first '_' counts: libc-dev is a package of its own.
        Pack("libc-dev", "Package: libc-dev\nVersion: 1\nArchitecture: all\nDescription:  Headers\n", "libc-dev_1_all.ipk", ("usr/include/h", "h"));

        Assert.Equal(3, FeedIndex.Write(_feed, null));

        var names = File.ReadAllText(Path.Combine(_feed, "Packages")).Split('\n').Where(l => l.StartsWith("Package: ", StringComparison.Ordinal));
        Assert.Equal(["Package: libc-dev", "Package: zz", "Package: tiny"], names);
    }

    [Fact]
    public void AnEmptyFeedGetsEmptyButValidIndexFiles()
    {
        var empty = _temp.In("empty");
        Directory.CreateDirectory(empty);

        Assert.Equal(0, FeedIndex.Write(empty, null));

        Assert.Empty(File.ReadAllBytes(Path.Combine(empty, "Packages")));
        Assert.Empty(File.ReadAllBytes(Path.Combine(empty, "Packages.manifest")));
        Assert.Equal("", Tool.Succeed(empty, "gzip", "-dc", "Packages.gz"));
        Tool.Succeed(empty, "gzip", "-t", "Packages.gz");
    }

    /// <summary>
    /// usign (on the devices) mishandles messages whose length plus 64 is 110 or 111 modulo 128;
    /// OpenWrt's package/Makefile then appends two newlines ({ echo ""; echo ""; } >> Packages).
    /// Each case finds the description length that lands the unpadded index on that remainder.
    /// </summary>
    [Theory]
    [InlineData(110)]
    [InlineData(111)]
    public void AnIndexOfAnAwkwardLengthIsPaddedAsOpenWrtPadsIt(int remainder)
    {
        for (var length = 1; length <= 200; length++)
        {
            var feed = _temp.In($"awkward-{length}");
            var install = _temp.In($"install-awkward-{length}");
            Directory.CreateDirectory(install);
            IpkWriter.Write(install, ControlFile.Parse($"Package: a\nVersion: 1\nArchitecture: all\nDescription:  {new string('d', length)}\n"),
                new Dictionary<string, string>(), Time, Path.Combine(feed, "a_1_all.ipk"));
            FeedIndex.Write(feed, null);
            var packages = File.ReadAllText(Path.Combine(feed, "Packages"));
            var unpadded = packages.TrimEnd('\n') + "\n\n";
            if ((64 + unpadded.Length) % 128 != remainder) continue;

            Assert.Equal(unpadded + "\n\n", packages);
            Assert.DoesNotContain((64 + packages.Length) % 128, new[] { 110, 111 });
            return;
        }
        Assert.Fail($"no description length gave an index of remainder {remainder}");
    }

    [Fact]
    public void AnIndexOfAnOrdinaryLengthIsNotPadded()
    {
        FeedIndex.Write(_feed, null);

        var packages = File.ReadAllText(Path.Combine(_feed, "Packages"));
        Assert.DoesNotContain((64 + packages.Length) % 128, new[] { 110, 111 });
        Assert.EndsWith("lines\n\n", packages, StringComparison.Ordinal);
    }
}
