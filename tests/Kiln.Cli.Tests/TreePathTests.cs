namespace Kiln.Cli.Tests;

/// <summary>
/// A tree that is not there (a typo: its parent does not exist either), a regular file given as
/// the tree, an empty directory: every command refuses, names the path it was given, and creates
/// nothing at all (no key pair, no tmp/, no signature beside the file).
/// </summary>
public sealed class TreePathTests
{
    private const string Typo = "nonexistent/typo";

    private static BadInput Missing(string name, Func<Scratch, string[]> arguments, Action<Scratch>? setup = null) =>
        new(name, s => ["--topdir", s.Path(Typo), .. arguments(s)])
        {
            NoTree = true,
            Setup = setup ?? (_ => { }),
            Mentions = s => s.Path(Typo),
        };

    private static BadInput Missing(string name, params string[] arguments) => Missing(name, _ => arguments);

    private static readonly BadInput[] NonexistentTree =
    [
        new("make-eval -C into a directory that does not exist", s => ["make-eval", "-C", s.Path(Typo)])
        {
            NoTree = true,
            Stderr = s => $"make: *** {s.Path(Typo)}: No such file or directory.  Stop.\n",
        },
        Missing("dump packages", "dump", "packages"),
        Missing("dump targets", "dump", "targets"),
        Missing("info", "info", "greeter"),
        Missing("targets", "targets"),
        Missing("devices", "devices", "demo/small"),
        Missing("device", "device", "demo/small", "acme_r1"),
        Missing("plan", "plan", "demo/small"),
        Missing("build", "build", "--target", "demo/small", "libgreet"),
        Missing("clean", "clean", "--target", "demo/small"),
        Missing("index of an existing feed", s => ["index", s.MakeDirectory("feed")]),
        Missing("sign an existing file", s => ["sign", s.Write("file", "signed\n")]),
        Missing("verify an existing file", s => ["verify", s.Write("file", "signed\n")], s => s.Write("file.sig", "untrusted comment: x\nAAAA\n")),
        Missing("key", "key"),
        new("ipk-info of a file in a directory that does not exist", s => ["ipk-info", s.Path(Typo + "/greeter_1_mips_24kc.ipk")])
        {
            NoTree = true,
            Mentions = s => s.Path(Typo + "/greeter_1_mips_24kc.ipk"),
        },
    ];

    public static TheoryData<string> NonexistentTreeCases => BadInput.Names(NonexistentTree);

    [Theory, MemberData(nameof(NonexistentTreeCases))]
    public void ATreeThatDoesNotExistIsNamedAndNothingIsCreated(string command) => BadInput.Check(NonexistentTree, command);

    private static BadInput FileAsTree(string name, Func<Scratch, string[]> arguments) =>
        new(name, s => ["--topdir", s.Path("notatree"), .. arguments(s)])
        {
            NoTree = true,
            Setup = s => s.Write("notatree", "a regular file, not a tree\n"),
            Mentions = s => s.Path("notatree"),
        };

    private static readonly BadInput[] RegularFileAsTree =
    [
        FileAsTree("targets", _ => ["targets"]),
        FileAsTree("dump packages", _ => ["dump", "packages"]),
        FileAsTree("info", _ => ["info", "greeter"]),
        FileAsTree("build", _ => ["build", "--target", "demo/small", "libgreet"]),
        FileAsTree("key", _ => ["key"]),
        FileAsTree("sign", s => ["sign", s.Write("file", "signed\n")]),
    ];

    public static TheoryData<string> RegularFileAsTreeCases => BadInput.Names(RegularFileAsTree);

    [Theory, MemberData(nameof(RegularFileAsTreeCases))]
    public void ARegularFileGivenAsTheTreeIsRefused(string command) => BadInput.Check(RegularFileAsTree, command);

    // A file where the command needs a directory of the tree is named as a file, not as missing.
    private static readonly BadInput[] FileAsTreeDirectory =
    [
        new("dump packages of a file", BadInput.InTree("dump", "packages", "package/notes.txt"))
        {
            Setup = s => s.Write("tree/package/notes.txt", "not a directory of packages\n"),
            Mentions = _ => "kiln: package/notes.txt: is a file, not a directory",
        },
        new("devices of a board whose image directory is a file", BadInput.InTree("devices", "demo/small"))
        {
            Setup = s =>
            {
                Directory.Delete(s.Path("tree/target/linux/demo/image"), recursive: true);
                s.Write("tree/target/linux/demo/image", "not the board's image Makefiles\n");
            },
            MayWrite = Writes.Scan,
            Mentions = _ => "kiln: target/linux/demo/image: is a file, not a directory",
        },
    ];

    public static TheoryData<string> FileAsTreeDirectoryCases => BadInput.Names(FileAsTreeDirectory);

    [Theory, MemberData(nameof(FileAsTreeDirectoryCases))]
    public void AFileWhereATreeDirectoryBelongsIsNamedAsAFile(string command) => BadInput.Check(FileAsTreeDirectory, command);

    private static BadInput EmptyTree(string name, params string[] arguments) =>
        new(name, s => ["--topdir", s.Path("empty"), .. arguments])
        {
            NoTree = true,
            Setup = s => s.MakeDirectory("empty"),
            Mentions = s => s.Path("empty"),
        };

    // An empty directory is no tree: nothing is written into it either (not even tmp/kiln).
    private static readonly BadInput[] EmptyDirectoryAsTree =
    [
        EmptyTree("dump packages", "dump", "packages"),
        EmptyTree("targets", "targets"),
        EmptyTree("info", "info", "greeter"),
        EmptyTree("build", "build", "--target", "demo/small", "libgreet"),
        EmptyTree("plan", "plan", "demo/small"),
    ];

    public static TheoryData<string> EmptyDirectoryAsTreeCases => BadInput.Names(EmptyDirectoryAsTree);

    [Theory, MemberData(nameof(EmptyDirectoryAsTreeCases))]
    public void AnEmptyDirectoryGivenAsTheTreeIsRefused(string command) => BadInput.Check(EmptyDirectoryAsTree, command);
}
