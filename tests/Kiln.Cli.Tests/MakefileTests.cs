namespace Kiln.Cli.Tests;

/// <summary>
/// Malformed Makefiles: make-eval prints exactly what GNU make 4.3 prints; the scans, info,
/// build and the target commands name the Makefile and line in make's form.
/// </summary>
public sealed class MakefileTests
{
    /// <summary>A broken line, the message GNU make gives for it and the line it names (1-based, in the broken text).</summary>
    private sealed record Breakage(string Name, string Text, string Message, int Line = 1);

    private static readonly Breakage[] Breakages =
    [
        new("missing endef", "define FOO\nbar\n", "missing 'endef', unterminated 'define'"),
        new("unterminated function call", "X := $(subst a,b,abc\n", "unterminated call to function 'subst': missing ')'"),
        new("missing separator", "all\n\techo\n", "missing separator"),
        new("error at top level", "A = 1\n$(error boom)\n", "boom", Line: 2),
        new("recursive variable loop", "A = $(B)\nB = $(A)\nX := $(A)\n", "Recursive variable 'A' references itself (eventually)"),
    ];

    private static readonly BadInput[] MakeEval =
    [
        .. Breakages.Select(b => new BadInput($"make-eval: {b.Name}", s => ["make-eval", "-f", s.Write("Makefile", b.Text)])
        {
            NoTree = true,
            Stderr = s => $"{s.Path("Makefile")}:{b.Line}: *** {b.Message}.  Stop.\n",
        }),
        new("make-eval: a makefile that does not exist", s => ["make-eval", "-f", s.Path("nonexistent.mk")])
        {
            NoTree = true,
            Stderr = s =>
                $"make: {s.Path("nonexistent.mk")}: No such file or directory\nmake: *** No rule to make target '{s.Path("nonexistent.mk")}'.  " +
                $"Stop.\n",
        },
        // GNU make: "make: unrecognized option '--frobnicate'" and its usage.
        new("make-eval: an unknown option", s => ["make-eval", "-f", s.Write("Makefile", "A = 1\n"), "--frobnicate"])
        {
            NoTree = true,
            Mentions = _ => "--frobnicate",
        },
    ];

    public static TheoryData<string> MakeEvalCases => BadInput.Names(MakeEval);

    [Theory, MemberData(nameof(MakeEvalCases))]
    public void MakeEvalPrintsWhatGnuMakePrints(string makefile) => BadInput.Check(MakeEval, makefile);

    private static BadInput BrokenPackage(string name, Breakage b, string[] command, IReadOnlyList<string> writes) =>
        new(name, BadInput.InTree(command))
        {
            Setup = s => s.AddPackage("bad", b.Text),
            MayWrite = writes,
            Mentions = _ => $"package/utils/bad/Makefile:{Scratch.PackageBodyLine + b.Line - 1}: *** {b.Message}.  Stop.",
        };

    private static readonly BadInput[] PackageMakefiles =
    [
        .. Breakages.Select(b => BrokenPackage($"dump packages: {b.Name}", b, ["dump", "packages"], Writes.Scan)),
        // The package asked for is not "missing": its Makefile is broken, and that is the message.
        BrokenPackage("info of a package whose Makefile stops with an error", Breakages[3], ["info", "bad"], Writes.Scan),
        BrokenPackage("build of a package with a missing separator", Breakages[2], ["build", "--target", "demo/small", "bad"], Writes.Build),
        BrokenPackage("build of a package with a missing endef", Breakages[0], ["build", "--target", "demo/small", "bad"], Writes.Build),
        new("dump packages: an include that does not exist", BadInput.InTree("dump", "packages"))
        {
            Setup = s => s.AddPackage("bad", "include nonexistent.mk"),
            MayWrite = Writes.Scan,
            Mentions = _ => $"package/utils/bad/Makefile:{Scratch.PackageBodyLine}: ",
        },
    ];

    public static TheoryData<string> PackageMakefileCases => BadInput.Names(PackageMakefiles);

    [Theory, MemberData(nameof(PackageMakefileCases))]
    public void ABrokenPackageMakefileIsNamedWithItsLine(string makefile) => BadInput.Check(PackageMakefiles, makefile);

    private const string BoardMakefile = "tree/target/linux/demo/Makefile";
    private const string SmallImages = "tree/target/linux/demo/image/small.mk";

    private static BadInput BrokenBoard(string command, params string[] arguments) =>
        new($"{command} with an unterminated define in the board Makefile", BadInput.InTree(arguments))
        {
            Setup = s => s.Append(BoardMakefile, "define Target/Oops\n"),
            MayWrite = command == "build" ? Writes.Build : Writes.Scan,
            // The board Makefile has 22 lines; the define is the 23rd.
            Mentions = _ => "target/linux/demo/Makefile:23: *** missing 'endef', unterminated 'define'.  Stop.",
        };

    private static readonly BadInput[] TargetMakefiles =
    [
        BrokenBoard("targets", "targets"),
        BrokenBoard("dump targets", "dump", "targets"),
        BrokenBoard("devices", "devices", "demo/small"),
        BrokenBoard("build", "build", "--target", "demo/small", "libgreet"),
        new("plan with an error at the top of the image Makefile", BadInput.InTree("plan", "demo/small"))
        {
            Setup = s => s.Write(SmallImages, "$(error image boom)\n" + File.ReadAllText(s.Path(SmallImages))),
            MayWrite = Writes.Scan,
            Mentions = _ => "target/linux/demo/image/small.mk:1: *** image boom.  Stop.",
        },
        new("device whose IMAGE_SIZE stops with an error", BadInput.InTree("device", "demo/small", "acme_r1"))
        {
            Setup = s => s.Replace(SmallImages, "IMAGE_SIZE := 7808k", "IMAGE_SIZE := $(error device boom)"),
            MayWrite = Writes.Scan,
            Matches = @"^target/linux/demo/image/small\.mk:\d+: \*\*\* Device/acme_r1: device boom\.",
        },
    ];

    public static TheoryData<string> TargetMakefileCases => BadInput.Names(TargetMakefiles);

    [Theory, MemberData(nameof(TargetMakefileCases))]
    public void ABrokenTargetMakefileIsNamedWithItsLine(string makefile) => BadInput.Check(TargetMakefiles, makefile);
}
