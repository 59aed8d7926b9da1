using Kiln.Core.Errors;
using Kiln.Make.Text;
using Kiln.Packages.Feeds;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Tests;

/// <summary>
/// scripts/feeds' update, install, uninstall, list and feed_config on a small tree: package/ has
/// liba; the feed (a directory beside the tree) has foo (needing bar and liba), bar (building with
/// baz), and qux, which nothing needs.
/// </summary>
public sealed class FeedsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kiln-feeds-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _messages = new();

    public FeedsTests()
    {
        Package("tree/package/libs/liba", "liba");
        Package("feed/net/foo", "foo", depends: "+bar +liba");
        Package("feed/libs/bar", "bar", extra: "PKG_BUILD_DEPENDS:=baz/host");
        Package("feed/utils/baz", "baz");
        Package("feed/utils/qux", "qux", title: "Qux, the last one");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Top => Path.Combine(_root, "tree");

    private string Feed => Path.Combine(_root, "feed");

    private void Package(string directory, string name, string depends = "", string extra = "", string title = "")
    {
        Directory.CreateDirectory(Path.Combine(_root, directory));
        File.WriteAllText(Path.Combine(_root, directory, "Makefile"), $"""
            include $(TOPDIR)/rules.mk
            PKG_NAME:={name}
            PKG_VERSION:=1
            PKG_RELEASE:=1
            {extra}
            include $(INCLUDE_DIR)/package.mk
            define Package/{name}
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:={(title.Length > 0 ? title : "The " + name + " package")}
              DEPENDS:={depends}
            endef
            $(eval $(call BuildPackage,{name}))

            """);
    }

    private void FeedsConf(string text) => File.WriteAllText(Path.Combine(Top, "feeds.conf"), text);

    private ScanOptions Scan(string directory) => new(Top, directory);

    private IReadOnlyList<ConfiguredFeed> Configured => FeedList.Required(Top);

    private void Update()
    {
        Directory.CreateDirectory(Path.Combine(Top, "feeds"));
        foreach (var feed in Configured)
        {
            FeedCheckout.Update(Top, feed, _messages);
            Assert.Empty(FeedMetadata.Write(Scan("feeds/" + feed.Name), feed.Name));
        }
    }

    private FeedInstaller Installer() => new(Scan("package"), Configured, _output, _messages);

    private string[] Installed() =>
        Directory.Exists(Path.Combine(Top, "package", "feeds"))
            ? Directory.GetFileSystemEntries(Path.Combine(Top, "package", "feeds"), "*", SearchOption.AllDirectories)
                .Where(p => new FileInfo(p).LinkTarget is not null)
                .Select(p => Path.GetRelativePath(Top, p) + " -> " + new FileInfo(p).LinkTarget).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static string Git(string directory, params string[] arguments) => TestGit.Run(directory, arguments);

    [Fact]
    public void UpdateFromALinkWritesTheIndexAsTheScanPrintsIt()
    {
        FeedsConf($"src-link extra {Feed}\n");
        Update();
        Assert.Equal(Feed, new FileInfo(Path.Combine(Top, "feeds", "extra")).LinkTarget);
        Assert.Equal("extra.tmp/.packageinfo", new FileInfo(Path.Combine(Top, "feeds", "extra.index")).LinkTarget);
        Assert.Equal("extra.tmp/.targetinfo", new FileInfo(Path.Combine(Top, "feeds", "extra.targetindex")).LinkTarget);
        var dump = string.Concat(new MetadataScanner(Scan("feeds/extra")).Run().Makefiles.Select(m => m.Block));
        Assert.Equal(dump, ByteText.Encoding.GetString(File.ReadAllBytes(Path.Combine(Top, "feeds", "extra.index"))));
        Assert.Contains("Source-Makefile: feeds/extra/net/foo/Makefile\n", dump);
        Assert.Equal($"{Feed}\n", File.ReadAllText(Path.Combine(Top, "feeds", "extra.tmp", "location")));
    }

    [Fact]
    public void UpdateFromACopyCopiesTheFeed()
    {
        FeedsConf("src-cpy extra ../feed\n");
        Update();
        var copy = Path.Combine(Top, "feeds", "extra");
        Assert.Null(new FileInfo(copy).LinkTarget);
        Assert.True(File.Exists(Path.Combine(copy, "net", "foo", "Makefile")));
        Assert.Equal(["bar", "baz", "foo", "qux"], FeedMetadata.Read(Top, "extra")!.Sources.Select(s => s.Name).Order());
    }

    [Fact]
    public void UpdateClonesALocalGitRepositoryAtItsBranch_ThenPullsIt()
    {
        Git(Feed, "init", "-q", "-b", "main");
        Git(Feed, "add", ".");
        Git(Feed, "commit", "-q", "-m", "first");
        Git(Feed, "checkout", "-q", "-b", "stable");
        Package("feed/utils/stable-only", "stable-only");
        Git(Feed, "add", ".");
        Git(Feed, "commit", "-q", "-m", "stable");
        Git(Feed, "checkout", "-q", "main");
        FeedsConf($"src-git extra file://{Feed};stable\n");
        Update();
        var clone = Path.Combine(Top, "feeds", "extra");
        Assert.Equal("stable", Git(clone, "rev-parse", "--abbrev-ref", "HEAD"));
        Assert.Equal("1", Git(clone, "rev-list", "--count", "HEAD"));
        Assert.Contains(FeedMetadata.Read(Top, "extra")!.Sources, s => s.Name == "stable-only");

        Git(Feed, "checkout", "-q", "stable");
        Package("feed/utils/later", "later");
        Git(Feed, "add", ".");
        Git(Feed, "commit", "-q", "-m", "later");
        Update();
        Assert.Contains(FeedMetadata.Read(Top, "extra")!.Sources, s => s.Name == "later");
        Assert.Equal(Git(Feed, "rev-parse", "HEAD"), FeedCheckout.Revision(Top, Configured[0]));
    }

    [Fact]
    public void InstallingAPackageInstallsWhatItNeedsFromTheFeed_NotWhatPackageHas()
    {
        FeedsConf($"src-link extra {Feed}\n");
        Update();
        Installer().Install(["foo"], null, force: false);
        Assert.Equal([
            "package/feeds/extra/bar -> ../../../feeds/extra/libs/bar",
            "package/feeds/extra/baz -> ../../../feeds/extra/utils/baz",
            "package/feeds/extra/foo -> ../../../feeds/extra/net/foo",
        ], Installed());
        Assert.Equal("Installing package 'foo' from extra\nWARNING: No feed for package 'libc' found\nInstalling package 'bar' from extra\n" +
            "Installing package 'baz' from extra\nWARNING: No feed for package 'libc' found\nWARNING: No feed for package 'libc' found\n",
            _messages.ToString().Replace("Updating feed 'extra' from '" + Feed + "' ...\n", ""));
    }

    [Fact]
    public void APackageOfPackageIsOverriddenOnlyWithForce()
    {
        Package("feed/libs/liba", "liba", title: "The feed's liba");
        FeedsConf($"src-link extra {Feed}\n");
        Update();
        Installer().Install(["liba"], null, force: false);
        Assert.Empty(Installed());
        Assert.Contains("WARNING: Not overriding core package 'liba'; use -f to force\n", _messages.ToString());
        Installer().Install(["liba"], null, force: true);
        Assert.Equal(["package/feeds/extra/liba -> ../../../feeds/extra/libs/liba"], Installed());
        var liba = TreePackages.Read(Top, Scan).Sources.Single(s => s.Name == "liba");
        Assert.Equal(("extra", "package/feeds/extra/liba"), (liba.Feed, liba.Directory));
    }

    [Fact]
    public void InstallAllThenUninstall()
    {
        FeedsConf($"src-link extra {Feed}\n");
        Update();
        Installer().InstallAll(null, force: false);
        Assert.Equal("Installing all packages from feed extra.\n", _output.ToString());
        Assert.Equal(["bar", "baz", "foo", "qux"], Installed().Select(l => l.Split(' ')[0].Split('/')[^1]));

        FeedInstaller.Uninstall(Top, ["qux", "nothere"], _messages);
        Assert.Equal(["bar", "baz", "foo"], Installed().Select(l => l.Split(' ')[0].Split('/')[^1]));
        Assert.EndsWith("Uninstalling package 'qux'\nWARNING: nothere not installed\n", _messages.ToString());
        FeedInstaller.UninstallAll(Top);
        Assert.False(Directory.Exists(Path.Combine(Top, "package", "feeds")));
        Assert.True(File.Exists(Path.Combine(Feed, "net", "foo", "Makefile")));
    }

    [Fact]
    public void AnUnknownPackageIsAnErrorBeforeAnythingIsInstalled()
    {
        FeedsConf($"src-link extra {Feed}\n");
        Update();
        var error = Assert.Throws<UserError>(() => Installer().Install(["foo", "nosuch"], null, force: false));
        Assert.Equal("no feed has a package 'nosuch' (feeds with an index: extra)", error.Reason);
        Assert.Empty(Installed());
        Assert.Throws<UserError>(() => Installer().Install(["foo"], "nofeed", force: false));
    }

    [Fact]
    public void ATreeWithPackageFeedsOffersOnlyInstalledFeedPackages_AttributedToTheirFeed()
    {
        FeedsConf($"src-link extra {Feed}\n");
        Update();
        // Without package/feeds, as before feeds were installed: package/ and every feed.
        Assert.Equal(["liba", "bar", "foo", "baz", "qux"], TreePackages.Read(Top, Scan).Sources.Select(s => s.Name));
        Installer().Install(["bar"], null, force: false);
        var sources = TreePackages.Read(Top, Scan).Sources;
        Assert.Equal(["liba", "bar", "baz"], sources.Select(s => s.Name));
        var bar = sources.Single(s => s.Name == "bar");
        Assert.Equal(("extra", "package/feeds/extra/bar"), (bar.Feed, bar.Directory));
        Assert.Equal("extra", bar.Packages[0].Field("Repository"));
        Assert.Equal("base", sources[0].Packages[0].Field("Repository"));
    }

    [Fact]
    public void ListPrintsAsScriptsFeedsPrints()
    {
        FeedsConf($"src-link extra {Feed}\nsrc-git later https://example.org/later.git;main\n");
        UpdateOnly("extra");
        Assert.Equal("bar                             \tThe bar package\nbaz                             \tThe baz package\n" +
            "foo                             \tThe foo package\nqux                             \tQux, the last one\n" +
            "Ignoring feed 'later' - index missing\n", FeedListing.Packages(Top, Configured));
        Assert.Equal("extra\nlater\n", FeedListing.Names(Configured));
        Assert.Equal($"extra      src-link local    {Feed}\nlater      src-git  X        https://example.org/later.git;main\n",
            FeedListing.Status(Top, Configured));
    }

    /// <summary>Updates one feed only, leaving the others without a copy or an index.</summary>
    private void UpdateOnly(string name)
    {
        var feed = FeedList.Named(Configured, name);
        FeedCheckout.Update(Top, feed, _messages);
        Assert.Empty(FeedMetadata.Write(Scan("feeds/" + name), name));
    }

    [Fact]
    public void FeedConfigHasASymbolPerFeed_OnByDefaultWithAnIndex()
    {
        FeedsConf($"src-link extra {Feed}\nsrc-git later https://example.org/later.git\n");
        UpdateOnly("extra");
        Assert.Equal("""
            	config FEED_extra
            		tristate "Enable feed extra"
            		depends on PER_FEED_REPO
            		default y
            		help
            		 Enable the \"extra\" feed in opkg distfeeds.conf and apk repositories.
            		 Say M to add the feed commented out.

            	config FEED_later
            		tristate "Enable feed later"
            		depends on PER_FEED_REPO
            		help
            		 Enable the \"later\" feed in opkg distfeeds.conf and apk repositories.
            		 Say M to add the feed commented out.


            """, FeedKconfig.Text(Top));
    }

    [Fact]
    public void AnUnsupportedMethodIsRefusedBeforeFetching()
    {
        FeedsConf("src-svn old https://example.org/svn\n");
        var error = Assert.Throws<UserError>(() => FeedCheckout.CheckMethod(Configured[0]));
        Assert.StartsWith("feed 'old': src-svn is not supported by Kiln", error.Reason);
    }
}
