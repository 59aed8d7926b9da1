namespace Kiln.Cli.Tests;

/// <summary>
/// Bad option values, unknown names and malformed command lines: one "kiln: " message naming
/// what was wrong (not System.CommandLine's text, not a usage screen first). A value that cannot
/// be right is refused before any work, so nothing is created.
/// </summary>
public sealed class OptionTests
{
    private static BadInput Refused(string name, string mentions, params string[] arguments) =>
        new(name, BadInput.InTree(arguments)) { Mentions = _ => mentions };

    // A package with nothing to download or compile: cheap to build should the value be taken.
    private static BadInput RefusedBuild(string name, string mentions, params string[] options) =>
        new(name, BadInput.InTree(["build", "--target", "demo/small", .. options, "tiny"]))
        {
            Setup = s => s.AddPackage("tiny"),
            Mentions = _ => mentions,
        };

    private static BadInput Unknown(string name, string mentions, IReadOnlyList<string> writes, params string[] arguments) =>
        new(name, BadInput.InTree(arguments)) { Mentions = _ => mentions, MayWrite = writes };

    private static readonly BadInput[] Values =
    [
        // make refuses -j 0 and negative counts too ("the '-j' option requires a positive integer argument").
        RefusedBuild("build -j 0", "-j", "-j", "0"),
        RefusedBuild("build -j -3", "-j", "-j", "-3"),
        RefusedBuild("build -j abc", "abc", "-j", "abc"),
        RefusedBuild("build -j beyond an int", "99999999999", "-j", "99999999999"),
        RefusedBuild("build --step bogus", "bogus", "--step", "bogus"),
        Refused("make-eval --shell-timeout abc", "abc", "make-eval", "--shell-timeout", "abc"),
    ];

    public static TheoryData<string> ValueCases => BadInput.Names(Values);

    [Theory, MemberData(nameof(ValueCases))]
    public void ABadOptionValueIsRefusedBeforeAnyWork(string option) => BadInput.Check(Values, option);

    private static readonly BadInput[] UnknownNames =
    [
        Unknown("build --target nosuch/board", "nosuch/board", Writes.Build, "build", "--target", "nosuch/board", "greeter"),
        Unknown("clean --target nosuch/board", "nosuch/board", Writes.Clean, "clean", "--target", "nosuch/board"),
        Unknown("devices nosuch", "nosuch", Writes.Scan, "devices", "nosuch"),
        Unknown("devices demo/nosuch", "demo/nosuch", Writes.Scan, "devices", "demo/nosuch"),
        Unknown("device demo/small nosuchdevice", "nosuchdevice", Writes.Scan, "device", "demo/small", "nosuchdevice"),
        Unknown("plan demo/small --device nosuch", "nosuch", Writes.Scan, "plan", "demo/small", "--device", "nosuch"),
        Unknown("build nosuchpackage", "nosuchpackage", Writes.Build, "build", "--target", "demo/small", "nosuchpackage"),
        Unknown("build of a host build the package does not have", "greeter/host", Writes.Build, "build", "--target", "demo/small", "greeter/host"),
        Unknown("clean nosuchpackage", "nosuchpackage", Writes.Clean, "clean", "--target", "demo/small", "nosuchpackage"),
        Unknown("info nosuchpackage", "nosuchpackage", Writes.Scan, "info", "nosuchpackage"),
        new("info of a source package that no binary package shares its name with", BadInput.InTree("info", "duo"))
        {
            Setup = s => s.Write("tree/package/utils/duo/Makefile", """
                include $(TOPDIR)/rules.mk

                PKG_NAME:=duo
                PKG_VERSION:=1
                PKG_RELEASE:=1

                include $(INCLUDE_DIR)/package.mk

                define Package/duo-b
                  TITLE:=The second
                endef

                define Package/duo-a
                  TITLE:=The first
                endef

                $(eval $(call BuildPackage,duo-b))
                $(eval $(call BuildPackage,duo-a))

                """),
            MayWrite = Writes.Scan,
            Mentions = _ => "kiln: 'duo' is a source package (package/utils/duo/Makefile), not a binary package: kiln info takes one of its packages: duo-a duo-b\n",
        },
        new("build --config of a file that does not exist", s => ["--topdir", s.Top, "build", "--config", s.Path("nonexistent/.config"), "greeter"])
        {
            Mentions = s => s.Path("nonexistent/.config"),
        },
        new("devices --config of a file that does not exist", s => ["--topdir", s.Top, "devices", "demo/small", "--config",
            s.Path("nonexistent/.config")])
        {
            MayWrite = Writes.Scan,
            Mentions = s => s.Path("nonexistent/.config"),
        },
        new("plan --compare of a file that does not exist", s => ["--topdir", s.Top, "plan", "demo/small", "--compare", s.Path("nonexistent.dryrun")])
        {
            MayWrite = Writes.Scan,
            Mentions = s => s.Path("nonexistent.dryrun"),
        },
        Unknown("build without --target in a tree without .config", ".config", Writes.Nothing, "build", "greeter"),
    ];

    public static TheoryData<string> NameCases => BadInput.Names(UnknownNames);

    [Theory, MemberData(nameof(NameCases))]
    public void AnUnknownNameIsNamed(string input) => BadInput.Check(UnknownNames, input);

    private static readonly BadInput[] CommandLines =
    [
        Refused("no command at all", "command"),
        Refused("an unknown command", "frobnicate", "frobnicate"),
        RefusedBuild("an unknown option of build", "--frobnicate", "--frobnicate"),
        Refused("an option targets does not take", "--jobs", "targets", "--jobs", "3"),
        // The help to see is that of the subcommand given, not of the command that shares its last word.
        Refused("a value dump targets --stats does not take", "'maybe' (see 'kiln dump targets --help')", "dump", "targets", "--stats=maybe"),
        Refused("an option the root command does not take", "(see 'kiln --help')", "--frobnicate"),
        Refused("info without its NAME", "NAME", "info"),
        Refused("device without its NAME", "NAME", "device", "demo/small"),
        Refused("devices without its TARGET", "TARGET", "devices"),
        new("--topdir without its TREE", _ => ["targets", "--topdir"]) { NoTree = true, Mentions = _ => "--topdir" },
    ];

    public static TheoryData<string> CommandLineCases => BadInput.Names(CommandLines);

    [Theory, MemberData(nameof(CommandLineCases))]
    public void AMalformedCommandLineIsRefusedWithOneMessage(string commandLine) => BadInput.Check(CommandLines, commandLine);
}
