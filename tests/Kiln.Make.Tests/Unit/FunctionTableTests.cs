using Kiln.Make.Functions;

namespace Kiln.Make.Tests.Unit;

public sealed class FunctionTableTests
{
    [Fact]
    public void HasExactlyTheFunctionsOfMake43()
    {
        string[] expected =
        [
            "abspath", "addprefix", "addsuffix", "and", "basename", "call", "dir", "error", "eval", "file", "filter",
            "filter-out", "findstring", "firstword", "flavor", "foreach", "if", "info", "join", "lastword", "notdir", "or",
            "origin", "patsubst", "realpath", "shell", "sort", "strip", "subst", "suffix", "value", "warning", "wildcard",
            "word", "wordlist", "words",
        ];
        Assert.Equal(expected, FunctionTable.All.Where(f => !f.IsExtension).Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("subst", 3, 3, true)]
    [InlineData("info", 0, 1, true)]
    [InlineData("if", 2, 3, false)]
    [InlineData("foreach", 3, 3, false)]
    [InlineData("call", 1, 0, true)]
    [InlineData("or", 1, 0, false)]
    [InlineData("file", 1, 2, true)]
    public void ArgumentRules(string name, int min, int max, bool expands)
    {
        var f = FunctionTable.Find(name)!;
        Assert.Equal((min, max, expands), (f.MinArgs, f.MaxArgs, f.ExpandsArguments));
    }

    [Theory]
    [InlineData("let")]
    [InlineData("intcmp")]
    [InlineData("guile")]
    public void LaterFunctionsAreNotFunctions(string name) => Assert.Null(FunctionTable.Find(name));
}
