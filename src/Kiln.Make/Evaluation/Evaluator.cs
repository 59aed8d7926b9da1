using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Functions;
using Kiln.Make.Rules;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// One make "process": the variables, rules and reading state of an evaluation, and the
/// expansion machinery (references, function calls, recursion guards). Not thread-safe; run
/// independent evaluations on separate instances.
/// </summary>
public sealed partial class Evaluator
{
    private readonly TextBuilder _buffer = new(4096);
    private readonly List<MissingInclude> _missingIncludes = [];
    private SourceLocation? _expandingVariable;
    private int _depth;
    private int _callArgumentCount;

    public Evaluator(EvaluatorOptions options)
    {
        var start = EvaluationProfile.Start(options.Profile);
        Environment = options.Environment ?? ProcessEnvironment.Read();
        Output = options.Output ?? StreamMakeOutput.Process;
        // Until one evaluation has tried to take a prelude's state, each may be that one: its inputs and output pass
        // through a capture. Later ones (the state kept, or refused) have none.
        if (options.Prelude is { MayBeTaken: true })
        {
            Capture = new PreludeCapture(options.Inputs, Output);
            Output = Capture;
        }
        Options = options = WithInheritedMakeFlags(options, Environment, Capture ?? options.Inputs);
        Variables = new VariableStore(options.EnvironmentOverrides) { Inputs = options.Inputs };
        WorkingDirectory = options.WorkingDirectory;
        Sources = options.Sources ?? new SourceCache();
        HomeDirectory = Environment.GetValueOrDefault("HOME");
        IncludeDirectories = IncludePath.Build(options.IncludeDirectories, options.SearchDefaultIncludeDirectories, WorkingDirectory);
        Files = new Functions.FileSystemView(options.Inputs);
        StartupVariables.Define(this);
        options.Profile?.Add(EvaluationProfile.Setup, start);
    }

    /// <summary>The options, with switches and assignments inherited through the environment's MAKEFLAGS merged in.</summary>
    public EvaluatorOptions Options { get; }

    private static EvaluatorOptions WithInheritedMakeFlags(EvaluatorOptions options, IReadOnlyDictionary<string, string> environment,
        IEvaluationInputs? inputs)
    {
        var letters = options.FlagLetters + (options.EnvironmentOverrides ? "e" : "") + (options.NoBuiltinRules ? "r" : "")
            + (options.NoBuiltinVariables ? "Rr" : "");
        List<string> inherited = [];
        if (environment.TryGetValue("MAKEFLAGS", out var makeflags))
        {
            (var envLetters, inherited) = MakeFlags.Decode(makeflags);
            letters += envLetters;
        }
        var all = MakeFlags.Normalize(letters);
        return new EvaluatorOptions
        {
            WorkingDirectory = options.WorkingDirectory,
            IncludeDirectories = options.IncludeDirectories,
            SearchDefaultIncludeDirectories = options.SearchDefaultIncludeDirectories,
            Environment = environment,
            CommandLineVariables = [.. inherited, .. options.CommandLineVariables],
            Goals = options.Goals,
            ProgramName = options.ProgramName,
            MakeCommand = options.MakeCommand,
            FlagLetters = all,
            EnvironmentOverrides = all.Contains('e'),
            NoBuiltinRules = all.Contains('r'),
            NoBuiltinVariables = all.Contains('R'),
            ShellTimeout = options.ShellTimeout,
            MaxExpansionDepth = options.MaxExpansionDepth,
            Output = options.Output,
            Sources = options.Sources,
            Makefiles = options.Makefiles,
            Shells = options.Shells,
            Inputs = inputs,
            Functions = options.Functions,
            Prelude = options.Prelude,
            Profile = options.Profile,
        };
    }

    public IMakeOutput Output { get; }

    public VariableStore Variables { get; }

    public RuleSet Rules { get; } = new();

    public SourceCache Sources { get; }

    /// <summary>CURDIR: relative file names are resolved against it (Kiln never changes its own directory).</summary>
    public string WorkingDirectory { get; }

    public string? HomeDirectory { get; }

    /// <summary>The environment make was started with; $(shell) commands get exactly this, as in make 4.3.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public IReadOnlyList<string> IncludeDirectories { get; }

    /// <summary>The file system as this evaluation sees it: make's directory cache, and existence tests.</summary>
    public Functions.FileSystemView Files { get; }

    /// <summary>The makefile line being read (make's reading_file).</summary>
    public SourceLocation ReadingLocation { get; internal set; }

    /// <summary>The character that starts a recipe line (.RECIPEPREFIX).</summary>
    public char RecipePrefix { get; internal set; } = '\t';

