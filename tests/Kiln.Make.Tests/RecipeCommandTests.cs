using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Tests.Differential;

namespace Kiln.Make.Tests;

/// <summary>
/// How an expanded recipe becomes commands (make's start_job_command), and what a recipe sees:
/// its expansion with the target's own variables, and the environment make gives it.
/// </summary>
public sealed class RecipeCommandTests
{
    // ---- RecipeCommand.Split ----

    [Fact]
    public void EachUnescapedNewlineEndsACommand()
    {
        var commands = RecipeCommand.Split("echo one\necho two\necho three");
        Assert.Equal(["echo one", "echo two", "echo three"], commands.Select(c => c.Text));
        Assert.All(commands, c => Assert.False(c.Silent || c.IgnoreErrors || c.Recursive));
    }

    [Fact]
    public void TrailingNewlineAndEmptyCommandsAreDropped()
    {
        // Blank lines, lines of blanks only, and lines of nothing but prefixes run nothing.
        var commands = RecipeCommand.Split("\n \t\necho a\n@\n-+ \n\necho b\n");
        Assert.Equal(["echo a", "echo b"], commands.Select(c => c.Text));
        Assert.Empty(RecipeCommand.Split(""));
        Assert.Empty(RecipeCommand.Split("\n\n"));
    }

    [Theory]
    [InlineData("@echo x", true, false, false)]
    [InlineData("-echo x", false, true, false)]
    [InlineData("+echo x", false, false, true)]
    [InlineData("@-echo x", true, true, false)]
    [InlineData("-@echo x", true, true, false)]
    [InlineData("+-@echo x", true, true, true)]
    [InlineData("@+-echo x", true, true, true)]
    [InlineData(" @ - + echo x", true, true, true)]
    [InlineData("\t@\t-echo x", true, true, false)]
    [InlineData("@@--echo x", true, true, false)]
    public void PrefixesAreStrippedInAnyOrderAndSetTheirFlags(string line, bool silent, bool ignore, bool recursive)
    {
        var command = Assert.Single(RecipeCommand.Split(line));
        Assert.Equal(new RecipeCommand("echo x", silent, ignore, recursive), command);
    }

    [Fact]
    public void PrefixesAreReadPerCommand()
    {
        var commands = RecipeCommand.Split("@echo a\necho b\n-echo c");
        Assert.Equal(
            [new RecipeCommand("echo a", true, false, false), new RecipeCommand("echo b", false, false, false),
                new RecipeCommand("echo c", false, true, false)],
            commands);
    }

    [Fact]
    public void PrefixCharactersAfterTheCommandStartAreKept()
    {
        // Only the leading run is prefixes; "-" and "@" later on are the command's own text, as is
        // trailing white space (the shell sees it).
        var command = Assert.Single(RecipeCommand.Split("@rm -f a@b +c "));
        Assert.Equal(new RecipeCommand("rm -f a@b +c ", true, false, false), command);
    }

    [Fact]
    public void BackslashNewlineContinuesTheCommand()
    {
        var commands = RecipeCommand.Split("@echo a \\\nb\necho c");
        Assert.Equal(2, commands.Count);
        // The backslash-newline stays: the shell removes it, as with make.
        Assert.Equal(new RecipeCommand("echo a \\\nb", true, false, false), commands[0]);
        Assert.Equal("echo c", commands[1].Text);
    }

    [Theory]
    [InlineData("echo a\\\\\necho b", new[] { "echo a\\\\", "echo b" })]          // two backslashes: escaped backslash, newline ends
    [InlineData("echo a\\\\\\\nb", new[] { "echo a\\\\\\\nb" })]                   // three: the last escapes the newline
    [InlineData("echo a\\\\\\\\\nb", new[] { "echo a\\\\\\\\", "b" })]             // four: even again
    public void OnlyAnOddRunOfBackslashesEscapesTheNewline(string expanded, string[] expected)
    {
        Assert.Equal(expected, RecipeCommand.Split(expanded).Select(c => c.Text));
    }

    [Fact]
    public void OneTabAfterAContinuationIsDropped()
    {
        // The tab is the recipe prefix of the continued line: make removes exactly that one.
        Assert.Equal("echo a \\\nb", Assert.Single(RecipeCommand.Split("echo a \\\n\tb")).Text);
        Assert.Equal("echo a \\\n\tb", Assert.Single(RecipeCommand.Split("echo a \\\n\t\tb")).Text);
        Assert.Equal("x \\\ny \\\nz", Assert.Single(RecipeCommand.Split("x \\\n\ty \\\n\tz")).Text);
        // A space is not a recipe prefix: it stays.
        Assert.Equal("echo a \\\n b", Assert.Single(RecipeCommand.Split("echo a \\\n b")).Text);
    }

