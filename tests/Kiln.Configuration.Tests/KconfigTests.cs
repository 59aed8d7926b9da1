using Kiln.Configuration.Kconfig;
using Kiln.Core.Errors;

namespace Kiln.Configuration.Tests;

/// <summary>
/// Kiln's Kconfig engine (parser, evaluator, conf's defconfig, .config writer) against the
/// semantics of OpenWrt's conf: values are what <c>conf --defconfig=seed</c> writes to .config.
/// A symbol the user sets in the seed needs a prompt, as in Kconfig; "X absent" means conf
/// does not write the symbol at all.
/// </summary>
public sealed class KconfigTests : IDisposable
{
    /// <summary>The top directory of the tree "source" lines are resolved in.</summary>
    private readonly string _tree = Path.Combine(Path.GetTempPath(), "kiln-kconfig-" + Guid.NewGuid().ToString("N"));

    public KconfigTests() => Directory.CreateDirectory(_tree);

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    private const string Header = "#\n# Automatically generated file; DO NOT EDIT.\n# Main menu\n#\n";

    // ---- expressions ----

    /// <summary>A, B and C are tristates the seed may set (modules are on), ARCH a string; T is "default y if EXPRESSION".</summary>
    private const string ExpressionKconfig = """
        config MODULES
        	bool
        	default y
        	modules
        config A
        	tristate "a"
        config B
        	tristate "b"
        config C
        	tristate "c"
        config ARCH
        	string "arch"
        config T
        	tristate
        	default y if EXPRESSION

        """;