    /// <summary>export with no names: every variable is exported.</summary>
    public bool ExportAll { get; internal set; }

    /// <summary>Makefiles read so far, in order (MAKEFILE_LIST as paths).</summary>
    public List<string> ReadMakefiles { get; } = [];

    public IReadOnlyList<MissingInclude> MissingIncludes => _missingIncludes;

    /// <summary>Records what may make the state after a shared prelude differ between evaluations, while this evaluation could take it; else null.</summary>
    internal PreludeCapture? Capture { get; }

    internal TextBuilder Buffer => _buffer;

    public string ProgramName => Options.ProgramName;

    /// <summary>Expands text as make does on a makefile line.</summary>
    public string Expand(string text) => ExpandToString(ExprParser.Parse(text));

    /// <summary>
    /// Expands <paramref name="text"/> as a recipe line of a target would be: <paramref name="locals"/>
    /// (the target's own variables and the automatic ones such as @ and ^, all simple) come before
    /// every other variable.
    /// </summary>
    public string ExpandWith(string text, IEnumerable<KeyValuePair<string, string>> locals) => ExpandWith(text, [LocalVariables(locals)]);

    /// <summary>As above, with sets made by <see cref="LocalVariables"/>; the last one comes first.</summary>
    public string ExpandWith(string text, ReadOnlySpan<VariableSet> scopes)
    {
        foreach (var set in scopes) Variables.PushScope(set);
        try
        {
            return Expand(text);
        }
        finally
        {
            for (var i = 0; i < scopes.Length; i++) Variables.PopScope();
        }
    }

    /// <summary>Simple variables to expand text with (<see cref="ExpandWith(string, ReadOnlySpan{VariableSet})"/>), made once for many
    /// expansions.</summary>
    public VariableSet LocalVariables(IEnumerable<KeyValuePair<string, string>> values)
    {
        var set = new VariableSet();
        foreach (var (name, value) in values)
            Variables.Define(name, value, Origin.Automatic, recursive: false, SourceLocation.None, set);
        return set;
    }

    /// <summary>
    /// Runs <paramref name="work"/> (expansions, evals) and, if a make error stops it, puts the
    /// evaluation back as it was before (nesting, scopes, reading location, variables being
    /// expanded) so that reading can go on, and returns the error. What the work defined stays.
    /// </summary>
    public UserError? Attempt(Action work)
    {
        var depth = _depth;
        var expanding = _expandingVariable;
        var location = ReadingLocation;
        var scope = Variables.Current;
        var buffered = _buffer.Length;
        try
        {
            work();
            return null;
        }
        catch (UserError error)
        {
            _depth = depth;
            _expandingVariable = expanding;
            ReadingLocation = location;
            Variables.Current = scope;
            _buffer.Length = buffered;
            // Expansions the error cut short left their variables marked as being expanded.
            for (var s = scope; s is not null; s = s.Next)
                foreach (var v in s.Set.All) v.Expanding = false;
            return error;
        }
    }

    /// <summary>The expanded value of a variable as $(NAME) would give it, or null if undefined.</summary>
    public string? ValueOf(string name)
    {
        var v = Variables.Lookup(name);
        if (v is null) return null;
        return v.IsRecursive ? ExpandToString(v.ParsedValue) : v.Value;
    }

    internal string ExpandToString(Expr expr)
    {
        if (expr.ConstantText is { } constant) return constant;
        var mark = _buffer.Length;
        expr.Expand(this, _buffer);
        return _buffer.Cut(mark);
    }

    internal void ReferenceVariable(string name, TextBuilder output)
    {
        var v = Variables.Lookup(name);
        if (v is null || (v.Value.Length == 0 && !v.IsAppend)) return;
        if (v.IsRecursive || v.IsAppend) ExpandVariable(v, output);
        else output.Append(v.Value);
    }

    /// <summary>A reference whose name was computed: a substitution reference if the name has ':' then '='.</summary>
    internal void NamedReference(string name, TextBuilder output)
    {
        var colon = name.IndexOf(':');
        if (colon >= 0)
        {
            var equals = name.IndexOf('=', colon + 1);
            if (equals >= 0)
            {
                SubstitutionReference(name[..colon], name[(colon + 1)..equals], name[(equals + 1)..], output);
                return;
            }
        }
        ReferenceVariable(name, output);
    }