    [Fact]
    public void ContinuedCommandCanStartWithAPrefixedFirstLineOnly()
    {
        // "@" on a continuation line is not a prefix: it belongs to the command text.
        var commands = RecipeCommand.Split("-echo a \\\n\t@b\n@echo c");
        Assert.Equal(
            [new RecipeCommand("echo a \\\n@b", false, true, false), new RecipeCommand("echo c", true, false, false)],
            commands);
    }

    // ---- Evaluator.ExpandRecipe ----

    [Fact]
    public void RecipeExpansionPrefersTheTargetsVariables()
    {
        var ev = NewEvaluator(new Dictionary<string, string>());
        ev.ReadText("Makefile", "X = global\nY = g$(X)\nt: X = target\nt u:\n\t@echo $(X)\n");
        Assert.Equal("target gtarget t", ev.ExpandRecipe("$(X) $(Y) $@", "t"));
        // Another target, and the global value itself, are untouched.
        Assert.Equal("global gglobal u", ev.ExpandRecipe("$(X) $(Y) $@", "u"));
        Assert.Equal("global", ev.ValueOf("X"));
    }

    [Fact]
    public void RecipeExpansionSeesTargetAppendsOnTopOfTheGlobalValue()
    {
        var ev = NewEvaluator(new Dictionary<string, string>());
        ev.ReadText("Makefile", "CFLAGS = -O2\nt: CFLAGS += -g\nt:\n\t@:\n");
        Assert.Equal("cc -O2 -g -o t", ev.ExpandRecipe("cc $(CFLAGS) -o $@", "t"));
    }

    // ---- Evaluator.RecipeEnvironment ----

    [Fact]
    public void ExportedVariablesReachTheRecipeAndPlainOnesDoNot()
    {
        var ev = NewEvaluator(new Dictionary<string, string>());
        ev.ReadText("Makefile", "export KILN_A = a\nKILN_B = b\nKILN_C = c\nexport KILN_C\nt:\n\t@:\n");
        var environment = ev.RecipeEnvironment("t");
        Assert.Equal("a", environment["KILN_A"]);
        Assert.Equal("c", environment["KILN_C"]);
        Assert.False(environment.ContainsKey("KILN_B"));
    }

    [Fact]
    public void EnvironmentVariablesPassThroughUnlessUnexported()
    {
        var ev = NewEvaluator(new Dictionary<string, string> { ["KILN_ENV"] = "from-env", ["KILN_HIDDEN"] = "h" });
        ev.ReadText("Makefile", "unexport KILN_HIDDEN\nt:\n\t@:\n");
        var environment = ev.RecipeEnvironment("t");
        Assert.Equal("from-env", environment["KILN_ENV"]);
        Assert.False(environment.ContainsKey("KILN_HIDDEN"));
        // The variable still exists for the makefile; only the recipe does not get it.
        Assert.Equal("h", ev.ValueOf("KILN_HIDDEN"));
    }

    [Fact]
    public void TargetSpecificExportReachesOnlyThatTarget()
    {
        var ev = NewEvaluator(new Dictionary<string, string>());
        ev.ReadText("Makefile", "t: export KILN_Y = v\nt u:\n\t@:\n");
        Assert.Equal("v", ev.RecipeEnvironment("t")["KILN_Y"]);
        Assert.False(ev.RecipeEnvironment("u").ContainsKey("KILN_Y"));
    }

    [Fact]
    public void RecursiveExportsAreExpandedWithTheTargetsVariables()
    {
        var ev = NewEvaluator(new Dictionary<string, string>());
        // KILN_R refers to variables defined after it: expansion happens when the recipe runs.
        ev.ReadText("Makefile", "export KILN_R = $(PART)-$(KILN_L)\nPART = p\nt: KILN_L = local\nt u:\n\t@:\n");
        Assert.Equal("p-local", ev.RecipeEnvironment("t")["KILN_R"]);
        Assert.Equal("p-", ev.RecipeEnvironment("u")["KILN_R"]);
        // A simple variable keeps the value it had when it was set.
        ev.ReadText("more.mk", "export KILN_S := $(PART)\nPART = changed\n");
        Assert.Equal("p", ev.RecipeEnvironment("t")["KILN_S"]);
        Assert.Equal("changed-local", ev.RecipeEnvironment("t")["KILN_R"]);
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("0", "1")]
    [InlineData("2", "3")]
    public void MakeLevelIsOneDeeper(string? inherited, string expected)
    {
        var environment = new Dictionary<string, string>();
        if (inherited is not null) environment["MAKELEVEL"] = inherited;
        var ev = NewEvaluator(environment);
        ev.ReadText("Makefile", "t:\n\t@:\n");
        Assert.Equal(expected, ev.RecipeEnvironment("t")["MAKELEVEL"]);
        // make's own MAKELEVEL stays the inherited one.
        Assert.Equal(inherited ?? "0", ev.ValueOf("MAKELEVEL"));
    }

