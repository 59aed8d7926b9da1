using Kiln.Core.Errors;
using Kiln.Packages.Feeds;

namespace Kiln.Packages.Tests;

public sealed class FeedListTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("kiln-feeds-").FullName;

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    [Fact]
    public void ConfiguredFeedsComeFirstInTheirOrderThenTheRest()
    {
        foreach (var feed in new[] { "alpha", "beta", "gamma" }) Directory.CreateDirectory(Path.Combine(_tree, "feeds", feed));
        File.WriteAllText(Path.Combine(_tree, "feeds.conf.default"),
            "src-git gamma https://example.org/gamma.git\n# src-git alpha commented out\nsrc-link missing /nowhere\n\nsrc-git beta " +
                "https://example.org/beta.git;main\n");
        Assert.Equal(["gamma", "beta", "alpha"], FeedList.Read(_tree));
    }

    [Fact]
    public void FeedsConfOverridesTheDefault()
    {
        foreach (var feed in new[] { "alpha", "beta" }) Directory.CreateDirectory(Path.Combine(_tree, "feeds", feed));
        File.WriteAllText(Path.Combine(_tree, "feeds.conf.default"), "src-git alpha x\nsrc-git beta y\n");
        File.WriteAllText(Path.Combine(_tree, "feeds.conf"), "src-git beta y\n");
        Assert.Equal(["beta", "alpha"], FeedList.Read(_tree));
    }

    [Fact]
    public void TheBaseLinkToPackageIsNoFeed()
    {
        Directory.CreateDirectory(Path.Combine(_tree, "package"));
        Directory.CreateDirectory(Path.Combine(_tree, "feeds", "alpha"));
        Directory.CreateSymbolicLink(Path.Combine(_tree, "feeds", "base"), "../package");
        Assert.Equal(["alpha"], FeedList.Read(_tree));
    }

    [Fact]
    public void ATreeWithoutFeedsHasNone() => Assert.Empty(FeedList.Read(_tree));

    [Fact]
    public void ALineThatIsNoFeedIsAnErrorNamingIt()
    {
        File.WriteAllText(Path.Combine(_tree, "feeds.conf"), "src-git good https://example.org/good.git\n\nsrc-git bad-name https://example.org\n");
        var error = Assert.Throws<UserError>(() => FeedList.Configured(_tree));
        Assert.Equal("feeds.conf:3: not a feed line (expected src-METHOD NAME SOURCE, NAME letters, digits and _): src-git bad-name https://example.org",
            error.Reason);
    }

    [Fact]
    public void AFeedDeclaredTwiceIsAnError()
    {
        File.WriteAllText(Path.Combine(_tree, "feeds.conf"), "src-git one a\nsrc-link one b\n");
        Assert.Equal("feeds.conf:2: feed 'one' is declared twice", Assert.Throws<UserError>(() => FeedList.Configured(_tree)).Reason);
    }

    [Fact]
    public void IncludedFilesAndFlagsAreRead()
    {
        File.WriteAllText(Path.Combine(_tree, "more.conf"), "src-link --force local /srv/local\n");
        File.WriteAllText(Path.Combine(_tree, "feeds.conf"), "src-git packages https://example.org/packages.git;main # the packages\nsrc-include more more.conf\n");
        var feeds = FeedList.Configured(_tree)!;
        Assert.Equal([("git", "packages", "https://example.org/packages.git;main", false), ("link", "local", "/srv/local", true)],
            feeds.Select(f => (f.Method, f.Name, string.Join(' ', f.Uris), f.Force)));
    }
}
