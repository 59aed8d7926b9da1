namespace Kiln.Packages.Model;

/// <summary>The kinds of entry in a DEPENDS list.</summary>
public enum DependencyKind
{
    /// <summary><c>pkg</c>: needs pkg to be selected (menu dependency).</summary>
    Requires,
    /// <summary><c>+pkg</c>: selects pkg.</summary>
    Selects,
    /// <summary><c>@SYMBOL</c> (or <c>@TARGET_x</c>): a configuration condition.</summary>
    Condition,
    /// <summary><c>+@SYMBOL</c>: selects a configuration symbol.</summary>
    SelectsSymbol,
}

/// <summary>
/// One DEPENDS entry: <c>+pkg</c>, <c>pkg</c>, <c>+COND:pkg</c>, <c>+!COND:pkg</c>, <c>@SYMBOL</c>,
/// where COND and SYMBOL may combine symbols with <c>||</c>, <c>&amp;&amp;</c>, <c>!</c> and parentheses.
/// </summary>
public sealed record Dependency(DependencyKind Kind, string Target, string? Condition, string Text)
{
    public static IReadOnlyList<Dependency> ParseList(string depends)
    {
        var list = new List<Dependency>();
        foreach (var word in depends.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            list.Add(Parse(word));
        return list;
    }

    public static Dependency Parse(string text)
    {
        var rest = text;
        var selects = rest.StartsWith('+');
        if (selects) rest = rest[1..];
        if (rest.StartsWith('@'))
            return new Dependency(selects ? DependencyKind.SelectsSymbol : DependencyKind.Condition, rest[1..], null, text);
        string? condition = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            condition = rest[..colon];
            rest = rest[(colon + 1)..];
        }
        return new Dependency(selects ? DependencyKind.Selects : DependencyKind.Requires, rest, condition, text);
    }

    /// <summary>The package this entry names, or null for a configuration condition.</summary>
    public string? Package => Kind is DependencyKind.Requires or DependencyKind.Selects ? Target : null;

    /// <summary>
    /// The condition as an expression: the COND of <c>+COND:pkg</c>, or the whole of <c>@COND</c>;
    /// null when there is none or it does not parse.
    /// </summary>
    public ConditionExpression? Expression => ConditionExpression.TryParse(Package is null ? Target : Condition ?? "");

    /// <summary>Whether a package entry's COND holds with these symbols enabled (one without a condition always does).</summary>
    public bool Holds(Func<string, bool> enabled) => Condition is null || Expression?.IsTrue(enabled) == true;
}
