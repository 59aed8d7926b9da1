using System.Text;
using Kiln.Core.Errors;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Syntax;
using Kiln.Make.Text;

namespace Kiln.Make.Variables;

/// <summary>A make variable: its unexpanded (recursive) or expanded (simple) value and its attributes.</summary>
public sealed class Variable
{
    private Expr? _parsedValue;

    internal Variable(string name, string value, bool recursive, Origin origin, SourceLocation location, Expr? parsedValue = null)
    {
        Name = name;
        _value = value;
        IsRecursive = recursive;
        Origin = origin;
        Location = location;
        _parsedValue = parsedValue;
    }

    public string Name { get; }

    private string _value;

    // A value appended to (+=) grows here, and becomes a string again only when read: until then the builder is the
    // longer of the two (an append adds at least a space).
    private StringBuilder? _grown;

    private bool GrownUnread => _grown is not null && _grown.Length != _value.Length;

    /// <summary>The value as stored: unexpanded text for a recursive variable, the expansion for a simple one.</summary>
    public string Value
    {
        get
        {
            if (GrownUnread) _value = _grown!.ToString();
            return _value;
        }
    }

    /// <summary>Whether the value is empty, found without making a grown value a string.</summary>
    internal bool HasEmptyValue => (_grown?.Length ?? _value.Length) == 0;

    public bool IsRecursive { get; internal set; }

    public Origin Origin { get; internal set; }

    public SourceLocation Location { get; internal set; }

    /// <summary>Set for a target-specific <c>+=</c>: the value is appended to the inherited one when expanded.</summary>
    public bool IsAppend { get; internal set; }

    /// <summary>Set when the last definition was <c>?=</c>.</summary>
    public bool IsConditional { get; internal set; }

    public bool IsPrivate { get; internal set; }

    public ExportMode Export { get; internal set; }

    /// <summary>True for names the environment could carry (letters, digits, underscores).</summary>
    public bool IsExportable => IsValidEnvironmentName(Name);

    public string Flavor => IsRecursive ? "recursive" : "simple";

    /// <summary>Guards against a recursive variable that refers to itself (make's expanding flag).</summary>
    internal bool Expanding;

    /// <summary>How many nested self-references are still allowed; $(call) raises it (make's exp_count).</summary>
    internal int ExpansionAllowance;

    /// <summary>Marks .VARIABLES, whose value is the list of global names, rebuilt when read.</summary>
    internal bool IsVariablesList;

    internal void SetValue(string value, Expr? parsedValue = null)
    {
        _value = value;
        _grown = null;
        _parsedValue = parsedValue;
    }

    /// <summary>
    /// The value becomes itself, a space and <paramref name="addition"/>: a long value in time proportional to the addition
    /// alone, a short one copied (a builder would cost more than it saves).
    /// </summary>
    internal void AppendValue(string addition)
    {
        _parsedValue = null;
        if (_grown is null && _value.Length < GrowsInPlaceFrom)
        {
            _value = _value + " " + addition;
            return;
        }
        _grown ??= new StringBuilder(_value, 2 * _value.Length);
        _grown.Append(' ').Append(addition);
    }

    private const int GrowsInPlaceFrom = 1024;

    /// <summary>The value parsed as an expression, parsed once per value.</summary>
    internal Expr ParsedValue => _parsedValue ??= ExprParser.Parse(Value);

    internal static bool IsValidEnvironmentName(string name)
    {
        if (name.Length == 0) return false;
        var c = name[0];
        if (c != '_' && !char.IsAsciiLetter(c)) return false;
        for (var i = 1; i < name.Length; i++)
        {
            c = name[i];
            if (c != '_' && !char.IsAsciiLetterOrDigit(c)) return false;
        }
        return true;
    }
}

/// <summary>What a variable's definitions made of it, kept to recreate it in another evaluation (<see cref="Evaluation.SharedPrelude"/>).</summary>
internal sealed record VariableState(string Name, string Value, Expr? ParsedValue, bool IsRecursive, Origin Origin, SourceLocation Location,
    bool IsAppend, bool IsConditional, bool IsPrivate, ExportMode Export, bool IsVariablesList)
{
    /// <summary>The state of <paramref name="v"/> now; a recursive value is parsed here, once for every evaluation given it.</summary>
    public static VariableState Of(Variable v) => new(v.Name, v.Value, v.IsRecursive ? v.ParsedValue : null, v.IsRecursive, v.Origin,
        v.Location, v.IsAppend, v.IsConditional, v.IsPrivate, v.Export, v.IsVariablesList);

    public Variable Create()
    {
        var v = new Variable(Name, Value, IsRecursive, Origin, Location, ParsedValue);
        SetFlags(v);
        return v;
    }

    /// <summary>Gives an existing variable of the same name this state.</summary>
    public void ApplyTo(Variable v)
    {
        v.SetValue(Value, ParsedValue);
        v.IsRecursive = IsRecursive;
        v.Origin = Origin;
        v.Location = Location;
        SetFlags(v);
    }

    private void SetFlags(Variable v)
    {
        v.IsAppend = IsAppend;
        v.IsConditional = IsConditional;
        v.IsPrivate = IsPrivate;
        v.Export = Export;
        v.IsVariablesList = IsVariablesList;
    }

    /// <summary>Whether <paramref name="v"/> holds the same definition (its place and parse aside).</summary>
    public bool Matches(Variable v) => v.Name == Name && v.Value == Value && v.IsRecursive == IsRecursive && v.Origin == Origin
        && v.Export == Export && v.IsPrivate == IsPrivate && v.IsAppend == IsAppend && v.IsConditional == IsConditional;
}
