using BenchmarkDotNet.Attributes;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Syntax;

namespace Kiln.Make.Bench;

/// <summary>Hot paths of the make evaluator: expansion, $(call), word functions and reading whole files.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class MakeBenchmarks
{
    private const string Definitions = """
        words := $(foreach i,0 1 2 3 4 5 6 7 8 9,$(foreach j,0 1 2 3 4 5 6 7 8 9,$(foreach k,0 1 2 3 4 5 6 7 8 9,file$(i)$(j)$(k).c)))
        plain = just some text without references
        nested = $(a)-$(b)-$(c)
        a = A
        b = $(a)B
        c = $(b)C
        define Package
          PKG_$(1)_TITLE := $(2)
          PKG_$(1)_DEPS := $$(strip $(3))
          PKGS += $(1)
        endef
        tmpl = <$(1)|$(2)|$(3)>
        """;

    private Evaluator _evaluator = null!;
    private string _fileText = null!;

    [GlobalSetup]
    public void Setup()
    {
        _evaluator = NewEvaluator();
        _evaluator.ReadText("defs.mk", Definitions.Replace("\n        ", "\n"));
        var sb = new System.Text.StringBuilder(Definitions.Replace("\n        ", "\n")).Append('\n');
        for (var i = 0; i < 200; i++)
            sb.Append($"$(eval $(call Package,pkg{i},Title {i},+libc +dep{i % 7}))\n");
        sb.Append("ifeq ($(words $(PKGS)),200)\nok := yes\nendif\n");
        _fileText = sb.ToString();
    }

    private static Evaluator NewEvaluator() => new(new EvaluatorOptions
    {
        WorkingDirectory = "/tmp",
        Environment = new Dictionary<string, string>(),
        Output = new CollectingMakeOutput(),
    });

    [Benchmark]
    public string ExpandPlainText() => _evaluator.ValueOf("plain")!;

    [Benchmark]
    public string ExpandNestedReferences() => _evaluator.ValueOf("nested")!;

    [Benchmark]
    public string Call() => _evaluator.Expand("$(call tmpl,one,two,three)");

    [Benchmark]
    public string PatsubstOverThousandWords() => _evaluator.Expand("$(patsubst %.c,%.o,$(words))");

    [Benchmark]
    public string FilterAndSortThousandWords() => _evaluator.Expand("$(sort $(filter file1% file5%,$(words)))");

    [Benchmark]
    public object ParseOnly() => ExprParser.Parse("$(foreach p,$(PKGS),$(if $(filter +libc,$(PKG_$(p)_DEPS)),$(p)))");

    /// <summary>A 200-package file of $(eval $(call ...)) lines, read by a fresh evaluator each time.</summary>
    [Benchmark]
    public string? ReadWholeFile()
    {
        var ev = NewEvaluator();
        ev.ReadText("packages.mk", _fileText);
        return ev.ValueOf("ok");
    }
}
