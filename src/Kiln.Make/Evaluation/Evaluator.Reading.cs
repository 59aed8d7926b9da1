using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Rules;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

public sealed partial class Evaluator
{
    /// <summary>
    /// Reads a makefile named on the command line (-f); a missing one is reported after reading, as make does.
    /// <paramref name="content"/>: its bytes, when the caller has read the file already (it is still looked at, as an input).
    /// </summary>
    public void ReadMakefile(string name, byte[]? content = null)
    {
        StartMakefileList();
        EvalMakefile(name, included: false, optional: false, SourceLocation.None, setDefaultGoal: true, content);
    }

    /// <summary>make defines MAKEFILE_LIST (empty, simple) before it reads the first makefile.</summary>
    private void StartMakefileList()
    {
        if (Variables.Global.Find("MAKEFILE_LIST") is null)
            Variables.Define("MAKEFILE_LIST", "", Origin.File, recursive: false, SourceLocation.None);
    }

    /// <summary>Reads makefile text that does not come from a file (built-in makefiles), under a display name.</summary>
    public void ReadText(string displayName, string content)
    {
        var source = SourceText.FromFile(displayName, content);
        var saved = ReadingLocation;
        new MakefileReader(this, source, displayName, 0, setDefaultGoal: true).Read();
        ReadingLocation = saved;
    }

    /// <summary>An include, -include or sinclude line.</summary>
    internal void Include(string namesText, bool optional, SourceLocation at, bool setDefaultGoal)
    {
        var expanded = Expand(namesText);
        if (expanded.Length == 0) return;
        foreach (var name in FileNames.Parse(expanded, this))
            EvalMakefile(name, included: true, optional, at, setDefaultGoal);
    }

    /// <summary>make's eval_makefile: finds the file (searching the include path), adds it to MAKEFILE_LIST and reads it.</summary>
    private void EvalMakefile(string name, bool included, bool optional, SourceLocation includedFrom, bool setDefaultGoal, byte[]? content = null)
    {
        if (!included && name.StartsWith('~') && HomeDirectory is not null && (name.Length == 1 || name[1] == '/'))
            name = HomeDirectory + name[1..];

        // Messages name the file as written; MAKEFILE_LIST gets the path it was found at.
        var displayName = name;
        var source = Load(name, displayName, shared: included, content, out var error);
        if (source is null && included && !name.StartsWith('/'))
        {
            foreach (var dir in IncludeDirectories)
            {
                var candidate = dir + "/" + name;
                source = Load(candidate, displayName, shared: true, content: null, out _);
                if (source is null) continue;
                name = candidate;
                break;
            }
        }
        if (source is null)
        {
            AddMissingInclude(new MissingInclude(name, includedFrom, optional, SystemErrors.Describe(error!)));
            return;
        }

        var listed = WithoutDotSlash(name);
        DefineVariable(new SourceLocation(displayName, 1), "MAKEFILE_LIST", listed, null, Origin.File, AssignmentOperator.Append,
            targetScope: null, appendUnexpanded: true);
        ReadMakefiles.Add(listed);

        var saved = ReadingLocation;
        var start = EvaluationProfile.Start(Options.Profile);
        new MakefileReader(this, source, displayName, 0, setDefaultGoal) { Prelude = included ? null : Options.Prelude }.Read();
        Options.Profile?.Add(included ? Path.GetFileName(name) : EvaluationProfile.Whole, start);
        ReadingLocation = saved;
    }

    /// <summary>
    /// The makefile's first statement, when it is the prelude's: restores the prelude's state, or
    /// reads the statement and keeps the state it reached for the others. False when the
    /// statement is to be read as any other.
    /// </summary>
    internal bool ReadPrelude(SharedPrelude prelude, LineSyntax syntax, SourceLocation at, bool setDefaultGoal)
    {
        if (prelude.State is { } state)
        {
            var start = EvaluationProfile.Start(Options.Profile);
            var restored = state.Restore(this);
            if (restored) Options.Profile?.Add(EvaluationProfile.PreludeRestored, start);
            return restored;
        }
        if (Capture is null || syntax.FirstWord != "include" || !prelude.TryTake()) return false;
        Capture.Start(this);
        Include(syntax.Rest, optional: false, at, setDefaultGoal);
        if (Capture.Finish(this) is { } kept) prelude.Keep(kept);
        return true;
    }

    /// <summary>make's file table drops leading "./" (and the slashes after it) from names.</summary>
    private static string WithoutDotSlash(string name)
    {
        var i = 0;
        while (name.Length - i > 2 && name[i] == '.' && name[i + 1] == '/')
        {
            i += 2;
            while (i < name.Length && name[i] == '/') i++;
        }
        return name[i..];
    }

    /// <summary>Reads the files named in the MAKEFILES environment variable first, as make does: silently skipped when missing, never setting the
    /// default goal.</summary>
    public void ReadMakefilesVariable()
    {
        StartMakefileList();
        var names = ValueOf("MAKEFILES");
        if (string.IsNullOrEmpty(names)) return;
        foreach (var name in Words.Split(names))
            EvalMakefile(name, included: true, optional: true, SourceLocation.None, setDefaultGoal: false);
    }

    /// <summary>
    /// Included makefiles are <paramref name="shared"/> through the source cache; the makefiles read first are not, and are
    /// taken from <paramref name="content"/> when the caller read them already.
    /// </summary>
    private SourceText? Load(string name, string displayName, bool shared, byte[]? content, out Exception? error)
    {
        var path = ResolvePath(name);
        if (Options.Makefiles?.Find(path) is { } builtin)
        {
            error = null;
            return Sources.GetBuiltin(path, displayName, builtin);
        }
        var status = Files.Stat(path);
        if (status is { IsDirectory: true }) throw new UserError(SourceLocation.None, $"{name}: Is a directory");
        if (status is not { } file)
        {
            error = new FileNotFoundException(path);
            return null;
        }
        error = null;
        var source = shared ? Sources.Get(path, file, displayName, out error)
            : content is not null ? SourceCache.Parse(displayName, content)
            : SourceCache.Read(path, displayName, out error);
        // A file that is there but cannot be read stops make at once, as a directory does.
        if (source is null && error is IOException and not FileNotFoundException and not DirectoryNotFoundException)
            throw new UserError(SourceLocation.None, $"{name}: {SystemErrors.Describe(error)}");
        if (source?.ContentHash is { } hash) Options.Inputs?.FileRead(path, hash);
        return source;
    }

    /// <summary>
    /// What make does after reading, before building: a missing included makefile (the last one
    /// read) stops it, as make finds no rule to remake it.
    /// </summary>
    public void CheckMissingIncludes()
    {
        for (var i = _missingIncludes.Count - 1; i >= 0; i--)
        {
            var missing = _missingIncludes[i];
            if (missing.Optional) continue;
            Warn(missing.Location, $"{missing.Name}: {missing.Reason}");
            throw new UserError(SourceLocation.None, $"No rule to make target '{missing.Name}'");
        }
    }

    internal void RecordRule(PendingRule pending) => _ruleRecorder.Record(this, pending);

    private readonly RuleRecorder _ruleRecorder = new();

    /// <summary>The targets read so far, as make's checks of later rules know them.</summary>
    internal RuleRecorder RuleTargets => _ruleRecorder;
}
