namespace Kiln.Cli.Tests;

/// <summary>
/// Malformed Kconfig files (the tree's Config.in) and malformed .config files: one message
/// naming the file (and the line, for Config.in), whichever command reads them.
/// </summary>
public sealed class KconfigTests
{
    // Config.in has 14 lines: the appended "depends on" is line 17.
    private static BadInput BadExpression(string name, string[] command, IReadOnlyList<string> writes) =>
        new($"{name} with depends on (FOO in Config.in", BadInput.InTree(command))
        {
            Setup = s => s.Append("tree/Config.in", "config BROKEN\n\tbool\n\tdepends on (FOO\n"),
            MayWrite = writes,
            Mentions = _ => "Config.in:17: ",
        };

    private static readonly BadInput[] ConfigIn =
    [
        BadExpression("build --target pc/generic", ["build", "--target", "pc/generic", "libgreet"], Writes.Build),
        BadExpression("build --target demo/small", ["build", "--target", "demo/small", "libgreet"], Writes.Build),
        BadExpression("devices", ["devices", "demo/small"], Writes.Scan),
        BadExpression("plan", ["plan", "demo/small"], Writes.Scan),
        BadExpression("clean --target demo/small", ["clean", "--target", "demo/small"], Writes.Clean),
        new("devices with a source of a Kconfig file that does not exist", BadInput.InTree("devices", "demo/small"))
        {
            Setup = s => s.Append("tree/Config.in", "source \"config/nonexistent.in\"\n"),
            MayWrite = Writes.Scan,
            Mentions = _ => "config/nonexistent.in",
        },
        // Kconfig's own parser stops at the end of the file with the choice still open.
        new("devices with a choice that is never closed", BadInput.InTree("devices", "demo/small"))
        {
            Setup = s => s.Append("tree/Config.in", "choice\n\tprompt \"unclosed\"\nconfig UNCLOSED_A\n\tbool \"a\"\n"),
            MayWrite = Writes.Scan,
            Mentions = _ => "Config.in",
        },
    ];

    public static TheoryData<string> ConfigInCases => BadInput.Names(ConfigIn);

    [Theory, MemberData(nameof(ConfigInCases))]
    public void AMalformedConfigInIsNamedWithItsLine(string input) => BadInput.Check(ConfigIn, input);

    private static readonly byte[] BinaryBytes = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 151 % 256))];

    // What --target demo/small selects, less CONFIG_ARCH.
    private const string WithoutArch = """
        CONFIG_TARGET_demo=y
        CONFIG_TARGET_demo_small=y
        CONFIG_TARGET_BOARD="demo"
        CONFIG_TARGET_SUBTARGET="small"
        CONFIG_TARGET_ARCH_PACKAGES="mips_24kc"
        CONFIG_PACKAGE_libgreet=y

        """;

    private static readonly BadInput[] DotConfig =
    [
        new("build with a .config of garbage lines", BadInput.InTree("build", "libgreet"))
        {
            Setup = s => s.Write("tree/.config", "garbage line\n%%% more garbage\nCONFIG_\n=y\n"),
            MayWrite = Writes.Build,
            Mentions = _ => ".config",
        },
        new("build with a .config of binary bytes", BadInput.InTree("build", "libgreet"))
        {
            Setup = s => s.WriteBytes("tree/.config", BinaryBytes),
            MayWrite = Writes.Build,
            Mentions = _ => ".config",
        },
        new("clean with a .config of binary bytes", BadInput.InTree("clean"))
        {
            Setup = s => s.WriteBytes("tree/.config", BinaryBytes),
            MayWrite = Writes.Clean,
            Mentions = _ => ".config",
        },
        // The message names the file given, not the tree's .config (which does not exist here).
        new("devices --config of binary bytes", s => ["--topdir", s.Top, "devices", "demo/small", "--config", s.Path("binary.config")])
        {
            Setup = s => s.WriteBytes("binary.config", BinaryBytes),
            MayWrite = Writes.Scan,
            Mentions = _ => "binary.config",
        },
        new("build --config without CONFIG_ARCH", s => ["--topdir", s.Top, "build", "--config", s.Path("noarch.config"), "libgreet"])
        {
            Setup = s => s.Write("noarch.config", WithoutArch),
            MayWrite = Writes.Build,
            Mentions = _ => "CONFIG_ARCH",
        },
        new("build --config for an architecture without a toolchain", s => ["--topdir", s.Top, "build", "--config", s.Path("sparc.config"),
            "libgreet"])
        {
            Setup = s => s.Write("sparc.config", WithoutArch + "CONFIG_ARCH=\"sparc\"\n"),
            MayWrite = Writes.Build,
            Mentions = _ => "sparc",
        },
    ];

    public static TheoryData<string> DotConfigCases => BadInput.Names(DotConfig);

    [Theory, MemberData(nameof(DotConfigCases))]
    public void AMalformedDotConfigIsNamed(string input) => BadInput.Check(DotConfig, input);
}