    [Theory]
    [InlineData("A || B && C", "A=y B=n C=n", "y")] // would be n if || bound tighter
    [InlineData("B && C || A", "A=y B=n C=n", "y")]
    [InlineData("(A || B) && C", "A=y B=y C=n", "n")]
    [InlineData("!A", "A=y", "n")]
    [InlineData("!A", "A=n", "y")]
    [InlineData("!A", "", "y")]
    [InlineData("!A", "A=m", "m")]
    [InlineData("!A && B", "A=n B=y", "y")]
    [InlineData("!(A || B)", "A=n B=y", "n")]
    [InlineData("A && B", "A=y B=m", "m")]
    [InlineData("A = y", "A=y", "y")]
    [InlineData("A = y", "A=m", "n")]
    [InlineData("ARCH = \"mips\"", "ARCH=mips", "y")]
    [InlineData("ARCH = \"mips\"", "ARCH=arm", "n")]
    [InlineData("ARCH != \"mips\"", "ARCH=arm", "y")]
    [InlineData("ARCH=\"mips\" && A", "ARCH=mips A=y", "y")]
    [InlineData("UNDECLARED", "", "n")]
    public void ExpressionValue(string expression, string assignments, string expected)
    {
        var seed = assignments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('='))
            .Select(a => a[0] == "ARCH" ? $"CONFIG_ARCH=\"{a[1]}\"" : $"CONFIG_{a[0]}={a[1]}").ToArray();
        var run = Defconfig(ExpressionKconfig.Replace("EXPRESSION", expression), seed);
        Assert.Equal($"T={expected}", Value(run, "T"));
    }

    [Fact]
    public void EvaluatorEvaluatesAParsedExpression()
    {
        var run = Defconfig(ExpressionKconfig.Replace("EXPRESSION", "A && !B"), "CONFIG_A=y", "CONFIG_B=m");
        var condition = run.Tree.Find("T")!.OfKind(PropertyKind.Default).Single().Visible.Expr;
        Assert.Equal("A && !B", condition!.ToString());
        Assert.Equal(Tristate.Mod, run.Evaluator.Evaluate(condition));
    }

    [Theory]
    [InlineData("A &&")]
    [InlineData("(A")]
    [InlineData("A B")]
    [InlineData("|| A")]
    public void MalformedExpressionIsASyntaxErrorNamingItsFile(string expression)
    {
        var error = Assert.Throws<UserError>(() =>
            KconfigTree.Parse($"config T\n\tbool\n\tdefault y if {expression}\n", "package/x/Config.in", _tree));
        Assert.StartsWith("package/x/Config.in:", error.Message);
        Assert.Contains("syntax error", error.Message);
    }

    [Fact]
    public void UnterminatedStringIsOnlyAWarning()
    {
        // Kconfig's lexer ends the string at the end of the line and warns.
        var run = Defconfig("config ARCH\n\tstring\n\tdefault \"mips\nconfig T\n\tbool\n\tdefault y if ARCH = \"mips\"\n");
        Assert.Equal("ARCH=mips T=y", Show(run, "ARCH", "T"));
        Assert.Contains("Config.in:3:warning: multi-line strings not supported", run.Tree.Warnings);
    }

    // ---- defaults and dependencies ----

    [Fact]
    public void ConditionalDefaultAppliesOnlyWhenItsConditionHolds()
    {
        const string text = """
            config FOO
                bool "foo"
            config BAR
                bool
                default y if FOO
            """;
        Assert.Equal("FOO=y BAR=y", Show(Defconfig(text, "CONFIG_FOO=y"), "FOO", "BAR"));
        Assert.Equal("FOO=n BAR absent", Show(Defconfig(text, "# CONFIG_FOO is not set"), "FOO", "BAR"));
        var unset = Defconfig(text);
        Assert.Equal("FOO=n BAR absent", Show(unset, "FOO", "BAR"));
        Assert.Equal("BAR=n", Value(unset, "BAR"));
    }

    [Fact]
    public void FirstDefaultWhoseConditionHoldsWins()
    {
        var run = Defconfig("""
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
        // OpenWrt's conf writes a promptless bool whose default applies even when that default is n.
        Assert.Equal("S=second B=n", Show(run, "S", "B"));
    }

    [Fact]
    public void DefaultsMayNameLaterSymbols()
    {
        var run = Defconfig("""
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
        Assert.Equal("EARLY=y EARLY_TEXT=late", Show(run, "EARLY", "EARLY_TEXT"));
    }

    [Fact]
    public void FailedDependsGivesBoolNAndLeavesTheSymbolsOut()
    {
        const string text = """
            config GATE
                bool "gate"
            config B
                bool
                default y
                depends on GATE
            config I
                int
                depends on GATE
                default 16
            """;
        var closed = Defconfig(text);
        Assert.Equal("B absent I absent", Show(closed, "B", "I"));
        Assert.Equal("B=n I=", Value(closed, "B", "I"));
        Assert.Equal("B=y I=16", Show(Defconfig(text, "CONFIG_GATE=y"), "B", "I"));
    }

    [Fact]
    public void DefBoolDeclaresTypeAndDefault()
    {
        var run = Defconfig("""
            config ON
                def_bool y
            config D
                def_bool y if ON && OFF
            config COPY
                def_bool ON
            """);
        Assert.All(["ON", "D", "COPY"], name => Assert.Equal(SymbolType.Boolean, run.Tree.Find(name)!.Type));
        Assert.Equal("ON=y D absent COPY=y", Show(run, "ON", "D", "COPY"));
        Assert.Equal("D=n", Value(run, "D"));
    }

    [Fact]
    public void SelectForcesBoolYWhenSelectorIsYAndItsIfHolds()
    {
        var run = Defconfig("""
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
        // OpenWrt's conf (unlike the kernel's) does not let a select raise a symbol whose own
        // dependencies are unmet: UNMET stays n, though written because something selects it.
        Assert.Equal("PLAIN=y WHEN_ON=y WHEN_OFF absent UNMET=n NOT_SELECTED absent",
            Show(run, "PLAIN", "WHEN_ON", "WHEN_OFF", "UNMET", "NOT_SELECTED"));
        Assert.Equal("WHEN_OFF=n NOT_SELECTED=n", Value(run, "WHEN_OFF", "NOT_SELECTED"));
    }

    [Fact]
    public void GivenValuesAreKept()
    {
        var run = Defconfig("""
            config A
                bool "a"
                default n
            config B
                bool
                default y if A
            config S
                string "s"
                default "default"
            config HIDDEN
                string
                default "default"
            """, "CONFIG_A=y", "CONFIG_S=\"given\"", "CONFIG_HIDDEN=\"given\"", "CONFIG_NOT_DECLARED=x");
        // Only a symbol with a prompt takes the user's value; an undeclared one is dropped.
        Assert.Equal("A=y B=y S=given HIDDEN=default NOT_DECLARED absent", Show(run, "A", "B", "S", "HIDDEN", "NOT_DECLARED"));
    }

    [Fact]
    public void StringDefaultsAreUnquotedOrNameASymbol()
    {
        var run = Defconfig("""
            config TARGET_BOARD
                string "board"
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
            """, "CONFIG_TARGET_BOARD=\"x86\"");
        Assert.Equal("QUOTED=ath79 COPY=x86 I=16 H=0x10", Show(run, "QUOTED", "COPY", "I", "H"));
    }

    // ---- choices ----

    private const string ChoiceWithConditionalDefault = """
        config X
            bool "x"
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
        Assert.Equal("A=n B=n C=y", Show(Defconfig(ChoiceWithConditionalDefault), "A", "B", "C"));
        Assert.Equal("A=n B=y C=n", Show(Defconfig(ChoiceWithConditionalDefault, "CONFIG_X=y"), "A", "B", "C"));
    }

    [Fact]
    public void ChoiceKeepsAGivenMember() =>
        Assert.Equal("A=y B=n C=n", Show(Defconfig(ChoiceWithConditionalDefault, "CONFIG_X=y", "CONFIG_A=y"), "A", "B", "C"));

    [Fact]
    public void ChoiceWithoutDefaultTakesFirstVisibleMember()
    {
        var run = Defconfig("""
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
        Assert.Equal("A absent B=y C=n", Show(run, "A", "B", "C"));
        Assert.Equal("A=n", Value(run, "A"));
    }

    [Fact]
    public void ChoiceDefaultNamingAnInvisibleMemberFallsThrough()
    {
        // Kconfig's sym_choice_default skips a default whose member is not visible.
        var run = Defconfig("""
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
        Assert.Equal("A absent B=y", Show(run, "A", "B"));
        Assert.Equal("A=n", Value(run, "A"));
    }

    [Fact]
    public void ChoiceWithFailedDependsLeavesAllMembersN()
    {
        var run = Defconfig("""
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
        Assert.Equal("A absent B absent", Show(run, "A", "B"));
        Assert.Equal("A=n B=n", Value(run, "A", "B"));
    }

    // ---- blocks ----

    [Fact]
    public void IfBlockAddsItsConditionToEveryEntry()
    {
        var run = Defconfig("""
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
        Assert.Equal("IN_OFF absent IN_OFF_TEXT absent IN_ON=y NESTED absent AFTER=y",
            Show(run, "IN_OFF", "IN_OFF_TEXT", "IN_ON", "NESTED", "AFTER"));
        Assert.Equal("IN_OFF=n IN_OFF_TEXT= NESTED=n", Value(run, "IN_OFF", "IN_OFF_TEXT", "NESTED"));
        Assert.Equal("ON && OFF", run.Tree.Find("NESTED")!.DirectDependency.Expr!.ToString());
    }

    [Fact]
    public void MenuDependsAppliesToEveryEntryInside()
    {
        var run = Defconfig("""
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
        Assert.Equal("IN_MENU absent IN_OPEN_MENU=y AFTER=y", Show(run, "IN_MENU", "IN_OPEN_MENU", "AFTER"));
        Assert.Equal("IN_MENU=n", Value(run, "IN_MENU"));
        Assert.DoesNotContain("# Gated", run.Config);
        Assert.Contains("# Open", run.Config);
    }

    // ---- lexical details ----

    [Fact]
    public void TabSeparatedDefaultIfParses()
    {
        var run = Defconfig("""
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
        Assert.Equal("A=y B absent S=tab", Show(run, "A", "B", "S"));
        Assert.Equal("B=n", Value(run, "B"));
    }

    [Fact]
    public void IfInsideQuotesIsPartOfTheValue() =>
        Assert.Equal("S=a if b", Show(Defconfig("""
            config S
                string
                default "a if b"
            """), "S"));

    [Fact]
    public void HelpTextIsSkipped()
    {
        var run = Defconfig("""
            config FOO
                bool "foo"
                default y
                help
                  Not Kconfig, even where it looks like it:
                  config BAR
                  default n

                  depends on NOTHING
                  select BAZ
            config AFTER
                bool
                default y
            """);
        Assert.Equal(["FOO", "AFTER"], run.Tree.Symbols.Select(s => s.Name));
        Assert.Equal("FOO=y AFTER=y BAZ absent", Show(run, "FOO", "AFTER", "BAZ"));
        Assert.StartsWith("Not Kconfig, even where it looks like it:\nconfig BAR\n", run.Tree.Find("FOO")!.Menus[0].Help);
    }

    [Fact]
    public void HelpTextIndentedLikeTheHelpKeywordIsSkipped()
    {
        // Kconfig's lexer ends a help text at the first line indented less than the text's first
        // line (or at a line starting in column 0), not at the help keyword's indentation.
        var run = Defconfig("""
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
        Assert.Equal("FOO=y AFTER=y", Show(run, "FOO", "AFTER"));
        Assert.Null(run.Tree.Find("nothing"));
    }

    [Fact]
    public void CommentsOutsideQuotesAreIgnored()
    {
        var run = Defconfig("""
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
        Assert.Equal("A=y S=a#b B=y NOT_A_SYMBOL absent", Show(run, "A", "S", "B", "NOT_A_SYMBOL"));
        Assert.Null(run.Tree.Find("NOT_A_SYMBOL"));
        Assert.Null(run.Tree.Find("OFF"));
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

        var tree = KconfigTree.Load(_tree, "Config.in");

        Assert.Equal(["FIRST", "A", "B", "EXTRA", "LAST"], tree.Symbols.Select(s => s.Name));
        Assert.Equal("package/a/Config.in", tree.Find("A")!.Menus.Single().File);
    }

    [Fact]
    public void AnEntryIsPlacedOnItsConfigLine()
    {
        // conf (Linux 6.1): "Kconfig:3:error: recursive dependency detected!" / "Kconfig:3:\tsymbol A depends on A".
        var tree = KconfigTree.Parse("config X\n\tbool\nconfig A\n\tbool\n\tdepends on A\n", "Kconfig", _tree);
        Assert.Equal(1, tree.Find("X")!.Menus.Single().Line);
        Assert.Equal(3, tree.Find("A")!.Menus.Single().Line);
        Assert.Contains("Kconfig:3:error: recursive dependency detected!", string.Join("\n", tree.Warnings));
    }

    [Fact]
    public void ABaseFeedSourceIsReadFromPackageWhenTheTreeLacksTheFeedsBaseLink()
    {
        // A base package's Config text names its files as feeds/base/..., through the link OpenWrt's toplevel.mk makes to package/.
        WriteFile("package/utils/tool/Config.in", "config TOOL_OPTION\n    bool\n");
        var tree = KconfigTree.Parse("\tsource \"feeds/base/utils/tool/Config.in\"\n", "Package/tool/config", _tree,
            KconfigSourceOverrides.ForOpenWrtTree());
        Assert.Equal(["TOOL_OPTION"], tree.Symbols.Select(s => s.Name));
        Assert.Equal("package/utils/tool/Config.in", tree.Find("TOOL_OPTION")!.Menus.Single().File);
    }

    [Fact]
    public void ASourceNamingNoFileFromTheTopIsReadBesideTheFileThatSourcesIt()
    {
        WriteFile("package/utils/tool/Config.in", "source \"Config-defaults.in\"\nsource \"sub/Config.in\"\nsource \"include/top.in\"\n");
        WriteFile("package/utils/tool/Config-defaults.in", "config TOOL_DEFAULTS\n    bool\n");
        WriteFile("package/utils/tool/sub/Config.in", "config TOOL_SUB\n    bool\n");
        WriteFile("package/utils/tool/include/top.in", "config BESIDE\n    bool\n");
        WriteFile("include/top.in", "config TOP\n    bool\n");
        var tree = KconfigTree.Parse("\tsource \"feeds/base/utils/tool/Config.in\"\n", "Package/tool/config", _tree,
            KconfigSourceOverrides.ForOpenWrtTree());
        // The top wins when it has the file, as OpenWrt's conf globs from the top directory first.
        Assert.Equal(["TOOL_DEFAULTS", "TOOL_SUB", "TOP"], tree.Symbols.Select(s => s.Name));
    }

    [Fact]
    public void MissingSourceIsAnErrorNamingTheFile()
    {
        WriteFile("Config.in", "config A\n    bool\nsource \"config/missing.in\"\n");
        var error = Assert.Throws<UserError>(() => KconfigTree.Load(_tree, "Config.in"));
        Assert.Equal("Config.in:3: glob failed: No files found \"config/missing.in\"", error.Message);
    }

    [Fact]
    public void MissingTmpSourcesReadAsEmptyAndGeneratedTextIsReadInstead()
    {
        WriteFile("Config.in", """
            source "tmp/.config-target.in"
            source "tmp/.config-package.in"
            config OWN
                bool
            """);
        var tree = KconfigTree.Load(_tree, "Config.in", KconfigSourceOverrides.ForOpenWrtTree());
        Assert.Equal(["OWN"], tree.Symbols.Select(s => s.Name));

        var overrides = KconfigSourceOverrides.ForOpenWrtTree();
        overrides.Add("tmp/.config-package.in", "config GENERATED\n    bool\n");
        tree = KconfigTree.Load(_tree, "Config.in", overrides);
        Assert.Equal(["GENERATED", "OWN"], tree.Symbols.Select(s => s.Name));

        // Outside an OpenWrt tree a missing tmp/ file is as missing as any other.
        var error = Assert.Throws<UserError>(() => KconfigTree.Load(_tree, "Config.in"));
        Assert.Contains("tmp/.config-target.in", error.Message);
    }

    [Fact]
    public void SourcedEntriesInheritTheEnclosingIfAndMenu()
    {
        WriteFile("in-if.in", "config IN_IF\n    bool\n    default y\n");
        WriteFile("in-menu.in", "config IN_MENU\n    bool\n    default y\n");
        WriteFile("outside.in", "config OUTSIDE\n    bool\n    default y\n");
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
            source "outside.in"
            """);
        var evaluator = new KconfigEvaluator(KconfigTree.Load(_tree, "Config.in"));
        KconfigConf.Complete(evaluator, ConfMode.Defconfig, "", "seed");
        var run = new Run(evaluator.Tree, evaluator, ConfigFileWriter.Write(evaluator));
        Assert.Equal("IN_IF absent IN_MENU absent OUTSIDE=y", Show(run, "IN_IF", "IN_MENU", "OUTSIDE"));
        Assert.Equal("IN_IF=n IN_MENU=n", Value(run, "IN_IF", "IN_MENU"));
    }

    [Fact]
    public void ConfRunReadsTheSeedFileAndWritesTheConfig()
    {
        WriteFile("Config.in", "config A\n    bool \"a\"\nconfig B\n    bool\n    default y if A\n");
        WriteFile("seed", "CONFIG_A=y\n");
        var result = KconfigConf.Run(_tree, "Config.in", ConfMode.Defconfig, "seed");
        Assert.Equal(Header + "CONFIG_A=y\nCONFIG_B=y\n", result.Config);
        Assert.Throws<UserError>(() => KconfigConf.Run(_tree, "Config.in", ConfMode.Defconfig, "no-such-seed"));
    }

    // ---- .config output ----

    [Fact]
    public void WriteFormatsEachType()
    {
        var run = Defconfig("""
            config B_Y
                bool "b_y"
            config B_N
                bool "b_n"
            config S
                string "s"
            config I
                int "i"
            config H
                hex "h"
            config UNSET
                int
            """, "CONFIG_B_Y=y", "# CONFIG_B_N is not set", "CONFIG_S=\"v\"", "CONFIG_I=16", "CONFIG_H=0x10", "CONFIG_UNSET=3");
        Assert.Equal(Header + """
            CONFIG_B_Y=y
            # CONFIG_B_N is not set
            CONFIG_S="v"
            CONFIG_I=16
            CONFIG_H=0x10

            """, run.Config);
    }

    [Fact]
    public void WriteQuotesAnEvaluatedStringDefaultAgain()
    {
        var run = Defconfig("""
            config S
                string
                default "x"
            config ESCAPED
                string
                default "a\"b\\c"
            """);
        Assert.Equal(Header + "CONFIG_S=\"x\"\nCONFIG_ESCAPED=\"a\\\"b\\\\c\"\n", run.Config);
        Assert.Equal("ESCAPED=a\"b\\c", Value(run, "ESCAPED"));
    }

    [Fact]
    public void WriteFollowsMenuOrderWithMenuAndCommentBlocks()
    {
        var run = Defconfig("""
            config A
                bool "a"
                default y
            menu "Sub"
            config B
                bool "b"
                default y
            comment "note"
            endmenu
            config C
                bool "c"
                default y
            """);
        Assert.Equal(Header + """
            CONFIG_A=y

            #
            # Sub
            #
            CONFIG_B=y

            #
            # note
            #
            # end of Sub

            CONFIG_C=y

            """, run.Config);
    }

    // ---- helpers ----

    private sealed record Run(KconfigTree Tree, KconfigEvaluator Evaluator, string Config);

    /// <summary>As <c>conf --defconfig=seed Config.in</c> with the seed's lines.</summary>
    private Run Defconfig(string text, params string[] seed)
    {
        var tree = KconfigTree.Parse(text, "Config.in", _tree);
        var evaluator = new KconfigEvaluator(tree);
        KconfigConf.Complete(evaluator, ConfMode.Defconfig, string.Concat(seed.Select(line => line + "\n")), "seed");
        return new Run(tree, evaluator, ConfigFileWriter.Write(evaluator));
    }

    /// <summary>"A=y B absent": the named symbols as the .config has them (strings unquoted), so a failure shows all of them.</summary>
    private static string Show(Run run, params string[] names)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in run.Config.Split('\n'))
        {
            if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(" is not set", StringComparison.Ordinal))
                values[line["# CONFIG_".Length..^" is not set".Length]] = "n";
            else if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && line.IndexOf('=') is > 0 and var equals)
            {
                var value = line[(equals + 1)..];
                if (value.StartsWith('"')) value = value[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\");
                values[line["CONFIG_".Length..equals]] = value;
            }
        }
        return string.Join(" ", names.Select(n => values.TryGetValue(n, out var v) ? $"{n}={v}" : $"{n} absent"));
    }

    /// <summary>"A=n B=": the named symbols' values as the evaluator has them, written or not.</summary>
    private static string Value(Run run, params string[] names) =>
        string.Join(" ", names.Select(n =>
        {
            var symbol = run.Tree.Find(n) ?? throw new InvalidOperationException($"{n} is not declared");
            run.Evaluator.CalcValue(symbol);
            return $"{n}={run.Evaluator.StringValue(symbol)}";
        }));

    private void WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(_tree, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
