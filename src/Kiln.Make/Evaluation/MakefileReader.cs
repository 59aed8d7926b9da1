using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Reads one makefile or $(eval) text line by line, as make's eval() does: recipe lines,
/// assignments and defines, conditionals, export/vpath/include directives, then rules.
/// </summary>
internal sealed class MakefileReader
{
    private readonly Evaluator _ev;
    private readonly SourceText _source;
    private readonly string? _file;
    private readonly int _lineBase;
    private readonly bool _setDefaultGoal;
    private readonly ConditionalStack _conditionals = new();
    private readonly RuleLineReader _rules;
    private bool _ignoring;
    private bool _inIgnoredDefine;
    private bool _started;

    public MakefileReader(Evaluator ev, SourceText source, string? file, int lineBase, bool setDefaultGoal)
    {
        _ev = ev;
        _source = source;
        _file = file;
        _lineBase = lineBase;
        _setDefaultGoal = setDefaultGoal;
        _rules = new RuleLineReader(ev, setDefaultGoal);
    }

    /// <summary>The first statement this makefile may share with others (read first, or restored), or null.</summary>
    public SharedPrelude? Prelude { get; init; }

    public void Read()
    {
        var lines = _source.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = Location(line);
            _ev.ReadingLocation = at;
            var text = line.Text;
            if (text.Length == 0) continue;

            if (text[0] == _ev.RecipePrefix)
            {
                if (_rules.NoTargets) continue;
                if (_rules.HasPendingRule)
                {
                    if (!_ignoring) _rules.AddRecipeLine(text[1..], at.Line);
                    continue;
                }
            }

            var syntax = line.Syntax;
            if (!syntax.IsEmpty)
            {
                _ev.Capture?.Statement(syntax.Assignment, at);
                if (!_started)
                {
                    _started = true;
                    if (Prelude is { } prelude && text == prelude.Statement && _ev.ReadPrelude(prelude, syntax, at, _setDefaultGoal)) continue;
                }
            }
            if (syntax.Assignment is { } assignment)
            {
                if (_ignoring)
                {
                    if (assignment.Kind == AssignmentKind.Define) _inIgnoredDefine = true;
                    continue;
                }
                _rules.RecordWaitingRule();
                i = Assign(assignment, i, at);
                continue;
            }

            if (syntax.IsEmpty) continue;

            if (_inIgnoredDefine)
            {
                if (syntax.FirstWord == "endef" && (syntax.Rest.Length == 0 || syntax.Rest[0] == '#')) _inIgnoredDefine = false;
                continue;
            }

            if (syntax.Conditional is { } conditional)
            {
                var result = _conditionals.Apply(conditional, _ev, at);
                if (result < 0) throw new UserError(at, "invalid syntax in conditional");
                _ignoring = result == 1;
                continue;
            }

            if (_ignoring) continue;

            switch (syntax.FirstWord)
            {
                case "export":
                case "unexport":
                    _rules.RecordWaitingRule();
                    Export(syntax, exporting: syntax.FirstWord == "export", at);
                    continue;
                case "vpath":
                    _rules.RecordWaitingRule();
                    _ev.Expand(syntax.Rest);
                    continue;
                case "include":
                case "-include":
                case "sinclude":
                    _rules.RecordWaitingRule();
                    _ev.Include(syntax.Rest, optional: syntax.FirstWord != "include", at, _setDefaultGoal);
                    continue;
                case "load":
                case "-load":
                    _rules.RecordWaitingRule();
                    throw new UserError(at, "the load directive (dynamic objects) is not supported by Kiln");
            }

            if (text[0] == _ev.RecipePrefix) throw new UserError(at, "recipe commences before first target");

            _rules.Read(line, at);
        }

        if (_conditionals.Depth > 0)
            throw new UserError(new SourceLocation(_file, _lineBase + _source.EndLine), "missing 'endif'");
        _rules.RecordWaitingRule();
    }

    private SourceLocation Location(LogicalLine line) => new(_file, _lineBase + line.Line);

    /// <summary>An assignment, define or undefine; returns the index of the last line it used.</summary>
    private int Assign(AssignmentSyntax assignment, int index, SourceLocation at)
    {
        switch (assignment.Kind)
        {
            case AssignmentKind.Undefine:
                Undefine(assignment, OriginOf(assignment), at);
                return index;
            case AssignmentKind.Define:
                (var v, index) = Define(assignment, OriginOf(assignment), index, at);
                Mark(v, assignment);
                return index;
            default:
                AssignOneLine(_ev, assignment, at);
                return index;
        }
    }

    /// <summary>A one-line assignment (not define or undefine) read at <paramref name="at"/>.</summary>
    internal static void AssignOneLine(Evaluator ev, AssignmentSyntax assignment, SourceLocation at) =>
        Mark(ev.AssignVariable(assignment.Definition!, OriginOf(assignment), at, targetScope: null), assignment);

    private static Origin OriginOf(AssignmentSyntax assignment) => assignment.Override ? Origin.Override : Origin.File;

    private static void Mark(Variable v, AssignmentSyntax assignment)
    {
        if (assignment.Export) v.Export = ExportMode.Export;
        if (assignment.Private) v.IsPrivate = true;
    }

    private void Undefine(AssignmentSyntax assignment, Origin origin, SourceLocation at)
    {
        var name = TrimName(_ev.ExpandToString(assignment.RemainderExpr));
        if (name.Length == 0) throw new UserError(at, "empty variable name");
        _ev.Variables.Undefine(name, origin);
    }

    /// <summary>make's do_define: the name (and operator) from the define line, the body up to the matching endef.</summary>
    private (Variable, int) Define(AssignmentSyntax assignment, Origin origin, int index, SourceLocation at)
    {
        var header = DefineHeader.Parse(assignment.Remainder);
        if (header.ExtraText) _ev.Warn(at, "extraneous text after 'define' directive");
        var name = TrimName(_ev.ExpandToString(header.NameExpr));
        if (name.Length == 0) throw new UserError(at, "empty variable name");

        var body = DefineBody.Read(_source, index, _ev.RecipePrefix);
        foreach (var warningLine in body.ExtraTextLines)
            _ev.Warn(Location(_source.Lines[warningLine]), "extraneous text after 'endef' directive");
        if (body.EndIndex < 0) throw new UserError(at, "missing 'endef', unterminated 'define'");

        _ev.ReadingLocation = Location(_source.Lines[body.EndIndex]);
        var v = _ev.DefineVariable(at, name, body.Text, body.TextExpr, origin, header.Operator, targetScope: null);
        return (v, body.EndIndex);
    }

    private void Export(LineSyntax syntax, bool exporting, SourceLocation at)
    {
        if (syntax.Rest.Length == 0)
        {
            _ev.ExportAll = exporting;
            return;
        }
        var names = _ev.Expand(syntax.Rest);
        foreach (var word in Words.Enumerate(names))
        {
            var v = _ev.Variables.Lookup(word)
                ?? _ev.Variables.Define(word.ToString(), "", Origin.File, recursive: false, at);
            v.Export = exporting ? ExportMode.Export : ExportMode.NoExport;
        }
    }

    /// <summary>A variable name after expansion: leading whitespace and trailing blanks removed.</summary>
    private static string TrimName(string expanded)
    {
        var start = CharClass.SkipSpace(expanded, 0, expanded.Length);
        var end = expanded.Length;
        while (end > start + 1 && CharClass.IsBlank(expanded[end - 1])) end--;
        return expanded[start..end];
    }
}
