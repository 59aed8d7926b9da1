using Kiln.Build.Packages;
using Kiln.Build.Recipes;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Core.Parallel;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;

namespace Kiln.Images.Recipes;

/// <summary>
/// A board's image Makefile (target/linux/BOARD/image/Makefile) read for building, as
/// <c>make -C target/linux/BOARD/image install TARGET_BUILD=1</c> reads it, with Kiln's
/// image.mk. Its recipes (Image/Prepare, Image/BuildKernel, Image/Build ...) are expanded when
/// they run, as make expands a rule's recipe, and run one command per shell. Errors name the
/// board's file and line.
/// </summary>
public sealed class ImageMakefile
{
    private readonly Evaluator _evaluator;
    private readonly BuildContext _context;

    private ImageMakefile(BuildContext context, string directory, string relative, Evaluator evaluator)
    {
        _context = context;
        Directory = directory;
        Relative = relative;
        _evaluator = evaluator;
    }

    /// <summary>target/linux/BOARD/image, absolute.</summary>
    public string Directory { get; }

    /// <summary>target/linux/BOARD/image, from the tree.</summary>
    public string Relative { get; }

    /// <param name="binDirectory">BIN_DIR for the recipes: where they write the images (Kiln publishes them afterwards).</param>
    /// <param name="functions">Functions the reading calls besides the API's (the device collector's).</param>
    public static ImageMakefile Read(BuildContext context, string board, string binDirectory, FunctionSet? functions = null)
    {
        var relative = $"target/linux/{board}/image";
        var directory = ExistingDirectory.Require(context.TopDirectory, relative);
        string[] commandLine = ["TARGET_BUILD=1", "BIN_DIR=" + ByteText.FromOs(binDirectory)];
        try
        {
            var evaluator = LargeStack.Run(() => context.Evaluate(directory, "Makefile", null, commandLine, functions: functions));
            return new ImageMakefile(context, directory, relative, evaluator);
        }
        catch (UserError e)
        {
            throw Located(e, relative);
        }
    }

    public string Value(string name)
    {
        try
        {
            return ByteText.ToOs(LargeStack.Run(() => _evaluator.ValueOf(name)) ?? "");
        }
        catch (UserError e)
        {
            throw Located(e, Relative);
        }
    }

    public IReadOnlyList<string> Words(string name) => Value(name).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    public bool Defines(string name) => _evaluator.Variables.Lookup(name) is not null;

    /// <summary>
    /// <c>$(call FUNCTION,ARGUMENT)</c> expanded as a recipe of <paramref name="target"/>, with the
    /// environment make gives it; null when the Makefile does not define FUNCTION (make expands it to
    /// nothing). Expansion uses the evaluator, so it happens on one thread; the recipes may then run at once.
    /// </summary>
    public ExpandedRecipe? Expand(string function, string? argument, string target)
    {
        if (!Defines(function)) return null;
        var text = argument is null ? $"$(call {function})" : $"$(call {function},{argument})";
        var byteTarget = ByteText.FromOs(target);
        try
        {
            var recipe = LargeStack.Run(() => _evaluator.ExpandRecipe(text, byteTarget));
            return new ExpandedRecipe(recipe, Environment(byteTarget), ShellFlags);
        }
        catch (UserError e)
        {
            throw Located(e, Relative);
        }
    }

    /// <summary>The environment make gives the recipes of <paramref name="target"/> (byte text).</summary>
    public IReadOnlyDictionary<string, string> Environment(string target)
    {
        var environment = LargeStack.Run(() => _evaluator.RecipeEnvironment(target));
        // Unset, the epoch is 0 for the recipes too, as for the packer: tools that stamp the time (mkimage) stamp that.
        environment.TryAdd("SOURCE_DATE_EPOCH", "0");
        return environment;
    }

    /// <summary>make's .SHELLFLAGS for the recipes.</summary>
    public string ShellFlags => LargeStack.Run(() => _evaluator.ValueOf(".SHELLFLAGS")) ?? "-c";

    /// <summary>Work that needs the evaluator once reading is over (planning the devices), on a thread with a large stack; errors name the board's files.</summary>
    public T Inspect<T>(Func<Evaluator, T> work)
    {
        try
        {
            return LargeStack.Run(() => work(_evaluator));
        }
        catch (UserError e)
        {
            throw Located(e, Relative);
        }
    }

    /// <summary>Runs an expanded recipe in the image directory, as make runs it, its output going to <paramref name="logPath"/>.</summary>
    public void Run(ExpandedRecipe recipe, string logPath, CancellationToken cancel) =>
        RecipeRunner.Run(recipe.Text, recipe.Environment, Directory, _context.Shell, recipe.ShellFlags, logPath, cancel);

    /// <summary>The error with its file named from the tree (target/linux/BOARD/image/Makefile).</summary>
    private static UserError Located(UserError e, string relative) => new(FromTree(e.Location, relative), e.Reason);

    /// <summary>A location in the image directory named from the tree (Makefile:12 is target/linux/BOARD/image/Makefile:12).</summary>
    public SourceLocation FromTree(SourceLocation location) => FromTree(location, Relative);

    private static SourceLocation FromTree(SourceLocation location, string relative)
    {
        if (!location.IsKnown) return new SourceLocation(relative + "/Makefile", 0);
        var file = location.File!;
        return file.StartsWith('/') || file.Contains('/') ? location : new SourceLocation(relative + "/" + file, location.Line);
    }
}
