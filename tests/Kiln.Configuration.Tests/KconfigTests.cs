using Kiln.Configuration.Choice;
using Kiln.Configuration.Kconfig;
using Kiln.Core.Errors;

namespace Kiln.Configuration.Tests;

/// <summary>Kiln's Kconfig reader, evaluator and .config writer against Kconfig's own semantics.</summary>
public sealed class KconfigTests : IDisposable
{
    /// <summary>The top directory of the tree the reader resolves "source" lines in.</summary>
    private readonly string _tree = Path.Combine(Path.GetTempPath(), "kiln-kconfig-" + Guid.NewGuid().ToString("N"));

    public KconfigTests() => Directory.CreateDirectory(_tree);

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    // ---- expressions ----

    [Theory]
    [InlineData("A || B && C", "A=y B=n C=n", 2)] // would be n if || bound tighter
    [InlineData("B && C || A", "A=y B=n C=n", 2)]
    [InlineData("(A || B) && C", "A=y B=y C=n", 0)]
    [InlineData("!A", "A=y", 0)]
    [InlineData("!A", "A=n", 2)]
    [InlineData("!A", "", 2)]
    [InlineData("!A && B", "A=n B=y", 2)]
    [InlineData("!(A || B)", "A=n B=y", 0)]
    [InlineData("A && B", "A=y B=m", 1)]
    [InlineData("A = y", "A=y", 2)]
    [InlineData("ARCH = \"mips\"", "ARCH=mips", 2)]
    [InlineData("ARCH = \"mips\"", "ARCH=arm", 0)]
    [InlineData("ARCH != \"mips\"", "ARCH=arm", 2)]
    [InlineData("ARCH=\"mips\" && A", "ARCH=mips A=y", 2)]
    public void ExpressionValue(string expression, string assignments, int expected)
    {
        var values = assignments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);
        Assert.Equal(expected, KconfigExpression.Parse(expression, "test").Evaluate(name => values.GetValueOrDefault(name, "")));
    }

    [Theory]
    [InlineData("A &&")]
    [InlineData("(A")]
    [InlineData("A B")]
    [InlineData("|| A")]
    [InlineData("ARCH = \"mips")]
    public void MalformedExpressionNamesItsLocation(string expression)
    {
        var error = Assert.Throws<UserError>(() => KconfigExpression.Parse(expression, "package/x/Config.in:7"));
        Assert.Contains("package/x/Config.in:7", error.Message);
    }

    // ---- defaults and dependencies ----

    [Fact]
    public void ConditionalDefaultNeedsItsConditionY()
    {
        const string text = """
            config FOO
                bool
            config BAR
                bool
                default y if FOO
            """;
        Assert.Equal("BAR=y", Show(Evaluate(text, ("FOO", "y")), "BAR"));
        Assert.Equal("BAR=n", Show(Evaluate(text, ("FOO", "n")), "BAR"));
        Assert.Equal("FOO=n BAR=n", Show(Evaluate(text), "FOO", "BAR"));
    }

    [Fact]
    public void FirstDefaultWhoseConditionHoldsWins()
    {
        var values = Evaluate("""
            config ON
                bool
                default y
            config S
                string
                default "first" if !ON
                default "second" if ON
                default "third"
            config B
                bool
                default n if ON
                default y
            """);
        Assert.Equal("S=second B=n", Show(values, "S", "B"));
    }

    [Fact]
    public void DefaultsMayNameLaterSymbols()
    {
        var values = Evaluate("""
            config EARLY
                bool
                default y if LATE
            config EARLY_TEXT
                string
                default LATE_TEXT
            config LATE
                bool
                default y
            config LATE_TEXT
                string
                default "late"
            """);
        Assert.Equal("EARLY=y EARLY_TEXT=late", Show(values, "EARLY", "EARLY_TEXT"));
    }

    [Fact]
    public void FailedDependsGivesBoolNAndLeavesOthersUnset()
    {
        const string text = """
            config GATE
                bool
            config B
                bool
                default y
                depends on GATE
            config I
                int
                depends on GATE
                default 16
            """;
        Assert.Equal("B=n I absent", Show(Evaluate(text), "B", "I"));
        Assert.Equal("B=y I=16", Show(Evaluate(text, ("GATE", "y")), "B", "I"));
    }

    [Fact]
    public void DefBoolDeclaresTypeAndDefault()
    {
        var symbols = Read("""
            config ON
                def_bool y
            config D
                def_bool y if ON && OFF
            """);
        Assert.All(symbols, s => Assert.Equal("bool", s.Type));
        Assert.Equal("ON=y D=n", Show(KconfigEvaluator.Evaluate(symbols, Given()), "ON", "D"));
    }

    [Fact]
    public void SelectForcesBoolYWhenSelectorIsYAndItsIfHolds()
    {
        var values = Evaluate("""
            config ON
                bool
                default y
            config OFF
                bool
            config SELECTOR
                bool
                default y
                select PLAIN
                select WHEN_ON if ON
                select WHEN_OFF if OFF
                select UNMET
            config IDLE
                bool
                select NOT_SELECTED
            config PLAIN
                bool
            config WHEN_ON
                bool
            config WHEN_OFF
                bool
            config UNMET
                bool
                depends on OFF
            config NOT_SELECTED
                bool
            """);
        // A select overrides the selected symbol's own dependencies (Kconfig only warns about it).
        Assert.Equal("PLAIN=y WHEN_ON=y WHEN_OFF=n UNMET=y NOT_SELECTED=n",
            Show(values, "PLAIN", "WHEN_ON", "WHEN_OFF", "UNMET", "NOT_SELECTED"));
    }

    [Fact]
    public void GivenValuesAreKept()
    {
        var values = Evaluate("""
            config A
                bool
                default n
            config B
                bool
                default y if A
            config S
                string
                default "default"
            """, ("A", "y"), ("S", "given"), ("NOT_DECLARED", "x"));
        Assert.Equal("A=y B=y S=given NOT_DECLARED=x", Show(values, "A", "B", "S", "NOT_DECLARED"));
    }

    [Fact]
    public void StringDefaultsAreUnquotedOrNameASymbol()
    {
        var values = Evaluate("""
            config QUOTED
                string
                default "ath79"
            config COPY
                string
                default TARGET_BOARD
            config I
                int
                default 16
            config H
                hex
                default 0x10
            """, ("TARGET_BOARD", "x86"));
        Assert.Equal("QUOTED=ath79 COPY=x86 I=16 H=0x10", Show(values, "QUOTED", "COPY", "I", "H"));
    }

    // ---- choices ----

    private const string ChoiceWithConditionalDefault = """
        config X
            bool
        choice
            prompt "pick"
            default B if X
            default C
        config A
            bool "a"
        config B
            bool "b"
        config C
            bool "c"
        endchoice
        """;

    [Fact]
    public void ChoiceTakesItsFirstDefaultWhoseConditionHolds()
    {
        Assert.Equal("A=n B=n C=y", Show(Evaluate(ChoiceWithConditionalDefault), "A", "B", "C"));
        Assert.Equal("A=n B=y C=n", Show(Evaluate(ChoiceWithConditionalDefault, ("X", "y")), "A", "B", "C"));
    }

    [Fact]
    public void ChoiceKeepsAGivenMember() =>
        Assert.Equal("A=y B=n C=n", Show(Evaluate(ChoiceWithConditionalDefault, ("X", "y"), ("A", "y")), "A", "B", "C"));

    [Fact]
    public void ChoiceWithoutDefaultTakesFirstVisibleMember()
    {
        var values = Evaluate("""
            config OFF
                bool
            choice
                prompt "pick"
            config A
                bool "a"
                depends on OFF
            config B
                bool "b"
            config C
                bool "c"
            endchoice
            """);
        Assert.Equal("A=n B=y C=n", Show(values, "A", "B", "C"));
    }

    [Fact]
    public void ChoiceDefaultNamingAnInvisibleMemberFallsThrough()
    {
        // Kconfig's sym_choice_default skips a default whose member is not visible.
        var values = Evaluate("""
            config OFF
                bool
            choice
                prompt "pick"
                default A
            config A
                bool "a"
                depends on OFF
            config B
                bool "b"
            endchoice
            """);
        Assert.Equal("A=n B=y", Show(values, "A", "B"));
    }

    [Fact]
    public void ChoiceWithFailedDependsLeavesAllMembersN()
    {
        var values = Evaluate("""
            config OFF
                bool
            choice
                prompt "pick"
                depends on OFF
                default A
            config A
                bool "a"
            config B
                bool "b"
            endchoice
            """);
        Assert.Equal("A=n B=n", Show(values, "A", "B"));
    }

    // ---- blocks ----

    [Fact]
    public void IfBlockAddsItsConditionToEveryEntry()
    {
        var values = Evaluate("""
            config ON
                bool
                default y
            config OFF
                bool
            if OFF
            config IN_OFF
                bool
                default y
            config IN_OFF_TEXT
                string
                default "x"
            endif
            if ON
            config IN_ON
                bool
                default y
            if OFF
            config NESTED
                bool
                default y
            endif
            endif
            config AFTER
                bool
                default y
            """);
        Assert.Equal("IN_OFF=n IN_OFF_TEXT absent IN_ON=y NESTED=n AFTER=y",
            Show(values, "IN_OFF", "IN_OFF_TEXT", "IN_ON", "NESTED", "AFTER"));
    }

    [Fact]
    public void MenuDependsAppliesToEveryEntryInside()
    {
        var values = Evaluate("""
            config OFF
                bool
            menu "Gated"
                depends on OFF
            config IN_MENU
                bool "in menu"
                default y
            endmenu
            menu "Open"
            config IN_OPEN_MENU
                bool "in open menu"
                default y
            endmenu
            config AFTER
                bool
                default y
            """);
        Assert.Equal("IN_MENU=n IN_OPEN_MENU=y AFTER=y", Show(values, "IN_MENU", "IN_OPEN_MENU", "AFTER"));
    }

    // ---- lexical details ----

    [Fact]
    public void TabSeparatedDefaultIfParses()
    {
        var values = Evaluate("""
            config ON
            <tab>bool
            <tab>default y
            config A
            <tab>bool
            <tab>default y<tab>if ON
            config B
            <tab>bool
            <tab>default y<tab>if !ON
            config S
            <tab>string
            <tab>default<tab>"tab"<tab>if ON
            """.Replace("<tab>", "\t"));
        Assert.Equal("A=y B=n S=tab", Show(values, "A", "B", "S"));
    }

    [Fact]
    public void IfInsideQuotesIsPartOfTheValue() =>
        Assert.Equal("S=a if b", Show(Evaluate("""
            config S
                string
                default "a if b"
            """), "S"));

    [Theory]
    [InlineData("help")]
    [InlineData("---help---")]
    public void HelpTextIsSkipped(string keyword)
    {
        var symbols = Read($$"""
            config FOO
                bool "foo"
                default y
                {{keyword}}
                  Not Kconfig, even where it looks like it:
                  config BAR
                  default n

                  depends on NOTHING
                  select BAZ
            config AFTER
                bool
                default y
            """);
        Assert.Equal(["FOO", "AFTER"], symbols.Select(s => s.Name));
        Assert.Equal("FOO=y AFTER=y BAZ absent", Show(KconfigEvaluator.Evaluate(symbols, Given()), "FOO", "AFTER", "BAZ"));
    }

    [Fact]
    public void HelpTextIndentedLikeTheHelpKeywordIsSkipped()
    {
        // Kconfig's lexer ends a help text at the first line indented less than the text's first
        // line (or at a line starting in column 0), not at the help keyword's indentation.
        var values = Evaluate("""
            config FOO
                bool "foo"
                default y
                help
                Foo works on every board, it
                depends on nothing
            config AFTER
                bool
                default y
            """);
        Assert.Equal("FOO=y AFTER=y", Show(values, "FOO", "AFTER"));
    }

    [Fact]
    public void CommentsOutsideQuotesAreIgnored()
    {
        var values = Evaluate("""
            # config NOT_A_SYMBOL
            config A # trailing comment
                bool
                default y # unless someone minds
            config S
                string
                default "a#b" # the first # is quoted
            config B
                bool
                depends on A # && OFF
                default y
            """);
        Assert.Equal("A=y S=a#b B=y NOT_A_SYMBOL absent", Show(values, "A", "S", "B", "NOT_A_SYMBOL"));
    }

    // ---- source ----

    [Fact]
    public void WildcardSourceReadsMatchesInSortedOrderRelativeToTheTop()
    {
        WriteFile("package/b/Config.in", """
            config B
                bool
            source "include/extra.in"
            """);
        WriteFile("package/a/Config.in", "config A\n    bool\n");
        WriteFile("package/c/Other.in", "config OTHER\n    bool\n");
        Directory.CreateDirectory(Path.Combine(_tree, "package", "d"));
        WriteFile("include/extra.in", "config EXTRA\n    bool\n");
        WriteFile("Config.in", """
            config FIRST
                bool
            source "package/*/Config.in"
            config LAST
                bool
            """);

        var reader = new KconfigReader(_tree);
        reader.ReadFile("Config.in");

        Assert.Equal(["FIRST", "A", "B", "EXTRA", "LAST"], reader.Symbols.Select(s => s.Name));
        Assert.Equal("package/a/Config.in:1", reader.Symbols[1].Location);
    }

    [Fact]
    public void ABaseFeedSourceIsReadFromPackageWhenTheTreeLacksTheFeedsBaseLink()
    {
        // A base package's Config text names its files as feeds/base/..., through the link OpenWrt's toplevel.mk makes to package/.
        WriteFile("package/utils/tool/Config.in", "config TOOL_OPTION\n    bool\n");
        var reader = new KconfigReader(_tree);
        reader.ReadText("\tsource \"feeds/base/utils/tool/Config.in\"\n", "Package/tool/config");
        Assert.Equal(["TOOL_OPTION"], reader.Symbols.Select(s => s.Name));
        Assert.Equal("package/utils/tool/Config.in:1", reader.Symbols[0].Location);
    }

    [Fact]
    public void ASourceNamingNoFileFromTheTopIsReadBesideTheFileThatSourcesIt()
    {
        WriteFile("package/utils/tool/Config.in", "source \"Config-defaults.in\"\nsource \"sub/Config.in\"\nsource \"include/top.in\"\n");
        WriteFile("package/utils/tool/Config-defaults.in", "config TOOL_DEFAULTS\n    bool\n");
        WriteFile("package/utils/tool/sub/Config.in", "config TOOL_SUB\n    bool\n");
        WriteFile("package/utils/tool/include/top.in", "config BESIDE\n    bool\n");
        WriteFile("include/top.in", "config TOP\n    bool\n");
        var reader = new KconfigReader(_tree);
        reader.ReadText("\tsource \"feeds/base/utils/tool/Config.in\"\n", "Package/tool/config");
        // The top wins when it has the file, as kconfig's glob from the top directory does.
        Assert.Equal(["TOOL_DEFAULTS", "TOOL_SUB", "TOP"], reader.Symbols.Select(s => s.Name));
    }

    [Fact]
    public void MissingSourceIsAnErrorNamingTheFile()
    {
        WriteFile("Config.in", "source \"config/missing.in\"\n");
        var error = Assert.Throws<UserError>(() => new KconfigReader(_tree).ReadFile("Config.in"));
        Assert.Contains("config/missing.in", error.Message);
    }

    [Fact]
    public void TmpSourcesAreIgnored()
    {
        WriteFile("tmp/.config-package.in", "config GENERATED\n    bool\n");
        WriteFile("Config.in", """
            source "tmp/.config-target.in"
            source "tmp/.config-package.in"
            config OWN
                bool
            """);
        var reader = new KconfigReader(_tree);
        reader.ReadFile("Config.in");
        Assert.Equal(["OWN"], reader.Symbols.Select(s => s.Name));
    }

    [Fact]
    public void SourcedEntriesInheritTheEnclosingIfAndMenu()
    {
        WriteFile("in-if.in", "config IN_IF\n    bool\n    default y\n");
        WriteFile("in-menu.in", "config IN_MENU\n    bool\n    default y\n");
        WriteFile("Config.in", """
            config OFF
                bool
            if OFF
            source "in-if.in"
            endif
            menu "Gated"
                depends on OFF
            source "in-menu.in"
            endmenu
            """);
        var reader = new KconfigReader(_tree);
        reader.ReadFile("Config.in");
        Assert.Equal("IN_IF=n IN_MENU=n", Show(KconfigEvaluator.Evaluate(reader.Symbols, Given()), "IN_IF", "IN_MENU"));
    }

    // ---- .config output ----

    [Fact]
    public void WriteFormatsEachType()
    {
        var symbols = Read("""
            config B_Y
                bool
            config B_N
                bool
            config S
                string
            config I
                int
            config H
                hex
            config UNSET
                int
            """);
        var values = Given(("B_Y", "y"), ("B_N", "n"), ("S", "v"), ("I", "16"), ("H", "0x10"));
        Assert.Equal("""
            CONFIG_B_Y=y
            # CONFIG_B_N is not set
            CONFIG_S="v"
            CONFIG_I=16
            CONFIG_H=0x10

            """, KconfigEvaluator.Write(symbols, values, []));
    }

    [Fact]
    public void WriteQuotesAnEvaluatedStringDefaultAgain()
    {
        var symbols = Read("""
            config S
                string
                default "x"
            """);
        Assert.Equal("CONFIG_S=\"x\"\n", KconfigEvaluator.Write(symbols, KconfigEvaluator.Evaluate(symbols, Given()), []));
    }

    [Fact]
    public void WritePutsExtraOrderFirst()
    {
        var symbols = Read("""
            config A
                bool
            config B
                bool
            """);
        var values = Given(("A", "y"), ("B", "y"), ("TARGET_BOARD", "ath79"), ("HAS_DEVICES", "y"));
        Assert.Equal("""
            CONFIG_TARGET_BOARD="ath79"
            CONFIG_B=y
            CONFIG_HAS_DEVICES=y
            CONFIG_A=y

            """, KconfigEvaluator.Write(symbols, values, ["TARGET_BOARD", "B", "HAS_DEVICES"]));
    }

    // ---- helpers ----

    private IReadOnlyList<KconfigSymbol> Read(string text)
    {
        var reader = new KconfigReader(_tree);
        reader.ReadText(text, "Config.in");
        return reader.Symbols;
    }

    private Dictionary<string, string> Evaluate(string text, params (string Name, string Value)[] given) =>
        KconfigEvaluator.Evaluate(Read(text), Given(given));

    private static Dictionary<string, string> Given(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    /// <summary>"A=y B absent": the named values in one string, so a failure shows all of them.</summary>
    private static string Show(Dictionary<string, string> values, params string[] names) =>
        string.Join(" ", names.Select(n => values.TryGetValue(n, out var v) ? $"{n}={v}" : $"{n} absent"));

    private void WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(_tree, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