    internal void SubstitutionReference(string name, string pattern, string replacement, TextBuilder output)
    {
        var v = Variables.Lookup(name);
        if (v is null || v.Value.Length == 0) return;
        var value = v.IsRecursive || v.IsAppend ? ExpandVariableToString(v) : v.Value;
        var from = PercentPattern.Parse(pattern);
        PercentPattern to;
        if (from.HasPercent)
        {
            to = PercentPattern.Parse(replacement);
        }
        else
        {
            // Without '%', "$(v:.c=.o)" means "%.c" to "%.o".
            from = PercentPattern.Create("", from.Prefix, hasPercent: true);
            to = PercentPattern.Create("", replacement, hasPercent: true);
        }
        Substitution.Patsubst(output, value, from, to);
    }

    internal string ExpandVariableToString(Variable v)
    {
        var mark = _buffer.Length;
        ExpandVariable(v, _buffer);
        return _buffer.Cut(mark);
    }

    /// <summary>make's recursively_expand_for_file: expands a variable's value, refusing endless self-reference.</summary>
    internal void ExpandVariable(Variable v, TextBuilder output)
    {
        var saved = _expandingVariable;
        if (v.Location.IsKnown) _expandingVariable = v.Location;
        if (v.Expanding)
        {
            if (v.ExpansionAllowance == 0)
                throw ErrorAtExpansion($"Recursive variable '{v.Name}' references itself (eventually)");
            v.ExpansionAllowance--;
        }
        EnterNesting(v.Name);
        v.Expanding = true;
        if (v.IsAppend) ExpandAppended(v, output);
        else v.ParsedValue.Expand(this, output);
        v.Expanding = false;
        _depth--;
        _expandingVariable = saved;
    }

    /// <summary>A target-specific <c>+=</c>: the inherited value, a space, then this one.</summary>
    private void ExpandAppended(Variable v, TextBuilder output)
    {
        var start = output.Length;
        AppendFromScope(v.Name, Variables.Current, local: true, output, start);
    }

    private void AppendFromScope(string name, VariableScope? scope, bool local, TextBuilder output, int start)
    {
        if (scope is null) return;
        var nextLocal = local && !scope.NextIsParent;
        var v = scope.Set.Find(name);
        if (v is null || (!local && v.IsPrivate))
        {
            AppendFromScope(name, scope.Next, nextLocal, output, start);
            return;
        }
        if (v.IsAppend) AppendFromScope(name, scope.Next, nextLocal, output, start);
        if (output.Length > start) output.Append(' ');
        if (v.IsRecursive) v.ParsedValue.Expand(this, output);
        else output.Append(v.Value);
    }

    internal void CallFunction(MakeFunction function, Expr[] arguments, TextBuilder output)
    {
        if (function.Expanded is { } body)
        {
            var values = new string[arguments.Length];
            for (var i = 0; i < values.Length; i++) values[i] = ExpandToString(arguments[i]);
            CheckArgumentCount(function, values.Length);
            body(this, values, output);
        }
        else
        {
            CheckArgumentCount(function, arguments.Length);
            function.Lazy!(this, arguments, output);
        }
    }

    /// <summary>A built-in function invoked through $(call name,...) with already expanded arguments.</summary>
    private void CallBuiltin(MakeFunction function, string[] arguments, TextBuilder output)
    {
        if (arguments.Length == 0) return;
        CheckArgumentCount(function, arguments.Length);
        if (function.Expanded is { } body)
        {
            body(this, arguments, output);
            return;
        }
        var parsed = new Expr[arguments.Length];
        for (var i = 0; i < parsed.Length; i++)
        {
            var (start, end) = function.TrimsArgument(i) ? ExprParser.Trim(arguments[i], 0, arguments[i].Length) : (0, arguments[i].Length);
            parsed[i] = ExprParser.Parse(arguments[i], start, end);
        }
        function.Lazy!(this, parsed, output);
    }

    private void CheckArgumentCount(MakeFunction function, int count)
    {
        if (count < function.MinArgs)
            throw ErrorAtExpansion($"insufficient number of arguments ({count}) to function '{function.Name}'");
    }

    /// <summary>Make's function of that name, else one the embedding program gave this evaluator.</summary>
    internal MakeFunction? FindFunction(ReadOnlySpan<char> name) => FunctionTable.Find(name) ?? EmbeddedFunction(name);

    /// <summary>A function the embedding program gave this evaluation: its effects are its own, so a prelude that calls one is not shared.</summary>
    internal MakeFunction? EmbeddedFunction(ReadOnlySpan<char> name)
    {
        var function = Options.Functions.Find(name);
        if (function is not null) Capture?.Refuse();
        return function;
    }

