using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Syntax;

namespace Kiln.Make.Tests.Unit;

public sealed class ExprParserTests
{
    [Fact]
    public void TextWithoutDollarIsOneLiteral()
    {
        var e = ExprParser.Parse("plain text");
        Assert.Equal("plain text", Assert.IsType<LiteralExpr>(e).Text);
    }

    [Fact]
    public void DoubleDollarMergesIntoTheLiteral()
    {
        Assert.Equal("a$b", Assert.IsType<LiteralExpr>(ExprParser.Parse("a$$b")).Text);
    }

    [Fact]
    public void TrailingDollarStandsForItself()
    {
        Assert.Equal("cost$", Assert.IsType<LiteralExpr>(ExprParser.Parse("cost$")).Text);
    }

    [Theory]
    [InlineData("$(x)", "x")]
    [InlineData("${x}", "x")]
    [InlineData("$x", "x")]
    [InlineData("$(a b)", "a b")]
    [InlineData("$(info)", "info")]
    public void StaticReferences(string text, string name)
    {
        Assert.Equal(name, Assert.IsType<VariableRefExpr>(AsReference(ExprParser.Parse(text))).Name);
    }

    /// <summary>What a reference shaped like a function call is when the evaluator has no such function.</summary>
    private static Expr AsReference(Expr expr) => expr is ExtensionCallExpr call ? call.Reference : expr;

    [Fact]
    public void SubstitutionReferenceIsSplitAtColonAndEquals()
    {
        var e = Assert.IsType<SubstitutionRefExpr>(ExprParser.Parse("$(src:.c=.o)"));
        Assert.Equal(("src", ".c", ".o"), (e.Name, e.Pattern, e.Replacement));
    }

    [Fact]
    public void NameWithReferenceIsComputed()
    {
        var e = Assert.IsType<ComputedRefExpr>(ExprParser.Parse("$($(x)_y)"));
        var parts = Assert.IsType<SequenceExpr>(e.Name).Parts;
        Assert.Equal("x", Assert.IsType<VariableRefExpr>(parts[0]).Name);
        Assert.Equal("_y", Assert.IsType<LiteralExpr>(parts[1]).Text);
    }

    [Fact]
    public void FunctionArgumentsSplitOnTopLevelCommasOnly()
    {
        var e = Assert.IsType<FunctionCallExpr>(ExprParser.Parse("$(subst a,$(join b,c),d,e)"));
        Assert.Equal("subst", e.Function.Name);
        Assert.Equal(3, e.Arguments.Count);
        Assert.Equal("d,e", Assert.IsType<LiteralExpr>(e.Arguments[2]).Text);
        Assert.IsType<FunctionCallExpr>(e.Arguments[1]);
    }

    [Fact]
    public void IfConditionIsTrimmedButBranchesAreNot()
    {
        var e = Assert.IsType<FunctionCallExpr>(ExprParser.Parse("$(if  x , y , z )"));
        Assert.Equal("x", e.Arguments[0].ConstantText);
        Assert.Equal(" y ", e.Arguments[1].ConstantText);
        Assert.Equal(" z ", e.Arguments[2].ConstantText);
    }

    [Fact]
    public void FunctionNameMustBeFollowedBySpace()
    {
        Assert.Equal("info-x y", Assert.IsType<VariableRefExpr>(AsReference(ExprParser.Parse("$(info-x y)"))).Name);
    }

    [Fact]
    public void UnterminatedReferenceBecomesAnErrorAfterTheTextBeforeIt()
    {
        var parts = Assert.IsType<SequenceExpr>(ExprParser.Parse("a $(b")).Parts;
        Assert.Equal("a ", parts[0].ConstantText);
        Assert.Equal("unterminated variable reference", Assert.IsType<ErrorExpr>(parts[1]).Reason);
    }

    [Fact]
    public void UnterminatedFunctionCallNamesTheFunction()
    {
        var e = Assert.IsType<ErrorExpr>(ExprParser.Parse("$(subst a,b"));
        Assert.Equal("unterminated call to function 'subst': missing ')'", e.Reason);
    }
}
