using Kiln.Packages.Feeds;

namespace Kiln.Packages.Tests;

public sealed class FeedsBuildInfoTests : IDisposable
{
    private readonly string _top = Directory.CreateTempSubdirectory("kiln-feeds-").FullName;

    public void Dispose() => Directory.Delete(_top, recursive: true);

    private static string Git(string directory, params string[] arguments) => TestGit.Run(directory, arguments);

    [Fact]
    public void EachFeedIsListedAsFeedsListFsListsIt_AGitCheckoutPinnedToItsRevision()
    {
        File.WriteAllText(Path.Combine(_top, "feeds.conf.default"), """
            src-git packages https://git.openwrt.org/feed/packages.git;openwrt-24.10
            # a comment, and a feed that is a link to a local directory
            src-link local /srv/feeds/local
            src-git luci https://git.openwrt.org/project/luci.git^0123abc
            src-git routing https://git.openwrt.org/feed/routing.git;openwrt-24.10

            """);
        var packages = Directory.CreateDirectory(Path.Combine(_top, "feeds", "packages")).FullName;
        Git(packages, "init", "-q");
        File.WriteAllText(Path.Combine(packages, "README"), "feed\n");
        Git(packages, "add", "README");
        Git(packages, "commit", "-q", "-m", "first");
        var revision = Git(packages, "rev-parse", "HEAD");
        Directory.CreateDirectory(Path.Combine(_top, "feeds", "local"));
        // A checkout without its .git (an exported copy) has no revision to pin: "local".
        Directory.CreateDirectory(Path.Combine(_top, "feeds", "routing"));

        Assert.Equal(
            $"src-git packages https://git.openwrt.org/feed/packages.git^{revision}\n" +
            "src-link local /srv/feeds/local\n" +
            "src-git luci https://git.openwrt.org/project/luci.git^0123abc\n" +
            "src-git routing https://git.openwrt.org/feed/routing.git;openwrt-24.10\n",
            FeedsBuildInfo.Text(_top));
    }

    [Fact]
    public void ATreeWithoutFeedsConfHasNone() => Assert.Null(FeedsBuildInfo.Text(_top));
}
