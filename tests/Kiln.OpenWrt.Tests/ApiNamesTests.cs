using Kiln.OpenWrt.Api;
using Kiln.OpenWrt.Names;

namespace Kiln.OpenWrt.Tests;

/// <summary>Every name C# shares with Kiln's API makefiles is spelled the same in the .mk text.</summary>
public sealed class ApiNamesTests
{
    private static readonly string ApiText = string.Concat(
        OpenWrtApi.Provided.Select(name => new OpenWrtApi("/tree").Find("/tree/" + name)));

    public static TheoryData<string> Functions => new(ApiNames.Functions.All);

    public static TheoryData<string> Variables => new(ApiNames.Variables.All);

    public static TheoryData<string> RecipeRules => new(ApiNames.Recipes.Rules);

    public static TheoryData<string> RecipeDefines => new(ApiNames.Recipes.Defines);

    [Theory, MemberData(nameof(Functions))]
    public void EachFunctionIsCalledByTheApi(string name) => Assert.Contains("$(" + name + " ", ApiText, StringComparison.Ordinal);

    [Theory, MemberData(nameof(Variables))]
    public void EachVariableIsSetByTheApi(string name) => Assert.Contains("\n  " + name, ApiText, StringComparison.Ordinal);

    [Theory, MemberData(nameof(RecipeRules))]
    public void EachRecipeRuleIsWrittenByTheApi(string prefix) => Assert.Contains("\n  " + prefix, ApiText, StringComparison.Ordinal);

    [Theory, MemberData(nameof(RecipeDefines))]
    public void EachRecipeDefineIsDefinedByTheApi(string prefix) => Assert.Contains("define " + prefix, ApiText, StringComparison.Ordinal);

    [Fact]
    public void StepRecipesAreTheOnesThePackageApiDefines()
    {
        string[] steps = ["prepare", "configure", "compile", "installdev", "host-prepare", "host-configure", "host-compile", "host-install"];
        foreach (var step in steps)
            Assert.Contains("\n  " + ApiNames.Recipes.Step(step) + ":\n", ApiText, StringComparison.Ordinal);
    }
}
