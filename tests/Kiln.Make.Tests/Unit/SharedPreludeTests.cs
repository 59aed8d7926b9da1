using System.Text;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Inputs;

namespace Kiln.Make.Tests.Unit;

/// <summary>
/// An evaluation that starts from a shared prelude's state ends exactly as one that reads the
/// statement itself: same variables in the same order, rules, makefiles, output and inputs.
/// </summary>
public sealed class SharedPreludeTests : IDisposable
{
    private const string Statement = "include $(TOP)/common.mk";
    private static readonly Dictionary<string, string> Environment = new() { ["PATH"] = "/usr/bin:/bin", ["HOME"] = "/root" };
    private readonly TemporaryDirectory _tree = new();

    public void Dispose() => _tree.Dispose();

    private const string Common = """
        X := 1
        SUBDIR := $(patsubst $(TOP)/%,%,$(CURDIR))
        IS_A := $(if $(filter a,$(SUBDIR)),1)
        INDIRECT = $(IS_A)
        LATER := $(INDIRECT)-x
        export EXPORTED := $(X)
        LAZY = $(X) $(CURDIR) $(SUBDIR)
        APPENDED += $(X)
        HERE := $(wildcard $(TOP)/present $(TOP)/absent) $(realpath $(TOP)/present)
        LISTED := $(wildcard $(TOP)/*.mk)
        -include $(TOP)/missing.mk
        include $(TOP)/nested.mk
        all:
        FORCE: ;
        .PHONY: FORCE
        show.%:
        	@echo $*
        """;

    private const string Package = """
        # A package: its header, then the shared statement.

        include $(TOP)/common.mk
        OWN := $(SUBDIR)-$(X)-$(NESTED)
        X := 2
        all: FORCE
        """;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_tree.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r", ""));
    }

    private void WriteTree(string common)
    {
        Write("common.mk", common);
        Write("nested.mk", "NESTED := $(lastword $(MAKEFILE_LIST))\n");
        Write("present", "");
        foreach (var name in new[] { "a", "b", "sub/c" }) Write(name + "/Makefile", Package);
    }

    /// <summary>Everything an evaluation of DIR/Makefile ends with, as text to compare.</summary>
    private string Evaluate(string directory, SharedPrelude? prelude)
    {
        var inputs = new InputLog(Environment);
        var output = new CollectingMakeOutput();
        var ev = new Evaluator(new EvaluatorOptions
        {
            WorkingDirectory = Path.Combine(_tree.Path, directory), SearchDefaultIncludeDirectories = false, Environment = Environment,
            CommandLineVariables = ["TOP=" + _tree.Path], Output = output, Inputs = inputs, Prelude = prelude,
        });
        var error = ev.Attempt(() => ev.ReadMakefile("Makefile"));
        var text = new StringBuilder();
        text.AppendLine(error?.Message);
        foreach (var v in ev.Variables.Global.All)
            text.AppendLine($"{v.Name} {v.Flavor} {v.Origin} {v.Export} {v.Location} = {v.Value} => {ev.ValueOf(v.Name)}");
        foreach (var rule in ev.Rules.All)
            text.AppendLine($"{string.Join(' ', rule.Targets)}: {rule.Prerequisites} | {string.Join(';', rule.Recipe)} at {rule.Location}");
        text.AppendLine(string.Join(' ', ev.ReadMakefiles)).AppendLine(string.Join(' ', ev.MissingIncludes));
        text.AppendLine(output.Stdout).AppendLine(output.Stderr);
        foreach (var input in inputs.Inputs) text.AppendLine(input.Describe());
        text.AppendLine(inputs.Repeatable ? "repeatable" : "not repeatable");
        return text.ToString();
    }

    private SharedPrelude EvaluateAll(params string[] directories)
    {
        var prelude = new SharedPrelude(Statement);
        foreach (var directory in directories)
            Assert.Equal(Evaluate(directory, null), Evaluate(directory, prelude));
        return prelude;
    }

    [Fact]
    public void AnEvaluationFromTheSharedStateEndsAsOneThatReadTheStatement()
    {
        WriteTree(Common);
        var prelude = EvaluateAll("a", "b", "sub/c", "a");
        Assert.True(prelude.IsShared);
        Assert.Contains("OWN simple File Default", Evaluate("sub/c", prelude));
        Assert.Contains("= sub/c-1-" + _tree.Path + "/nested.mk", Evaluate("sub/c", prelude));
        Assert.Contains("LATER simple File Default " + _tree.Path + "/common.mk:5 = 1-x", Evaluate("a", prelude));
    }

    [Fact]
    public void AMakefileThatStartsOtherwiseDoesNotTakeTheState()
    {
        WriteTree(Common);
        Write("other/Makefile", "Y := 1\n" + Package);
        var prelude = EvaluateAll("other");
        Assert.False(prelude.IsShared);
        EvaluateAll("a", "b");
    }

    [Theory]
    [InlineData("S := $(shell echo run)")]
    [InlineData("W := $(wildcard *.mk)")]
    [InlineData("R := $(realpath Makefile)")]
    [InlineData("ifeq ($(CURDIR),/)\nROOT := 1\nendif")]
    [InlineData("ifeq ($(IS_A),1)\nA := 1\nendif")]
    [InlineData("Y := $(LATER)\nY += $(X)")]
    [InlineData("define E :=\n$(SUBDIR)\nendef")]
    [InlineData("SUBDIR := again $(X)")]
    [InlineData("TOP := elsewhere")]
    [InlineData("SELF := $(CURDIR) $(SELF)")]
    [InlineData("LATE := $(CURDIR)\nLATE += more")]
    [InlineData("$(info hello)")]
    [InlineData("$(eval E := 1)")]
    [InlineData("include nested.mk")]
    [InlineData("undefine X")]
    [InlineData("t: V := target")]
    public void WhatMayDifferBetweenMakefilesKeepsNothing(string line)
    {
        WriteTree(Common + "\n" + line + "\n");
        var prelude = EvaluateAll("a", "b", "sub/c");
        Assert.False(prelude.IsShared);
    }

    [Fact]
    public void AnErrorInTheStatementIsReportedByEveryMakefile()
    {
        WriteTree("X := $(error broken)\n");
        var prelude = EvaluateAll("a", "b");
        Assert.False(prelude.IsShared);
        Assert.Contains("broken", Evaluate("b", prelude));
    }
}
