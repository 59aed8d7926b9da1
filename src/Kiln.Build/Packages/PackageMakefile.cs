using Kiln.Build.Sources;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.OpenWrt.Names;
using Kiln.Packages.Model;

namespace Kiln.Build.Packages;

/// <summary>
/// A package Makefile read for building (no DUMP), as <c>make -C package/DIR compile</c> reads
/// it: the recipes of its steps, its downloads, its binary packages' install directories. Its
/// evaluator stays alive so that each step's recipe is expanded just before the step runs, as
/// make expands a rule's recipe when it runs it. Not thread-safe: one package's steps run in turn.
/// </summary>
public sealed class PackageMakefile
{
    private readonly Evaluator _evaluator;
    private readonly string _topDirectory;

    private PackageMakefile(string topDirectory, SourcePackage source, string directory, Evaluator evaluator,
        IReadOnlyList<KeyValuePair<string, string>> filesRead)
    {
        _topDirectory = topDirectory;
        Source = source;
        Directory = directory;
        _evaluator = evaluator;
        FilesRead = filesRead;
    }

    public SourcePackage Source { get; }

    /// <summary>The package's directory (CURDIR).</summary>
    public string Directory { get; }

    /// <summary>The files the Makefile read (itself and its includes), with their sha256.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FilesRead { get; }

    /// <summary>Reads the Makefile; a make error becomes a <see cref="UserError"/> naming the file and line.</summary>
    public static PackageMakefile Read(BuildContext context, SourcePackage source, IReadOnlyList<string> commandLine)
    {
        var directory = Path.Combine(context.TopDirectory, source.Directory);
        var inputs = new MakefilesRead();
        try
        {
            var evaluator = LargeStack.Run(() => context.Evaluate(directory, "Makefile", null, ["BUILD_SUBDIR=" + BuildSubdirectory(source), .. commandLine],
                inputs));
            return new PackageMakefile(context.TopDirectory, source, directory, evaluator, inputs.Files);
        }
        catch (UserError e)
        {
            throw Located(e, SourceLocation.None, source.Directory, context.TopDirectory);
        }
    }

    /// <summary>
    /// The directory OpenWrt's package/Makefile runs the package's make for (BUILD_SUBDIR): a feed's
    /// package through its link in package/feeds/FEED/, so that it too is a package build
    /// (IS_PACKAGE_BUILD: host builds into staging_dir/hostpkg).
    /// </summary>
    private static string BuildSubdirectory(SourcePackage source) =>
        source.Directory.StartsWith("feeds/", StringComparison.Ordinal)
            ? $"package/feeds/{source.Feed}/{Path.GetFileName(source.Directory)}"
            : source.Directory;

    /// <summary>A variable's value; a make error while expanding it names the line that set it if make named none.</summary>
    public string Value(string name)
    {
        try
        {
            return ByteText.ToOs(LargeStack.Run(() => _evaluator.ValueOf(name)) ?? "");
        }
        catch (UserError e)
        {
            throw Located(e, _evaluator.Variables.Lookup(name)?.Location ?? SourceLocation.None, Source.Directory, _topDirectory);
        }
    }

    /// <summary>
    /// The error with its file named from the tree (the package's own Makefile as
    /// package/.../Makefile), at <paramref name="fallback"/> when make gave no location.
    /// </summary>
    private static UserError Located(UserError e, SourceLocation fallback, string packageDirectory, string topDirectory)
    {
        var at = e.Location.IsKnown ? e.Location : fallback;
        if (!at.IsKnown) return new UserError(new SourceLocation(packageDirectory + "/Makefile", 0), e.Reason);
        var file = at.File!.StartsWith('/') ? at.File.Replace(ByteText.FromOs(topDirectory) + "/", "") : at.File;
        return new UserError(new SourceLocation(file.Contains('/') ? file : packageDirectory + "/" + file, at.Line), e.Reason);
    }

    public bool Defines(string name) => _evaluator.Variables.Lookup(name) is not null;

    /// <summary>The sources the Makefile declares (Download/default and its own Download/NAME blocks).</summary>
    public IReadOnlyList<SourceSpec> Downloads =>
        Value(ApiNames.Variables.Downloads).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct()
            .Select(name => SourceSpec.Parse(name, Value(ApiNames.Variables.Download(name)))).ToList();

    /// <summary>The binary packages the Makefile builds, in declaration order.</summary>
    public IReadOnlyList<string> Packages => Value(ApiNames.Variables.Packages).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();

    public string InstallDirectory(string package) => Value(ApiNames.Variables.InstallDirectory(package));

    /// <summary>
    /// The recipe of the API's rule for a step, expanded for its stamp (the target whose
    /// target-specific exports apply), with the environment make would give it; null when the
    /// Makefile has no such step.
    /// </summary>
    public ExpandedRecipe? Expand(string recipeRule, string stamp)
    {
        var rule = _evaluator.Rules.For(recipeRule).LastOrDefault(r => r.Recipe.Count > 0);
        if (rule is null) return null;
        var target = ByteText.FromOs(stamp);
        try
        {
            return LargeStack.Run(() => new ExpandedRecipe(
                _evaluator.ExpandRecipe(string.Join('\n', rule.Recipe), target),
                _evaluator.RecipeEnvironment(target),
                _evaluator.ValueOf(".SHELLFLAGS") ?? "-c"));
        }
        catch (UserError e)
        {
            throw Located(e, rule.Location, Source.Directory, _topDirectory);
        }
    }
}

/// <summary>A recipe ready to run: its text after expansion and the environment of its commands.</summary>
public sealed record ExpandedRecipe(string Text, IReadOnlyDictionary<string, string> Environment, string ShellFlags);
