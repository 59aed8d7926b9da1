namespace Kiln.Cli.Tests;

/// <summary>
/// Files where directories belong and directories where files belong: the command names the
/// path and stops; it neither crashes on a worker thread nor replaces what the user put there.
/// </summary>
public sealed class TreeLayoutTests
{
    // libgreet has a source to download: the build uses every one of the tree's directories.
    private static readonly string[] BuildLibgreet = ["build", "--target", "demo/small", "libgreet"];

    private static BadInput FileNamed(string directory) =>
        new($"a file named {directory} in the tree", BadInput.InTree(BuildLibgreet))
        {
            Setup = s => s.FileInsteadOfDirectory("tree/" + directory),
            MayWrite = Writes.Build,
            Mentions = _ => directory,
        };

    private static readonly BadInput[] FilesForDirectories =
    [
        FileNamed("logs"),
        FileNamed("tmp"),
        FileNamed("dl"),
        FileNamed("build_dir"),
        FileNamed("staging_dir"),
        FileNamed("bin"),
        new("build with package/ a file", BadInput.InTree(BuildLibgreet))
        {
            Setup = s => s.FileInsteadOfDirectory("tree/package"),
            MayWrite = Writes.Build,
            Mentions = _ => "package",
        },
        new("dump packages with package/ a file", BadInput.InTree("dump", "packages"))
        {
            Setup = s => s.FileInsteadOfDirectory("tree/package"),
            MayWrite = Writes.Scan,
            Mentions = _ => "package",
        },
        new("targets with target/linux a file", BadInput.InTree("targets"))
        {
            Setup = s => s.FileInsteadOfDirectory("tree/target/linux"),
            MayWrite = Writes.Scan,
            Mentions = _ => "target/linux",
        },
        new("clean with a file named tmp in the tree", BadInput.InTree("clean", "--target", "demo/small"))
        {
            Setup = s => s.FileInsteadOfDirectory("tree/tmp"),
            Mentions = _ => "tmp",
        },
        new("index of a feed whose Packages is a directory", s => ["--topdir", s.Top, "index", s.MakeDirectory("feed")])
        {
            Setup = s => s.MakeDirectory("feed/Packages"),
            MayWrite = Writes.Index("feed"),
            Mentions = _ => "Packages",
        },
        new("index of a regular file", s => ["--topdir", s.Top, "index", s.Path("tree/Config.in")])
        {
            MayWrite = Writes.Key,
            Mentions = s => s.Path("tree/Config.in"),
        },
        new("make-eval -C into a regular file", s => ["make-eval", "-C", s.Path("tree/Config.in")])
        {
            Stderr = s => $"make: *** {s.Path("tree/Config.in")}: Not a directory.  Stop.\n",
        },
    ];

    public static TheoryData<string> FilesForDirectoriesCases => BadInput.Names(FilesForDirectories);

    [Theory, MemberData(nameof(FilesForDirectoriesCases))]
    public void AFileWhereADirectoryBelongsIsNamed(string layout) => BadInput.Check(FilesForDirectories, layout);

    private static readonly BadInput[] DirectoriesForFiles =
    [
        new("build --config DIR", s => ["--topdir", s.Top, "build", "--config", s.Path("tree/config"), "libgreet"])
        {
            MayWrite = Writes.Build,
            Mentions = s => s.Path("tree/config"),
        },
        new("devices --config DIR", s => ["--topdir", s.Top, "devices", "demo/small", "--config", s.Path("tree/config")])
        {
            MayWrite = Writes.Scan,
            Mentions = s => s.Path("tree/config"),
        },
        new("sign DIR", s => ["--topdir", s.Top, "sign", s.Path("tree/package")])
        {
            MayWrite = Writes.Key,
            Mentions = s => s.Path("tree/package"),
        },
        new("ipk-info DIR", s => ["--topdir", s.Top, "ipk-info", s.Path("tree/package")])
        {
            Mentions = s => s.Path("tree/package"),
        },
        new("verify DIR", s => ["--topdir", s.Top, "verify", s.Path("tree/package")])
        {
            MayWrite = Writes.Key,
            Mentions = s => s.Path("tree/package"),
        },
        new("verify --key DIR", s => ["--topdir", s.Top, "verify", s.Path("file"), "--key", s.Path("tree/package")])
        {
            Setup = s =>
            {
                s.Write("file", "signed\n");
                s.Write("file.sig", "untrusted comment: signature\nAAAA\n");
            },
            Mentions = s => s.Path("tree/package"),
        },
        new("plan --compare DIR", s => ["--topdir", s.Top, "plan", "demo/small", "--compare", s.Path("tree/config")])
        {
            MayWrite = Writes.Scan,
            Mentions = s => s.Path("tree/config"),
        },
        new("make-eval -f DIR", s => ["make-eval", "-f", s.Path("tree/package")])
        {
            Stderr = s => $"make: *** {s.Path("tree/package")}: Is a directory.  Stop.\n",
        },
        new("dump packages with a directory named Makefile", BadInput.InTree("dump", "packages"))
        {
            Setup = s =>
            {
                File.Delete(s.Path("tree/package/utils/greeter/Makefile"));
                s.MakeDirectory("tree/package/utils/greeter/Makefile");
            },
            MayWrite = Writes.Scan,
            Mentions = _ => "package/utils/greeter/Makefile",
        },
        new("info of a package whose Makefile is a dangling symbolic link", BadInput.InTree("info", "greeter"))
        {
            Setup = s => s.Symlink("tree/package/utils/greeter/Makefile", s.Path("nonexistent/Makefile")),
            MayWrite = Writes.Scan,
            Mentions = _ => "package/utils/greeter/Makefile",
        },
        new("dump packages with a Makefile that is a symbolic link to itself", BadInput.InTree("dump", "packages"))
        {
            Setup = s => s.Symlink("tree/package/utils/greeter/Makefile", "Makefile"),
            MayWrite = Writes.Scan,
            Mentions = _ => "package/utils/greeter/Makefile",
        },
    ];

    public static TheoryData<string> DirectoriesForFilesCases => BadInput.Names(DirectoriesForFiles);

    [Theory, MemberData(nameof(DirectoriesForFilesCases))]
    public void ADirectoryOrLinkWhereAFileBelongsIsNamed(string layout) => BadInput.Check(DirectoriesForFiles, layout);
}
