using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Tests.Unit;

public sealed class EvaluatorTests
{
    private static Evaluator NewEvaluator(CollectingMakeOutput output) => new(new EvaluatorOptions
    {
        WorkingDirectory = "/tmp",
        Environment = new Dictionary<string, string>(),
        Output = output,
        MaxExpansionDepth = 200,
    });

    [Fact]
    public void ExpandsAgainstDefinedVariables()
    {
        var ev = NewEvaluator(new CollectingMakeOutput());
        ev.ReadText("t.mk", "a = 1\nb = $(a) $(words x y)\n");
        Assert.Equal("1 2", ev.ValueOf("b"));
        Assert.Null(ev.ValueOf("undefined"));
    }

    [Fact]
    public void EndlessCallRecursionStopsWithAnErrorAtTheVariable()
    {
        var ev = NewEvaluator(new CollectingMakeOutput());
        var e = Assert.Throws<UserError>(() => ev.ReadText("r.mk", "f = $(call f)\nx := $(call f)\n"));
        Assert.Equal("r.mk", e.Location.File);
        Assert.Equal(1, e.Location.Line);
        Assert.Contains("nested more than 200 levels", e.Reason);
    }

    [Fact]
    public void ErrorsFormatLikeMake()
    {
        var e = new UserError(new SourceLocation("pkg/Makefile", 12), "missing endef");
        Assert.Equal("pkg/Makefile:12: *** missing endef.  Stop.", e.MakeStyle("make"));
        Assert.Equal("make: *** No targets.  Stop.", new UserError(SourceLocation.None, "No targets").MakeStyle("make"));
    }

    [Fact]
    public void HangingShellCommandIsStopped()
    {
        var output = new CollectingMakeOutput();
        var ev = new Evaluator(new EvaluatorOptions
        {
            WorkingDirectory = "/tmp",
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            Output = output,
            ShellTimeout = TimeSpan.FromMilliseconds(300),
        });
        var e = Assert.Throws<UserError>(() => ev.ReadText("s.mk", "x := $(shell sleep 30)\n"));
        Assert.Equal(1, e.Location.Line);
        Assert.Contains("did not finish within", e.Reason);
    }
}
