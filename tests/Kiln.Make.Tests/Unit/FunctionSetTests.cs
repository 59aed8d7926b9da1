using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;

namespace Kiln.Make.Tests.Unit;

/// <summary>Functions a program adds belong to one evaluator; text parsed once serves evaluators with and without them.</summary>
public sealed class FunctionSetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-functions-").FullName;
    private readonly SourceCache _sources = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly FunctionSet Join = FunctionSet.Empty.With("test-join", 2, 2, (_, args) => $"{args[0]}+{args[1]}");

    private string Read(string makefile, FunctionSet functions)
    {
        File.WriteAllText(Path.Combine(_directory, "Makefile"), makefile);
        var output = new CollectingMakeOutput();
        var ev = new Evaluator(new EvaluatorOptions
        {
            WorkingDirectory = _directory,
            SearchDefaultIncludeDirectories = false,
            Environment = new Dictionary<string, string>(),
            Output = output,
            Sources = _sources,
            Functions = functions,
        });
        ev.ReadMakefile("Makefile");
        return output.Stdout;
    }

    [Fact]
    public void AddedFunctionsAreCalledWithExpandedArguments()
    {
        // Without a space after its name, make reads the reference as a variable, as for built-in functions.
        Assert.Equal("x+y\n[]\n", Read("a := x\n$(info $(test-join $(a),y))\n$(info [$(test-join)])\n", Join));
    }

    [Fact]
    public void CallReachesAnAddedFunction() =>
        Assert.Equal("p+q\n", Read("$(info $(call test-join,p,q))\n", Join));

    [Fact]
    public void WithoutTheFunctionTheTextIsTheVariableReferenceMakeReads()
    {
        // GNU make reads "$(test-join a,b)" as the variable "test-join a,b", which no makefile line can define.
        Assert.Equal("[] []\n", Read("$(info [$(test-join a,b)] [$(test-join c,d:%=x)])\n", FunctionSet.Empty));
    }

    [Fact]
    public void EvaluatorsSharingParsedTextKeepTheirOwnFunctions()
    {
        var include = Path.Combine(_directory, "shared.mk");
        File.WriteAllText(include, "$(info $(test-join 1,2))\n");
        var upper = FunctionSet.Empty.With("test-join", 2, 2, (_, args) => $"{args[0]}|{args[1]}".ToUpperInvariant());
        Assert.Equal("1+2\n", Read("include shared.mk\n", Join));
        Assert.Equal("1|2\n", Read("include shared.mk\n", upper));
        Assert.Equal("\n", Read("include shared.mk\n", FunctionSet.Empty));
    }

    [Fact]
    public void TheLastArgumentTakesTheRestOfTheText() =>
        Assert.Equal("a+b,c\n", Read("$(info $(test-join a,b,c))\n", Join));

    [Fact]
    public void TooFewArgumentsIsMakesError()
    {
        var e = Assert.Throws<Kiln.Core.Errors.UserError>(() => Read("x := $(test-join a)\n", Join));
        Assert.Equal("insufficient number of arguments (1) to function 'test-join'", e.Reason);
    }

    [Fact]
    public void MakesOwnFunctionsCannotBeReplacedNorANameAddedTwice()
    {
        Assert.Throws<ArgumentException>(() => FunctionSet.Empty.With("shell", 1, 1, (_, _) => ""));
        Assert.Throws<ArgumentException>(() => Join.With("test-join", 1, 1, (_, _) => ""));
        Assert.Throws<ArgumentException>(() => Join.With(Join));
    }

    [Fact]
    public void AddedFunctionsAreNotMakes() =>
        Assert.DoesNotContain(FunctionTable.All, f => f.Name == "test-join");
}
