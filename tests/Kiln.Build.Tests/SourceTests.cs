using System.Security.Cryptography;
using System.Text;
using Kiln.Build.Sources;
using Kiln.Core.Errors;

namespace Kiln.Build.Tests;

/// <summary>
/// Source downloads: declared hashes, mirrors before URLs, file:// URLs, the never-a-wrong-file
/// rule for dl/ and OpenWrt's URL shortcuts (git sources: GitSourceTests).
/// </summary>
public sealed class SourceTests : IDisposable
{
    private const string Package = "demo";
    private const string FileName = "demo-1.0.tar.gz";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kiln-source-tests", Guid.NewGuid().ToString("N"));

    public SourceTests()
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(Mirror);
        Directory.CreateDirectory(Upstream);
    }

    private string Dl => Path.Combine(_root, "dl");

    private string Mirror => Path.Combine(_root, "mirror");

    /// <summary>A directory a file:// URL points at, standing in for the project's own site.</summary>
    private string Upstream => Path.Combine(_root, "upstream");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Nothing should hold a file open here; the temp folder is cleaned anyway.
        }
    }

    // ---- Downloader: plain files ----

    [Fact]
    public void FileFromALocalMirrorIsCopiedIntoDl()
    {
        var content = Encoding.UTF8.GetBytes("the sources, version 1.0\n");
        File.WriteAllBytes(Path.Combine(Mirror, FileName), content);

        var path = new Downloader(Dl, [Mirror]).Fetch(Spec(Sha256(content)), Package);

        Assert.Equal(Path.Combine(Dl, FileName), path);
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal([FileName], Names(Dl));
    }

    [Fact]
    public void WrongHashIsAnErrorAndLeavesNothingInDl()
    {
        var content = Encoding.UTF8.GetBytes("tampered sources\n");
        File.WriteAllBytes(Path.Combine(Mirror, FileName), content);
        var expected = Sha256(Encoding.UTF8.GetBytes("the real sources\n"));

        var e = Assert.Throws<UserError>(() => new Downloader(Dl, [Mirror]).Fetch(Spec(expected), Package));

        // One attempt (the mirror), reported with the hash found and the hash wanted.
        Assert.Equal(
            $"{Package}: cannot download {FileName}:\n  {Path.Combine(Mirror, FileName)}: hash {Sha256(content)}, expected {expected}",
            e.Message);
        // No file under the final name, and no temporary .part file left behind.
        Assert.Empty(Names(Dl));
    }

    [Fact]
    public void EveryFailedAttemptIsListed()
    {
        var bad = Encoding.UTF8.GetBytes("bad\n");
        File.WriteAllBytes(Path.Combine(Mirror, FileName), bad);
        var emptyMirror = Path.Combine(_root, "empty-mirror");
        Directory.CreateDirectory(emptyMirror);
        var expected = Sha256(Encoding.UTF8.GetBytes("good\n"));
        var url = "file://" + Upstream;   // the file is not there either

        var e = Assert.Throws<UserError>(() => new Downloader(Dl, [emptyMirror, Mirror]).Fetch(Spec(expected, urls: [url]), Package));

        var lines = e.Message.Split('\n');
        Assert.Equal($"{Package}: cannot download {FileName}:", lines[0]);
        Assert.Equal(
            [
                $"  {Path.Combine(emptyMirror, FileName)}: not there",
                $"  {Path.Combine(Mirror, FileName)}: hash {Sha256(bad)}, expected {expected}",
                $"  {url}/{FileName}: not there",
            ],
            lines[1..]);
        Assert.Empty(Names(Dl));
    }

    [Fact]
    public void AnFtpUrlThatFailsIsListedAndTheNextUrlIsTried()
    {
        var content = Encoding.UTF8.GetBytes("the sources, version 1.0\n");
        File.WriteAllBytes(Path.Combine(Upstream, FileName), content);
        // Nothing listens on the discard port of this machine: curl's refusal is the attempt's reason.
        const string ftp = "ftp://127.0.0.1:9/pub";

        var path = new Downloader(Dl, []).Fetch(Spec(Sha256(content), urls: [ftp, "file://" + Upstream]), Package);

        Assert.Equal(content, File.ReadAllBytes(path));
        var e = Assert.Throws<UserError>(() => new Downloader(Path.Combine(_root, "dl2"), []).Fetch(Spec(Sha256(content), urls: [ftp]), Package));
        Assert.StartsWith($"{Package}: cannot download {FileName}:\n  {ftp}/{FileName}: curl: (7) ", e.Message);
    }

    [Fact]
    public void NothingToTryIsAnError()
    {
        var e = Assert.Throws<UserError>(() => new Downloader(Dl, []).Fetch(Spec(Sha256([1, 2, 3])), Package));
        Assert.Equal($"{Package}: cannot download {FileName}:\n  no mirror and no URL to try", e.Message);
    }

    [Fact]
    public void CorruptFileInDlIsReplacedFromTheMirror()
    {
        var good = Encoding.UTF8.GetBytes("complete download\n");
        File.WriteAllBytes(Path.Combine(Mirror, FileName), good);
        Directory.CreateDirectory(Dl);
        // A download cut short earlier: same name, wrong bytes.
        File.WriteAllBytes(Path.Combine(Dl, FileName), good[..5]);

        var path = new Downloader(Dl, [Mirror]).Fetch(Spec(Sha256(good)), Package);

        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal([FileName], Names(Dl));
    }

    [Fact]
    public void GoodFileAlreadyInDlIsKeptWithoutFetching()
    {
        var content = Encoding.UTF8.GetBytes("fetched last week\n");
        Directory.CreateDirectory(Dl);
        var path = Path.Combine(Dl, FileName);
        File.WriteAllBytes(path, content);
        var before = File.GetLastWriteTimeUtc(path);

        // No mirror and no URL: it can only succeed by taking the file that is there.
        Assert.Equal(path, new Downloader(Dl, []).Fetch(Spec(Sha256(content)), Package));
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void MirrorIsTriedBeforeTheUrl()
    {
        var fromMirror = Encoding.UTF8.GetBytes("copy on the mirror\n");
        var fromUrl = Encoding.UTF8.GetBytes("copy upstream\n");
        File.WriteAllBytes(Path.Combine(Mirror, FileName), fromMirror);
        File.WriteAllBytes(Path.Combine(Upstream, FileName), fromUrl);
        var urls = new[] { "file://" + Upstream };

        // With the mirror's hash, the mirror's copy is taken.
        var path = new Downloader(Dl, [Mirror]).Fetch(Spec(Sha256(fromMirror), urls: urls), Package);
        Assert.Equal(fromMirror, File.ReadAllBytes(path));

        // With "skip" both copies would pass: the one taken shows the order.
        File.Delete(path);
        path = new Downloader(Dl, [Mirror]).Fetch(Spec("skip", urls: urls), Package);
        Assert.Equal(fromMirror, File.ReadAllBytes(path));
    }

    [Fact]
    public void UrlIsUsedWhenTheMirrorLacksTheFileOrHasAWrongOne()
    {
        var good = Encoding.UTF8.GetBytes("upstream release\n");
        File.WriteAllBytes(Path.Combine(Upstream, FileName), good);
        var urls = new[] { "file://" + Upstream };

        var path = new Downloader(Dl, [Mirror]).Fetch(Spec(Sha256(good), urls: urls), Package);
        Assert.Equal(good, File.ReadAllBytes(path));

        // A wrong copy on the mirror is passed over too.
        File.Delete(path);
        File.WriteAllBytes(Path.Combine(Mirror, FileName), Encoding.UTF8.GetBytes("stale mirror copy\n"));
        path = new Downloader(Dl, [Mirror]).Fetch(Spec(Sha256(good), urls: urls), Package);
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal([FileName], Names(Dl));
    }

    [Fact]
    public void UrlNamingTheFileOrAnUrlFileIsUsedAsGiven()
    {
        var content = Encoding.UTF8.GetBytes("named download\n");

        // A URL that already ends in /FILE is not given the name a second time.
        File.WriteAllBytes(Path.Combine(Upstream, FileName), content);
        var path = new Downloader(Dl, []).Fetch(Spec(Sha256(content), urls: ["file://" + Path.Combine(Upstream, FileName)]), Package);
        Assert.Equal(content, File.ReadAllBytes(path));

        // PKG_SOURCE_URL_FILE: the name on the server differs from the name in dl/.
        File.Delete(path);
        File.WriteAllBytes(Path.Combine(Upstream, "v1.0.tar.gz"), content);
        path = new Downloader(Dl, []).Fetch(Spec(Sha256(content), urls: ["file://" + Upstream + "/"], urlFile: "v1.0.tar.gz"), Package);
        Assert.Equal(Path.Combine(Dl, FileName), path);
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void Md5HashesAreChecked()
    {
        var content = Encoding.UTF8.GetBytes("old package with an md5\n");
        File.WriteAllBytes(Path.Combine(Mirror, FileName), content);
        var md5 = Convert.ToHexStringLower(MD5.HashData(content));

        var path = new Downloader(Dl, [Mirror]).Fetch(Spec(md5), Package);
        Assert.Equal(content, File.ReadAllBytes(path));

        // A wrong md5 is reported as an md5 (32 digits) of what was found.
        File.Delete(path);
        var wrong = new string('0', 32);
        var e = Assert.Throws<UserError>(() => new Downloader(Dl, [Mirror]).Fetch(Spec(wrong), Package));
        Assert.Contains($"hash {md5}, expected {wrong}", e.Message);
        Assert.Empty(Names(Dl));
    }

    [Fact]
    public void SkipAcceptsAnyContent()
    {
        var content = Encoding.UTF8.GetBytes("whatever the server has today\n");
        File.WriteAllBytes(Path.Combine(Mirror, FileName), content);
        var path = new Downloader(Dl, [Mirror]).Fetch(Spec("skip"), Package);
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public void MissingHashStopsBeforeAnythingIsFetched(string hash)
    {
        File.WriteAllBytes(Path.Combine(Mirror, FileName), [1, 2, 3]);

        var e = Assert.Throws<UserError>(() => new Downloader(Dl, [Mirror]).Fetch(Spec(hash), Package));

        Assert.StartsWith($"{Package}: no hash for {FileName}", e.Message);
        // Not even dl/ was made.
        Assert.False(Directory.Exists(Dl));
    }

    // ---- SourceHash ----

    [Theory]
    [InlineData("skip")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e")]
    public void UsableHashesAreAccepted(string hash) => SourceHash.CheckDeclared(hash, Package, FileName);

    [Theory]
    [InlineData("", "no hash")]
    [InlineData("x", "no hash")]
    [InlineData("abc", "'abc' is not a sha256 or md5 hash")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427", "is not a sha256 or md5 hash")]                                   // 31 digits
    [InlineData("g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "is not a sha256 or md5 hash")] // 64, not hex
    [InlineData("SKIP", "is not a sha256 or md5 hash")]
    public void UnusableHashesAreErrors(string hash, string reason)
    {
        var e = Assert.Throws<UserError>(() => SourceHash.CheckDeclared(hash, Package, FileName));
        Assert.StartsWith($"{Package}: ", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.Contains(FileName, e.Message);
    }

    [Fact]
    public void HashOfAFileIsOfTheKindExpected()
    {
        var path = Path.Combine(_root, "data");
        var content = Encoding.UTF8.GetBytes("abc");
        File.WriteAllBytes(path, content);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var md5 = Convert.ToHexStringLower(MD5.HashData(content));

        Assert.Equal(sha256, SourceHash.Of(path, new string('f', 64)));
        Assert.Equal(md5, SourceHash.Of(path, new string('f', 32)));
        Assert.Equal(sha256, SourceHash.Of(path, "skip"));

        Assert.True(SourceHash.Matches(sha256, sha256.ToUpperInvariant()));
        Assert.True(SourceHash.Matches(sha256, "skip"));
        Assert.False(SourceHash.Matches(sha256, md5));
    }

    // ---- UrlShortcuts ----

    [Fact]
    public void GnuShortcutStandsForItsMirrors()
    {
        var urls = UrlShortcuts.Expand("@GNU/bash").ToList();
        Assert.True(urls.Count > 1);
        Assert.Equal("https://ftpmirror.gnu.org/bash", urls[0]);
        Assert.All(urls, u => Assert.EndsWith("/bash", u));
        Assert.Equal(urls.Count, urls.Distinct().Count());
    }

    [Theory]
    [InlineData("@SF")]
    [InlineData("@KERNEL")]
    [InlineData("@GITHUB")]
    [InlineData("@OPENWRT")]
    [InlineData("@APACHE")]
    [InlineData("@GNOME")]
    [InlineData("@DEBIAN")]
    [InlineData("@SAVANNAH")]
    public void EveryShortcutGivesHttpsUrlsEndingInThePath(string shortcut)
    {
        const string rest = "/some/project/project-1.0.tar.xz";
        var urls = UrlShortcuts.Expand(shortcut + rest).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, u =>
        {
            Assert.StartsWith("https://", u);
            Assert.EndsWith(rest, u);
            Assert.DoesNotContain("@", u);
        });
    }

    [Theory]
    [InlineData("https://example.org/releases")]
    [InlineData("file:///srv/mirror")]
    [InlineData("@NOSUCH/x")]          // an unknown shortcut is left for the attempt to fail on
    [InlineData("ftp://host/@GNU/x")]  // a shortcut only counts at the start
    public void OtherUrlsComeBackUnchanged(string url) => Assert.Equal([url], UrlShortcuts.Expand(url));

    // ---- SourceSpec ----

    [Fact]
    public void ParseSplitsTheRecordedFields()
    {
        var spec = SourceSpec.Parse("default",
            "foo-1.2.tar.xz|https://a.example/dl @GNU/foo|" + new string('a', 64) + "|" + new string('b', 64) + "|git|v1.2|foo-1.2|foo.tar.xz?raw=1|lib/a lib/b");
        Assert.Equal("default", spec.Name);
        Assert.Equal("foo-1.2.tar.xz", spec.File);
        Assert.Equal(["https://a.example/dl", "@GNU/foo"], spec.Urls);
        Assert.Equal(new string('a', 64), spec.Hash);
        Assert.Equal(new string('b', 64), spec.MirrorHash);
        Assert.Equal("git", spec.Protocol);
        Assert.Equal("v1.2", spec.SourceVersion);
        Assert.Equal("foo-1.2", spec.Subdirectory);
        Assert.Equal("foo.tar.xz?raw=1", spec.UrlFile);
        Assert.Equal("lib/a lib/b", spec.Submodules);
        Assert.True(spec.IsGit);
        // A git source's tarball is checked against the mirror hash.
        Assert.Equal(new string('b', 64), spec.ExpectedHash);
    }

    [Fact]
    public void ParseFillsMissingFieldsAndTrimsBlanks()
    {
        // Extra spaces between URLs (from make's variable joins) give no empty URLs.
        var spec = SourceSpec.Parse("extra", " bar.tgz |  file:///a   file:///b  | skip ");
        Assert.Equal("bar.tgz", spec.File);
        Assert.Equal(["file:///a", "file:///b"], spec.Urls);
        Assert.Equal("skip", spec.Hash);
        Assert.Equal("", spec.MirrorHash);
        Assert.Equal("", spec.Protocol);
        Assert.Equal("", spec.SourceVersion);
        Assert.Equal("", spec.Subdirectory);
        Assert.Equal("", spec.UrlFile);
        Assert.Equal("", spec.Submodules);
        Assert.False(spec.IsGit);
        Assert.Equal("skip", spec.ExpectedHash);
    }

    [Theory]
    [InlineData("git", "https://example.org/x.git", true)]
    [InlineData("", "git://example.org/x.git", true)]
    [InlineData("", "https://example.org/x.tar.gz", false)]
    [InlineData("svn", "git://example.org/x", false)]   // a declared protocol wins over the URL's look
    public void IsGitFollowsTheProtocolOrAGitUrl(string protocol, string url, bool isGit)
    {
        var spec = SourceSpec.Parse("default", $"x.tar.gz|{url}|h|m|{protocol}");
        Assert.Equal(isGit, spec.IsGit);
        Assert.Equal(isGit ? "m" : "h", spec.ExpectedHash);
    }

    // ---- helpers ----

    private static SourceSpec Spec(string hash, IReadOnlyList<string>? urls = null, string urlFile = "") =>
        new("default", FileName, urls ?? [], hash, "", "", "", "", urlFile);

    internal static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The names in a directory (files and folders, hidden ones too), sorted; none when it does not exist.</summary>
    internal static List<string> Names(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList()
            : [];
}
