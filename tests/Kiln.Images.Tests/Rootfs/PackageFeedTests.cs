using Kiln.Core.Errors;
using Kiln.Images.Rootfs;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>What a list of package directories offers: from Packages indexes or .ipk files, one package per name.</summary>
public sealed class PackageFeedTests : IDisposable
{
    private readonly TestFeed _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ADirectoryWithoutAnIndexOffersEveryIpkOfTheArchitectureAllOrNoarch()
    {
        _temp.AddAll(new TestPackage("greeter", "1.0-r1", "x86_64"), new TestPackage("data", "2", "all"), new TestPackage("old", "1", "noarch"),
            new TestPackage("mips-only", "1", "mips_24kc"));
        Directory.CreateDirectory(_temp.In("feed/sub"));
        _temp.Add(new TestPackage("nested", "3", "all"), _temp.In("feed/sub"));

        var feed = _temp.Read();

        Assert.Equal(["data", "greeter", "nested", "old"], feed.Packages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(_temp.In("feed/greeter_1.0-r1_x86_64.ipk"), feed.Find("greeter")!.IpkPath);
        Assert.Null(feed.Find("mips-only"));
        Assert.Equal([("feed", "mips_24kc")], feed.OtherArchitecturesOf("mips-only"));
        // A feed is named by its directory, for explanations.
        Assert.Equal("feed", feed.Find("nested")!.Feed);
    }

    [Fact]
    public void TheHigherVersionWinsAndOnEqualVersionsTheFirstDirectory()
    {
        var first = _temp.In("first");
        var second = _temp.In("second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        _temp.Add(new TestPackage("tool", "1.9-r1"), first);
        _temp.Add(new TestPackage("tool", "1.10-r1"), second);
        _temp.Add(new TestPackage("same", "1-r1") { Depends = "from-first" }, first);
        _temp.Add(new TestPackage("same", "1-r1") { Depends = "from-second" }, second);

        var feed = PackageFeed.Read([first, second], "x86_64");

        Assert.Equal("1.10-r1", feed.Find("tool")!.Version.ToString());
        Assert.Equal("from-first", feed.Find("same")!.Depends[0].ToString());
    }

    [Fact]
    public void AnIndexIsReadInsteadOfTheFilesAndTheKernelAndLibcItLeavesOutAreAdded()
    {
        _temp.AddAll(new TestPackage("libc", "1.2.5-r4", "x86_64"), new TestPackage("kernel", "6.6.1~abc-r1", "x86_64"),
            new TestPackage("greeter", "1", "x86_64") { Depends = "libc" });
        _temp.Index();
        // Only what the index lists counts: a file added after indexing is not offered.
        _temp.Add(new TestPackage("late", "1"));

        var feed = _temp.Read();

        Assert.Equal(["greeter", "kernel", "libc"], feed.Packages.Select(p => p.Name));
        Assert.NotNull(feed.Find("greeter")!.IndexedSha256);
        Assert.Null(feed.Find("libc")!.IndexedSha256);
    }

    [Fact]
    public void ProvidersOfANameAreListedByName()
    {
        _temp.AddAll(new TestPackage("zz", "1") { Provides = "virt" }, new TestPackage("aa", "1") { Provides = "virt, other" },
            new TestPackage("virt", "1"));

        var feed = _temp.Read();

        Assert.Equal(["aa", "virt", "zz"], feed.Answering("virt").Select(p => p.Name));
        Assert.Equal(["aa"], feed.Answering("other").Select(p => p.Name));
        Assert.Empty(feed.Answering("nothing"));
    }

    [Fact]
    public void MissingDirectoriesAndIndexEntriesLeadingOutsideAreRefused()
    {
        Assert.Equal($"{_temp.In("nope")}: no such package directory",
            Assert.Throws<UserError>(() => PackageFeed.Read([_temp.In("nope")], "x86_64")).Message);
        Directory.CreateDirectory(_temp.Feed);
        File.WriteAllText(_temp.In("feed/Packages"), "Package: evil\nVersion: 1\nArchitecture: all\nFilename: ../../evil.ipk\n\n");
        Assert.Equal($"{_temp.In("feed/Packages")}: Filename ../../evil.ipk points outside {_temp.Feed}",
            Assert.Throws<UserError>(() => _temp.Read()).Message);
    }
}