    /// <summary>$(call NAME,ARGS...): NAME's value expanded with $(0)..$(N) bound in a new scope.</summary>
    internal void Call(string[] arguments, TextBuilder output)
    {
        var nameText = arguments[0];
        var start = CharClass.SkipSpace(nameText, 0, nameText.Length);
        var nameEnd = CharClass.EndOfToken(nameText, start, nameText.Length);
        var name = nameText[start..nameEnd];
        if (name.Length == 0) return;
        // $(0) is the first argument cut after the name, as make leaves it.
        arguments[0] = nameText[..nameEnd];

        if (FindFunction(name) is { } builtin)
        {
            CallBuiltin(builtin, arguments[1..], output);
            return;
        }

        var v = Variables.Lookup(name);
        if (v is null || v.Value.Length == 0) return;

        var scope = new VariableSet(Math.Max(arguments.Length, _callArgumentCount));
        int i;
        for (i = 0; i < arguments.Length; i++)
            scope.Add(new Variable(ArgumentName(i), arguments[i], recursive: false, Origin.Automatic, SourceLocation.None));
        // Hide the outer call's extra arguments from this one.
        for (; i < _callArgumentCount; i++)
            scope.Add(new Variable(ArgumentName(i), "", recursive: false, Origin.Automatic, SourceLocation.None));

        Variables.PushScope(scope);
        v.ExpansionAllowance = short.MaxValue;
        var savedCount = _callArgumentCount;
        _callArgumentCount = i;
        ReferenceVariable(name, output);
        _callArgumentCount = savedCount;
        v.ExpansionAllowance = 0;
        Variables.PopScope();
    }

    private static readonly string[] ArgumentNames = Enumerable.Range(0, 32)
        .Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string ArgumentName(int i) =>
        i < ArgumentNames.Length ? ArgumentNames[i] : NameTable.Intern(i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>$(eval TEXT): reads the text as makefile lines at the current location.</summary>
    internal void EvalText(string text)
    {
        Capture?.Refuse();
        EnterNesting("eval");
        var source = ParseEvalText(text);
        var reader = new MakefileReader(this, source, ReadingLocation.File, ReadingLocation.Line, setDefaultGoal: true);
        var savedLocation = ReadingLocation;
        reader.Read();
        ReadingLocation = savedLocation;
        _depth--;
    }

    // Package-style makefiles eval the same defaults text for every package they define; within
    // one evaluation, a text seen before is read again from its parsed lines.
    private const int MaxRememberedEvalTexts = 256;
    private const int MaxRememberedEvalTextLength = 16 * 1024;
    private readonly Dictionary<string, SourceText> _evalTexts = new(StringComparer.Ordinal);
    // Long texts (a device's defaults and block) share their lines; short ones are not worth it.
    private const int MinSharedLinesTextLength = 2048;
    private readonly EvalLines _evalLines = new();

    private SourceText ParseEvalText(string text)
    {
        if (text.Length > MaxRememberedEvalTextLength) return SourceText.FromEval(text, _evalLines);
        if (_evalTexts.TryGetValue(text, out var source)) return source;
        source = SourceText.FromEval(text, text.Length >= MinSharedLinesTextLength ? _evalLines : null);
        if (_evalTexts.Count < MaxRememberedEvalTexts) _evalTexts[text] = source;
        return source;
    }

    private void EnterNesting(string what)
    {
        if (++_depth > Options.MaxExpansionDepth)
            throw ErrorAtExpansion(
                $"expansion nested more than {Options.MaxExpansionDepth} levels deep while expanding '{what}' (endless recursion?)");
    }

    /// <summary>An error located where make's *expanding_var points: the variable being expanded, else the line being read.</summary>
    internal UserError ErrorAtExpansion(string reason) => new(_expandingVariable ?? ReadingLocation, reason);

    internal void Warn(SourceLocation location, string message) => Output.Warning(location, ProgramName, message);

    /// <summary>A path as the OS sees it, for a name relative to CURDIR.</summary>
    public string ResolvePath(string name) =>
        ByteText.ToOs(name.Length > 0 && name[0] == '/' ? name : WorkingDirectoryFor(name) + "/" + name);

    /// <summary>The directory <paramref name="name"/> is taken relative to: what it gives depends on the working directory unless it is absolute.</summary>
    internal string WorkingDirectoryFor(ReadOnlySpan<char> name)
    {
        if (name.Length == 0 || name[0] != '/') Capture?.Refuse();
        return WorkingDirectory;
    }

    internal void AddMissingInclude(MissingInclude missing) => _missingIncludes.Add(missing);
}

/// <summary>An included makefile that could not be read: reported after reading, unless it was -include.</summary>
public sealed record MissingInclude(string Name, SourceLocation Location, bool Optional, string Reason);
