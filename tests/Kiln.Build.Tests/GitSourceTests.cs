using System.Diagnostics;
using System.Runtime.Versioning;
using Kiln.Build.Sources;
using Kiln.Core.Errors;

namespace Kiln.Build.Tests;

/// <summary>
/// The tests that give git a configuration of their own (GIT_CONFIG_GLOBAL, which Kiln's git
/// processes inherit): they run alone, after the others, so no other test's git sees it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GitConfigurationCollection
{
    public const string Name = "git configuration";
}

/// <summary>
/// Git sources: packed as OpenWrt 24.10's DownloadMethod/rawgit packs them (compared byte for
/// byte with its own commands run on the host), reproducibly, with .gitattributes' export rules
/// and submodules, fetched through git's url.BASE.insteadOf, checked against the mirror hash;
/// and, where the machine has copies of OpenWrt's repositories, the real PKG_MIRROR_HASHes.
/// </summary>
[Collection(GitConfigurationCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class GitSourceTests : IDisposable
{
    private const string Package = "demo";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kiln-git-source-tests", Guid.NewGuid().ToString("N"));

    private readonly string? _previousConfig = Environment.GetEnvironmentVariable("GIT_CONFIG_GLOBAL");

    public GitSourceTests()
    {
        Directory.CreateDirectory(_root);
        // The tests' own configuration, for their git commands and for Kiln's: an identity to
        // commit with, and local repositories allowed as submodules (git refuses file:// there).
        File.WriteAllText(GitConfig,
            "[user]\n\tname = Kiln Test\n\temail = kiln@example.org\n[commit]\n\tgpgsign = false\n[protocol \"file\"]\n\tallow = always\n");
        Environment.SetEnvironmentVariable("GIT_CONFIG_GLOBAL", GitConfig);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("GIT_CONFIG_GLOBAL", _previousConfig);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Nothing should hold a file open here; the temp folder is cleaned anyway.
        }
    }

    private string Dl => Path.Combine(_root, "dl");

    private string GitConfig => Path.Combine(_root, "gitconfig");

    // ---- Packing as OpenWrt packs ----

    [Fact]
    public void GitRevisionPacksToOpenWrtsBytes()
    {
        var (repository, first, _) = MakeRepository();
        var spec = GitSpec(repository, first, "pkg-1.0.tar.zst", "");
        var kiln = Path.Combine(_root, "kiln.tar.zst");

        GitArchiver.Pack(spec, repository, kiln);

        Assert.Equal(OpenWrtPack(repository, first, "pkg-1.0", ""), File.ReadAllBytes(kiln));
        // What that is: the commit's files under SUBDIR/ in name order, owner 0, the commit's time,
        // 0644 and 0755 whatever this process's umask, the export-ignored file left out and the
        // export-subst one filled in with an abbreviated hash of 8 digits.
        var listing = Run("tar", _root, ["--zstd", "--numeric-owner", "--full-time", "-tvf", kiln]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "drwxr-xr-x 0/0 pkg-1.0/", "-rw-r--r-- 0/0 pkg-1.0/.gitattributes", "lrwxrwxrwx 0/0 pkg-1.0/LICENSE -> README",
                "-rw-r--r-- 0/0 pkg-1.0/README", "-rwxr-xr-x 0/0 pkg-1.0/configure", "drwxr-xr-x 0/0 pkg-1.0/doc/",
                $"drwxr-xr-x 0/0 pkg-1.0/doc/{LongName}/", $"-rw-r--r-- 0/0 pkg-1.0/doc/{LongName}/notes.txt",
                "drwxr-xr-x 0/0 pkg-1.0/src/", "-rw-r--r-- 0/0 pkg-1.0/src/main.c", "-rw-r--r-- 0/0 pkg-1.0/version.h",
            ],
            listing.Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries)).Select(f => $"{f[0]} {f[1]} {f[5]}"));
        Assert.All(listing, l => Assert.Contains(" " + FirstCommitTime + " ", l));
        var version = Run("tar", _root, ["--zstd", "-xOf", kiln, "pkg-1.0/version.h"]);
        Assert.Equal($"#define VERSION \"{first[..8]}\"\n", version);
    }

    [Fact]
    public void GitRevisionPacksToTheSameBytesAgainWithOnlyItsFiles()
    {
        var (repository, first, second) = MakeRepository();
        var a = Path.Combine(_root, "a.tar.zst");
        var b = Path.Combine(_root, "b.tar.zst");
        var later = Path.Combine(_root, "later.tar.zst");
        GitArchiver.Pack(GitSpec(repository, first, "pkg-1.0.tar.zst", ""), repository, a);
        GitArchiver.Pack(GitSpec(repository, first, "pkg-1.0.tar.zst", ""), "file://" + repository, b);
        GitArchiver.Pack(GitSpec(repository, second, "pkg-1.0.tar.zst", ""), repository, later);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        // The clone's work directory is gone.
        Assert.Equal(["a.tar.zst", "b.tar.zst", "later.tar.zst"], SourceTests.Names(_root).Where(n => n.EndsWith(".zst")));
        Assert.DoesNotContain(SourceTests.Names(_root), n => n.StartsWith(".kiln-git-"));
        // The first commit's files, not the branch head's.
        Assert.Equal("first\n", Run("tar", _root, ["--zstd", "-xOf", a, "pkg-1.0/README"]));
        Assert.DoesNotContain("pkg-1.0/NEWS", Run("tar", _root, ["--zstd", "-tf", a]));
        Assert.Contains("pkg-1.0/NEWS", Run("tar", _root, ["--zstd", "-tf", later]));
    }

    [Theory]
    [InlineData("pkg-1.0.tar.gz", "gzip -nc")]
    [InlineData("pkg-1.0.tar.xz", "xz -zc -7e")]
    [InlineData("pkg-1.0.tar.bz2", "bzip2 -c")]
    public void OtherFormatsAreCompressedByOpenWrtsCommands(string file, string command)
    {
        var (repository, first, _) = MakeRepository();
        var kiln = Path.Combine(_root, file);

        GitArchiver.Pack(GitSpec(repository, first, file, ""), repository, kiln);

        Assert.Equal(OpenWrtPack(repository, first, "pkg-1.0", "", command), File.ReadAllBytes(kiln));
    }

    [Fact]
    public void SubmodulesAreCheckedOutAsOpenWrtDoesUnlessSkipped()
    {
        var (repository, first) = MakeRepositoryWithSubmodule();
        var with = Path.Combine(_root, "with.tar.zst");
        var without = Path.Combine(_root, "without.tar.zst");

        GitArchiver.Pack(GitSpec(repository, first, "pkg-1.0.tar.zst", ""), repository, with);
        GitArchiver.Pack(GitSpec(repository, first, "pkg-1.0.tar.zst", "") with { Submodules = "skip" }, repository, without);

        Assert.Equal(OpenWrtPack(repository, first, "pkg-1.0", ""), File.ReadAllBytes(with));
        Assert.Equal(OpenWrtPack(repository, first, "pkg-1.0", "skip"), File.ReadAllBytes(without));
        // With them: the submodule's files and its .git file, no top .git or .gitmodules.
        var names = Run("tar", _root, ["--zstd", "-tf", with]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["pkg-1.0/", "pkg-1.0/README", "pkg-1.0/lib/", "pkg-1.0/lib/sub/", "pkg-1.0/lib/sub/.git", "pkg-1.0/lib/sub/sub.c"], names);
        // Skipped: the empty directory git archive gives a submodule, and .gitmodules.
        names = Run("tar", _root, ["--zstd", "-tf", without]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["pkg-1.0/", "pkg-1.0/.gitmodules", "pkg-1.0/README", "pkg-1.0/lib/", "pkg-1.0/lib/sub/"], names);
    }

    // ---- Fetching ----

    [Fact]
    public void GitSourceIsFetchedThroughGitsInsteadOfAndCheckedAgainstTheMirrorHash()
    {
        var (repository, first, _) = MakeRepository();
        var reference = Path.Combine(_root, "reference.tar.zst");
        GitArchiver.Pack(GitSpec(repository, first, "pkg-1.0.tar.zst", ""), repository, reference);
        var mirrorHash = SourceTests.Sha256(File.ReadAllBytes(reference));
        // The package names OpenWrt's server; the user's git configuration points it at a local mirror.
        const string url = "https://git.openwrt.org/project/pkg.git";
        Run("git", _root, ["config", "--file", GitConfig, $"url.{repository}.insteadOf", url]);

        var path = new Downloader(Dl, []).Fetch(GitSpec(url, first, "pkg-1.0.tar.zst", mirrorHash), Package);

        Assert.Equal(Path.Combine(Dl, "pkg-1.0.tar.zst"), path);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(path));
        Assert.Equal(["pkg-1.0.tar.zst"], SourceTests.Names(Dl));
    }

    [Fact]
    public void GitSourceWithAWrongMirrorHashLeavesNothingInDl()
    {
        var (repository, first, _) = MakeRepository();
        var wrong = new string('0', 64);

        var e = Assert.Throws<UserError>(() => new Downloader(Dl, []).Fetch(GitSpec(repository, first, "pkg-1.0.tar.zst", wrong), Package));

        Assert.StartsWith($"{Package}: cannot download pkg-1.0.tar.zst:\n  {repository} (git): hash ", e.Message);
        Assert.EndsWith($", expected {wrong}", e.Message);
        // Neither the tarball nor a .part file nor the clone's work directory.
        Assert.Empty(SourceTests.Names(Dl));
    }

    [Fact]
    public void GitSourceAtAMissingRevisionIsAnError()
    {
        var (repository, _, _) = MakeRepository();
        var missing = new string('1', 40);

        var e = Assert.Throws<UserError>(() =>
            new Downloader(Dl, []).Fetch(GitSpec(repository, missing, "pkg-1.0.tar.zst", new string('0', 64)), Package));

        Assert.Contains($"{repository} (git): git checkout --quiet {missing}", e.Message);
        Assert.Empty(SourceTests.Names(Dl));
    }

    [Fact]
    public void GitSourceNeedsAVersionAndASubdirectory()
    {
        var output = Path.Combine(_root, "x.tar.gz");
        var noVersion = Assert.Throws<UserError>(() => GitArchiver.Pack(GitSpec(_root, "", "x.tar.gz", ""), _root, output));
        Assert.Contains("PKG_SOURCE_VERSION", noVersion.Message);
        var noSubdirectory = Assert.Throws<UserError>(() =>
            GitArchiver.Pack(GitSpec(_root, "abc", "x.tar.gz", "") with { Subdirectory = "" }, _root, output));
        Assert.Contains("PKG_SOURCE_SUBDIR", noSubdirectory.Message);
        Assert.False(File.Exists(output));
    }

    /// <summary>
    /// OpenWrt 24.10's own git sources, where this machine has copies of their repositories
    /// (KILN_OPENWRT_GIT_MIRRORS, a folder with openwrt+NAME/repo, else /work/.mirror; not in CI):
    /// fetched from $(PROJECT_GIT)/project/NAME.git through insteadOf, each must match the
    /// PKG_MIRROR_HASH its Makefile pins (tools/firmware-utils, package/system/fwtool). zstd 1.5.4
    /// compresses the firmware-utils tar differently from OpenWrt's 1.5.7, so Debian's tar | zstd
    /// does not give that hash; Kiln does.
    /// </summary>
    [Theory]
    [InlineData("firmware-utils", "2025.08.03~950f8340", "950f83405a935395492d61c9972b5e5ca826eeee",
        "19f5b7547dc6f9460e25183c83d55aca9d1f18148466c09b64504a64379a34ae")]
    [InlineData("fwtool", "2019.11.12~8f7fe925", "8f7fe925ca205c8e8e2d0d1b16218c1e148d5173",
        "fe00ac98103645d20a211732ebbbd3d46acb1e5b29392dddca2df56531e54a2e")]
    public void OpenWrtsMirrorHashesAreMatched(string name, string version, string revision, string mirrorHash)
    {
        var mirrors = Environment.GetEnvironmentVariable("KILN_OPENWRT_GIT_MIRRORS") ?? "/work/.mirror";
        var repository = Path.Combine(mirrors, "openwrt+" + name, "repo");
        // xunit 2 cannot skip at run time: without the repository there is nothing to check here.
        if (!Directory.Exists(repository)) return;
        var url = $"https://git.openwrt.org/project/{name}.git";
        Run("git", _root, ["config", "--file", GitConfig, $"url.{repository}.insteadOf", url]);
        var spec = new SourceSpec("default", $"{name}-{version}.tar.zst", [url], "", mirrorHash, "git", revision, $"{name}-{version}", "");

        var path = new Downloader(Dl, []).Fetch(spec, name);

        Assert.Equal(mirrorHash, SourceTests.Sha256(File.ReadAllBytes(path)));
    }

    // ---- helpers ----

    private const string MainC = "int main(void) { return 0; }\n";

    /// <summary>The first commit's date as tar --full-time prints it in UTC.</summary>
    private const string FirstCommitTime = "2020-01-02 03:04:05";

    /// <summary>A directory name longer than a tar header holds.</summary>
    private static readonly string LongName = new('n', 120);

    private static SourceSpec GitSpec(string repository, string revision, string file, string mirrorHash) =>
        new("default", file, [repository], "", mirrorHash, "git", revision, "pkg-1.0", "");

    /// <summary>
    /// What OpenWrt's DownloadMethod/rawgit and dl_tar_pack (include/download.mk) make of the
    /// revision, by their own commands with the host's git, tar and compressor, as an ordinary
    /// user under OpenWrt's umask 022 (tar --no-same-permissions: the tests run as root).
    /// </summary>
    private byte[] OpenWrtPack(string url, string revision, string subdir, string submodules, string compress = "zstd -T0 --ultra -20 -c")
    {
        var work = Path.Combine(_root, "openwrt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var skip = submodules == "skip";
        const string mtime = "${TAR_TIMESTAMP:+--mtime=\"$TAR_TIMESTAMP\"}";
        var script = $"""
            set -e
            umask 022
            git clone -q {url} {subdir}
            (cd {subdir} && git checkout -q {revision})
            export TAR_TIMESTAMP=`cd {subdir} && git log -1 --format='@%ct'`
            (cd {subdir} && git config core.abbrev 8 && git archive --format=tar HEAD --output=../{subdir}.tar.git)
            {(skip ? "true" : $"tar --ignore-failed-read -C {subdir} -f {subdir}.tar.git -r .git .gitmodules 2>/dev/null")}
            rm -rf {subdir} && mkdir {subdir}
            tar --no-same-permissions -C {subdir} -xf {subdir}.tar.git
            (cd {subdir} && {(skip ? "true" : $"git submodule update -q --init --recursive -- {submodules} && rm -rf .git .gitmodules")})
            tar --numeric-owner --owner=0 --group=0 --mode=a-s --sort=name {mtime} -c {subdir} | {compress} > out
            """;
        Run("/bin/sh", work, ["-c", script]);
        return File.ReadAllBytes(Path.Combine(work, "out"));
    }

    /// <summary>
    /// A repository with two commits at fixed dates. The first has README ("first"), an
    /// executable configure, a link, src/main.c, a file under a long directory name, and
    /// .gitattributes leaving out ignored.txt and filling in version.h's hash; the second changes
    /// README and adds NEWS. Returns the two commit hashes.
    /// </summary>
    private (string Repository, string First, string Second) MakeRepository()
    {
        var repository = Path.Combine(_root, "repo");
        Directory.CreateDirectory(Path.Combine(repository, "src"));
        Directory.CreateDirectory(Path.Combine(repository, "doc", LongName));
        Git(repository, null, "init", "--quiet");
        File.WriteAllText(Path.Combine(repository, "README"), "first\n");
        File.WriteAllText(Path.Combine(repository, "configure"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(repository, "configure"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(repository, "LICENSE"), "README");
        File.WriteAllText(Path.Combine(repository, "src", "main.c"), MainC);
        File.WriteAllText(Path.Combine(repository, "doc", LongName, "notes.txt"), "notes\n");
        File.WriteAllText(Path.Combine(repository, ".gitattributes"), "ignored.txt export-ignore\nversion.h export-subst\n");
        File.WriteAllText(Path.Combine(repository, "ignored.txt"), "not in the tarball\n");
        File.WriteAllText(Path.Combine(repository, "version.h"), "#define VERSION \"$Format:%h$\"\n");
        Git(repository, null, "add", ".");
        Git(repository, "2020-01-02T03:04:05Z", "commit", "--quiet", "-m", "first");
        var first = Git(repository, null, "rev-parse", "HEAD").Trim();

        File.WriteAllText(Path.Combine(repository, "README"), "second\n");
        File.WriteAllText(Path.Combine(repository, "NEWS"), "1.1: more\n");
        Git(repository, null, "add", ".");
        Git(repository, "2021-06-07T08:09:10Z", "commit", "--quiet", "-m", "second");
        var second = Git(repository, null, "rev-parse", "HEAD").Trim();
        return (repository, first, second);
    }

    /// <summary>A repository whose commit has README and the submodule lib/sub (another repository, with sub.c).</summary>
    private (string Repository, string Commit) MakeRepositoryWithSubmodule()
    {
        var sub = Path.Combine(_root, "sub");
        Directory.CreateDirectory(sub);
        Git(sub, null, "init", "--quiet");
        File.WriteAllText(Path.Combine(sub, "sub.c"), MainC);
        Git(sub, null, "add", ".");
        Git(sub, "2019-05-06T07:08:09Z", "commit", "--quiet", "-m", "sub");

        var repository = Path.Combine(_root, "main");
        Directory.CreateDirectory(repository);
        Git(repository, null, "init", "--quiet");
        File.WriteAllText(Path.Combine(repository, "README"), "with a submodule\n");
        Git(repository, null, "submodule", "--quiet", "add", sub, "lib/sub");
        Git(repository, null, "add", ".");
        Git(repository, "2020-01-02T03:04:05Z", "commit", "--quiet", "-m", "main");
        return (repository, Git(repository, null, "rev-parse", "HEAD").Trim());
    }

    private static string Git(string directory, string? date, params string[] arguments)
    {
        var environment = new Dictionary<string, string>();
        if (date is not null)
        {
            environment["GIT_AUTHOR_DATE"] = date;
            environment["GIT_COMMITTER_DATE"] = date;
        }
        return Run("git", directory, arguments, environment);
    }

    /// <summary>A program run to its end (with the tests' git configuration, dates in UTC), which must succeed; its output.</summary>
    private static string Run(string program, string directory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["TZ"] = "UTC";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {stderr.Result}");
        return stdout;
    }
}
