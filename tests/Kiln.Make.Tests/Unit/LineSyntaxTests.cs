using Kiln.Make.Syntax;

namespace Kiln.Make.Tests.Unit;

public sealed class LineSyntaxTests
{
    [Theory]
    [InlineData("a = b", "a", AssignmentOperator.Recursive, "b")]
    [InlineData("a:=b", "a", AssignmentOperator.Simple, "b")]
    [InlineData("a ::= b", "a", AssignmentOperator.Simple, "b")]
    [InlineData("a += b ", "a", AssignmentOperator.Append, "b ")]
    [InlineData("a ?=", "a", AssignmentOperator.Conditional, "")]
    [InlineData("a != echo", "a", AssignmentOperator.Shell, "echo")]
    [InlineData("$(x)_y = 1", "$(x)_y", AssignmentOperator.Recursive, "1")]
    [InlineData("f(a=b) = c", "f(a", AssignmentOperator.Recursive, "b) = c")]
    public void VariableDefinitions(string line, string name, AssignmentOperator op, string value)
    {
        var d = VariableDefinition.TryParse(line, 0);
        Assert.NotNull(d);
        Assert.Equal((name, op, value), (d.NameText, d.Operator, d.ValueText));
    }

    [Theory]
    [InlineData("a b = c")]
    [InlineData("target: prereq")]
    [InlineData("# a = b")]
    [InlineData("$(info a=b)")]
    public void NotAssignments(string line) => Assert.Null(VariableDefinition.TryParse(line, 0));

    [Fact]
    public void ModifiersAreCollected()
    {
        var a = AssignmentSyntax.TryParse("export override x := 1", 0);
        Assert.NotNull(a);
        Assert.True(a.Export && a.Override && !a.Private);
        Assert.Equal("x", a.Definition!.NameText);
    }

    [Fact]
    public void KeywordAloneIsAVariableName()
    {
        var a = AssignmentSyntax.TryParse("export = 1", 0);
        Assert.False(a!.Export);
        Assert.Equal("export", a.Definition!.NameText);
    }

    [Fact]
    public void ContinuationCollapsesSurroundingWhitespace()
    {
        Assert.Equal("a b", LineEscapes.CollapseContinuations("a   \\\n    b"));
        Assert.Equal("a\\\nb", LineEscapes.CollapseContinuations("a\\\\\nb"));
    }

    [Fact]
    public void CommentsStopOutsideReferencesAndEscapesAreUnquoted()
    {
        Assert.Equal("a = b ", LineEscapes.RemoveComments("a = b # c"));
        Assert.Equal("a = b # c", LineEscapes.RemoveComments("a = b \\# c"));
        Assert.Equal("x = $(shell echo '#') ", LineEscapes.RemoveComments("x = $(shell echo '#') # end"));
    }

    [Fact]
    public void FilesAreSplitIntoLogicalLinesWithTheirLineNumbers()
    {
        var text = SourceText.FromFile("f", "a = 1 \\\n  2\r\nb = 3\n\nc");
        Assert.Equal(["a = 1 \\\n  2", "b = 3", "", "c"], text.Lines.Select(l => l.Text));
        Assert.Equal([1, 3, 4, 5], text.Lines.Select(l => l.Line));
        Assert.Equal(6, text.EndLine);
    }

    [Fact]
    public void RuleLineWordsFollowMake()
    {
        var rule = RuleLineSyntax.Analyze("$(T) a\\:b: dep ; recipe # kept");
        Assert.Equal(" recipe # kept", rule.Recipe);
        var types = rule.Words.Select(w => w.Type).ToArray();
        Assert.Equal([MakeWordType.Variable, MakeWordType.Static, MakeWordType.Colon, MakeWordType.Static, MakeWordType.EndOfLine], types);
    }
}
