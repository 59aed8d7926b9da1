namespace Kiln.Cli.Tests;

/// <summary>
/// kiln feeds on a copy of the example tree with a feed beside it (feed/, one package, hello-feed):
/// the index update writes is what dump packages prints, and a bad feeds.conf line, an unknown feed
/// or an unknown package is one message and exit status 2.
/// </summary>
public sealed class FeedsCommandTests
{
    private static Scratch WithFeed(string feedsConf)
    {
        var scratch = new Scratch(withTree: true);
        scratch.Write("feed/utils/hello-feed/Makefile", """
            include $(TOPDIR)/rules.mk
            PKG_NAME:=hello-feed
            PKG_VERSION:=1
            PKG_RELEASE:=1
            include $(INCLUDE_DIR)/package.mk
            define Package/hello-feed
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Hello from a feed
            endef
            $(eval $(call BuildPackage,hello-feed))

            """);
        scratch.Write("tree/feeds.conf", feedsConf.Replace("FEED", scratch.Path("feed")));
        return scratch;
    }

    private static KilnRun Kiln(Scratch scratch, params string[] arguments) => KilnProcess.Run(scratch.Root, ["--topdir", scratch.Top, .. arguments]);

    [Fact]
    public void UpdateWritesTheIndexDumpPackagesPrints_InstallLinksThePackage_ListListsIt()
    {
        using var scratch = WithFeed("src-link extra FEED\n");
        var update = Kiln(scratch, "feeds", "update", "-a");
        Assert.True(update.Status == 0, update.ToString());
        var dump = Kiln(scratch, "dump", "packages", "feeds/extra");
        Assert.True(dump.Status == 0, dump.ToString());
        Assert.Equal(dump.Stdout, File.ReadAllText(scratch.Path("tree/feeds/extra.index")));

        var install = Kiln(scratch, "feeds", "install", "hello-feed");
        Assert.True(install.Status == 0, install.ToString());
        Assert.Contains("Installing package 'hello-feed' from extra\n", install.Stderr);
        Assert.Equal("../../../feeds/extra/utils/hello-feed", new FileInfo(scratch.Path("tree/package/feeds/extra/hello-feed")).LinkTarget);

        var list = Kiln(scratch, "feeds", "list", "-r", "extra");
        Assert.Equal("hello-feed                      \tHello from a feed\n", list.Stdout);
        var info = Kiln(scratch, "info", "hello-feed");
        Assert.Contains("Feed:         extra\n", info.Stdout);
    }

    private static BadInput Case(string name, string feedsConf, params string[] arguments) =>
        new(name, BadInput.InTree(["feeds", .. arguments])) { Setup = s => s.Write("tree/feeds.conf", feedsConf) };

    private static readonly BadInput[] Cases =
    [
        Case("a feeds.conf line that is no feed", "src-link extra /x\nsrc-git\n", "update") with { Mentions = _ => "feeds.conf:2: not a feed line" },
        Case("an unsupported feed method", "src-svn old https://example.org/svn\n", "update") with { Mentions = _ => "src-svn is not supported by Kiln" },
        Case("update of an unknown feed", "src-link extra /x\n", "update", "nofeed") with
        {
            Mentions = _ => "no feed 'nofeed' in feeds.conf (its feeds: extra)",
        },
        Case("list of an unknown feed", "src-link extra /x\n", "list", "-r", "nofeed") with { Mentions = _ => "no feed 'nofeed' in feeds.conf" },
        Case("install of an unknown package", "src-link extra /x\n", "install", "nosuch") with
        {
            // The installer reads package/ to know what the tree has: the tree's lock and that scan's results are in tmp/.
            MayWrite = Writes.Scan,
            Mentions = _ => "no feed has a package 'nosuch'",
        },
        new("feeds without feeds.conf", BadInput.InTree("feeds", "list")) { Mentions = _ => "no feeds.conf or feeds.conf.default" },
    ];

    public static TheoryData<string> CaseNames => BadInput.Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public void IsRefusedWithOneMessage(string name) => BadInput.Check(Cases, name);
}
