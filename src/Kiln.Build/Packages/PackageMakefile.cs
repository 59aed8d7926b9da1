using System.Security.Cryptography;
using System.Text;
using Kiln.Build.Sources;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.OpenWrt.Names;
using Kiln.OpenWrt.Api;
using Kiln.Packages.Model;
using Kiln.Make.Inputs;

namespace Kiln.Build.Packages;

/// <summary>
/// A package Makefile read for building (no DUMP), as <c>make -C package/DIR compile</c> reads
/// it: the recipes of its steps, its downloads, its binary packages' install directories. Its
/// evaluator stays alive so that each step's recipe is expanded just before the step runs, as
/// make expands a rule's recipe when it runs it. With a file to keep its answers in, a Makefile
/// whose inputs are all unchanged since the answers were kept is not read at all: the answers are
/// given again (<see cref="MakefileAnswers"/>), and it is read only when asked something new.
/// Not thread-safe: one package's steps run in turn.
/// </summary>
public sealed class PackageMakefile
{
    private readonly BuildContext _context;
    private readonly IReadOnlyList<string> _commandLine;
    private readonly string? _answersFile;
    private readonly string _answersKey;
    private readonly MakefileAnswers _answers;
    private readonly bool _recalled;
    private Evaluator? _evaluator;
    private InputLog? _inputs;
    private bool _learned;

    private PackageMakefile(BuildContext context, SourcePackage source, IReadOnlyList<string> commandLine, string? answersFile,
        string answersKey, MakefileAnswers? recalled)
    {
        _context = context;
        Source = source;
        Directory = Path.Combine(context.TopDirectory, source.Directory);
        _commandLine = commandLine;
        _answersFile = answersFile;
        _answersKey = answersKey;
        _recalled = recalled is not null;
        if (recalled is null) Evaluate();
        _answers = recalled ?? new MakefileAnswers { FilesRead = FilesOf(_inputs!) };
    }

    public SourcePackage Source { get; }

    /// <summary>The package's directory (CURDIR).</summary>
    public string Directory { get; }

    /// <summary>The files the Makefile read (itself and its includes), with their sha256.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FilesRead => _answers.FilesRead;

    /// <summary>
    /// Reads the Makefile, unless <paramref name="answersFile"/> holds answers whose inputs still hold; a make error
    /// becomes a <see cref="UserError"/> naming the file and line.
    /// </summary>
    /// <param name="answersFile">Where the answers are kept between runs, or null to read the Makefile every time.</param>
    public static PackageMakefile Read(BuildContext context, SourcePackage source, IReadOnlyList<string> commandLine, string? answersFile = null)
    {
        var key = AnswersKey(context, source, commandLine);
        var recalled = answersFile is null ? null
            : MakefileAnswers.Load(answersFile, key, context.Jobserver.MakeFlag, new InputCheck(context.Environment, ShellTimeout));
        return new PackageMakefile(context, source, commandLine, answersFile, key, recalled);
    }

    private static readonly TimeSpan ShellTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Keeps the answers given so far for the next run (when anything was learned), unless the evaluation cannot be replayed.</summary>
    public void Remember()
    {
        if (_answersFile is null || !_learned && _recalled) return;
        if (_inputs is { Repeatable: false })
        {
            MakefileAnswers.Forget(_answersFile);
            return;
        }
        var kept = new MakefileAnswers { FilesRead = _answers.FilesRead, Inputs = [.. _answers.Inputs, .. _inputs?.Inputs ?? []] };
        foreach (var (name, value) in _answers.Values) kept.Values[name] = value;
        foreach (var (name, defined) in _answers.Definitions) kept.Definitions[name] = defined;
        foreach (var (name, recipe) in _answers.Expansions) kept.Expansions[name] = recipe;
        kept.Save(_answersFile, _answersKey, _context.Jobserver.MakeFlag);
    }

    /// <summary>Everything besides the recorded inputs that the answers depend on.</summary>
    private static string AnswersKey(BuildContext context, SourcePackage source, IReadOnlyList<string> commandLine)
    {
        var key = new StringBuilder();
        key.Append(context.AnswersContext).Append('\0').Append(source.Directory).Append('\0');
        foreach (var assignment in commandLine) key.Append(assignment.Replace(context.Jobserver.MakeFlag, "JOBSERVER", StringComparison.Ordinal)).Append('\0');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }

    private Evaluator Evaluate()
    {
        if (_evaluator is not null) return _evaluator;
        _inputs = new InputLog(_context.Environment);
        try
        {
            return _evaluator = LargeStack.Run(() => _context.Evaluate(Directory, "Makefile", null,
                ["BUILD_SUBDIR=" + BuildSubdirectory(Source), .. _commandLine], _inputs));
        }
        catch (UserError e)
        {
            throw Located(e, SourceLocation.None, Source.Directory, _context.TopDirectory);
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> FilesOf(InputLog inputs) =>
        inputs.Inputs.OfType<FileReadInput>().Select(f => KeyValuePair.Create(f.Path, Convert.ToHexStringLower(f.ContentHash))).ToList();

    /// <summary>An answer given before, or the Makefile's (then kept).</summary>
    private T Answer<T>(Dictionary<string, T> answers, string question, Func<Evaluator, T> ask)
    {
        if (answers.TryGetValue(question, out var known)) return known;
        var answer = ask(Evaluate());
        answers[question] = answer;
        _learned = true;
        return answer;
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
    public string Value(string name) => Answer(_answers.Values, name, evaluator =>
    {
        try
        {
            return ByteText.ToOs(LargeStack.Run(() => evaluator.ValueOf(name)) ?? "");
        }
        catch (UserError e)
        {
            throw Located(e, evaluator.Variables.Lookup(name)?.Location ?? SourceLocation.None, Source.Directory, _context.TopDirectory);
        }
    });

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

    public bool Defines(string name) => Answer(_answers.Definitions, name, evaluator => evaluator.Variables.Lookup(name) is not null);

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
    public ExpandedRecipe? Expand(string recipeRule, string stamp) => Answer(_answers.Expansions, MakefileAnswers.ExpansionKey(recipeRule, stamp), evaluator =>
    {
        var rule = evaluator.Rules.For(recipeRule).LastOrDefault(r => r.Recipe.Count > 0);
        if (rule is null) return null;
        var target = ByteText.FromOs(stamp);
        try
        {
            return LargeStack.Run(() => new ExpandedRecipe(
                evaluator.ExpandRecipe(string.Join('\n', rule.Recipe), target),
                evaluator.RecipeEnvironment(target),
                evaluator.ValueOf(".SHELLFLAGS") ?? "-c"));
        }
        catch (UserError e)
        {
            throw Located(e, rule.Location, Source.Directory, _context.TopDirectory);
        }
    });
}

/// <summary>A recipe ready to run: its text after expansion and the environment of its commands.</summary>
public sealed record ExpandedRecipe(string Text, IReadOnlyDictionary<string, string> Environment, string ShellFlags);