    /// <summary>
    /// GNU make 4.3 prints each recipe's environment; the KILN_* variables and MAKELEVEL in it must be
    /// those Kiln computes.
    /// </summary>
    [Fact]
    public void RecipeEnvironmentMatchesGnuMake()
    {
        const string makefile =
            "export KILN_A = a\n" +
            "KILN_B = plain\n" +
            "export KILN_R = $(KILN_L)-r\n" +
            "KILN_C := c\n" +
            "export KILN_C\n" +
            "unexport KILN_HIDDEN\n" +
            "KILN_E := new\n" +
            "unexport KILN_E\n" +
            "export KILN_E\n" +
            "t: export KILN_T = tv\n" +
            "t: KILN_L = local\n" +
            "u: export KILN_ENV += more\n";
        var environment = new Dictionary<string, string>
        {
            ["KILN_ENV"] = "e",
            ["KILN_E"] = "old",
            ["KILN_HIDDEN"] = "h",
            ["MAKELEVEL"] = "4",
        };
        AssertSameAsGnuMake(makefile, ["t", "u"], environment, IsKilnOrMakeLevel);
    }

    /// <summary>
    /// The corners of make's recipe environment: variables from the environment stay exported when
    /// the makefile assigns them, a target's value takes the global variable's export, MAKEFLAGS is
    /// exported, GNUMAKEFLAGS only when the environment had it, and SHELL is the environment's.
    /// </summary>
    [Theory]
    [InlineData("KILN_E = new\n", "KILN_E=old", "")]              // make: KILN_E=new (variables from the environment stay exported)
    [InlineData("t: KILN_E = tv\n", "KILN_E=old", "")]            // make: KILN_E=tv
    [InlineData("t: KILN_E += more\n", "KILN_E=old", "")]         // make: KILN_E=old more
    [InlineData("export KILN_A = a\nt: KILN_A = ta\n", "", "")]   // make: KILN_A=ta (a target's value takes the global export)
    [InlineData("", "", "MAKEFLAGS MFLAGS")]                      // make: MAKEFLAGS=s MFLAGS=-s
    [InlineData("", "", "GNUMAKEFLAGS")]                          // make: none unless the environment had it
    [InlineData("SHELL = /bin/bash\n", "SHELL=/bin/sh", "SHELL")] // make: SHELL=/bin/sh (the environment's, as POSIX asks)
    public void RecipeEnvironmentCornersMatchGnuMake(string makefile, string environmentVariable, string alsoCompared)
    {
        var environment = new Dictionary<string, string>();
        if (environmentVariable.Length > 0) environment[environmentVariable.Split('=')[0]] = environmentVariable.Split('=', 2)[1];
        var extra = alsoCompared.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        AssertSameAsGnuMake(makefile, ["t"], environment, name => IsKilnOrMakeLevel(name) || extra.Contains(name));
    }

    private static bool IsKilnOrMakeLevel(string name) => name.StartsWith("KILN_", StringComparison.Ordinal) || name == "MAKELEVEL";

    /// <summary>
    /// Gives <paramref name="makefile"/> a rule for <paramref name="targets"/> whose recipe prints its
    /// environment, runs GNU make for each target, and compares the variables <paramref name="compared"/>
    /// selects with those of Kiln's RecipeEnvironment.
    /// </summary>
    private static void AssertSameAsGnuMake(string makefile, string[] targets, Dictionary<string, string> extraEnvironment,
        Func<string, bool> compared)
    {
        GnuMake.EnsureInstalled();
        var environment = GnuMake.BaseEnvironment();
        foreach (var (k, v) in extraEnvironment) environment[k] = v;
        var directory = Path.Combine(Path.GetTempPath(), "kiln-recipe-env-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "Makefile"), makefile + string.Join(' ', targets) + ":\n\t@env\n");
            foreach (var target in targets)
            {
                var result = GnuMake.Run(["-s", target], directory, environment);
                Assert.True(result.ExitCode == 0, result.Stderr);
                var expected = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(line => compared(line[..line.IndexOf('=')]))
                    .Order(StringComparer.Ordinal)
                    .ToList();

                var ev = new Evaluator(new EvaluatorOptions
                {
                    WorkingDirectory = directory,
                    Environment = environment,
                    Output = new CollectingMakeOutput(),
                    SearchDefaultIncludeDirectories = false,
                    Goals = [target],
                });
                ev.ReadMakefile("Makefile");
                var actual = ev.RecipeEnvironment(target)
                    .Where(e => compared(e.Key))
                    .Select(e => $"{e.Key}={e.Value}")
                    .Order(StringComparer.Ordinal)
                    .ToList();
                Assert.Equal(expected, actual);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Evaluator NewEvaluator(IReadOnlyDictionary<string, string> environment) => new(new EvaluatorOptions
    {
        WorkingDirectory = Path.GetTempPath(),
        SearchDefaultIncludeDirectories = false,
        Environment = environment,
        Output = new CollectingMakeOutput(),
    });
}
