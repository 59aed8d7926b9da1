using System.Text;

namespace Kiln.Images.Rootfs;

/// <summary>The version relation of a dependency, as opkg reads "(OP VERSION)".</summary>
public enum VersionRelation
{
    None,
    Earlier,
    EarlierOrEqual,
    Equal,
    LaterOrEqual,
    Later,
}

/// <summary>One name a dependency or conflict accepts, with its version constraint if it has one.</summary>
public sealed record DependencyTarget(string Name, VersionRelation Relation, string? Version)
{
    /// <summary>
    /// Whether a package of this version meets the constraint, with opkg's rule: an equal version
    /// meets every relation (so "(&lt;&lt; 2.0)" accepts 2.0), and a version without a relation
    /// meets it whatever it is.
    /// </summary>
    public bool AcceptsVersion(OpkgVersion version)
    {
        if (Relation == VersionRelation.None || Version is null) return true;
        var comparison = version.CompareTo(OpkgVersion.Parse(Version));
        return comparison == 0 || Relation switch
        {
            VersionRelation.Earlier or VersionRelation.EarlierOrEqual => comparison < 0,
            VersionRelation.Later or VersionRelation.LaterOrEqual => comparison > 0,
            _ => false,
        };
    }

    /// <summary>As Debian writes it, for messages: <c>name (&gt;= 1.0)</c>.</summary>
    public override string ToString() => Version is null ? Name : $"{Name} ({Operator(debian: true)}{Version})";

    /// <summary>
    /// As opkg prints it in its status file, where "&lt;&lt;" and "&gt;&gt;" come out as "&lt;" and
    /// "&gt;" (and a version without a relation as just the version).
    /// </summary>
    public string StatusText => Version is null ? Name : $"{Name} ({Operator(debian: false)}{Version})";

    private string Operator(bool debian) => Relation switch
    {
        VersionRelation.Earlier => debian ? "<< " : "< ",
        VersionRelation.EarlierOrEqual => "<= ",
        VersionRelation.Equal => "= ",
        VersionRelation.LaterOrEqual => ">= ",
        VersionRelation.Later => debian ? ">> " : "> ",
        _ => "",
    };
}

/// <summary>
/// One entry of a Depends or Conflicts field: a name, or alternatives separated by '|', each
/// with an optional "(OP VERSION)".
/// </summary>
public sealed record Dependency(IReadOnlyList<DependencyTarget> Alternatives)
{
    /// <summary>A field's entries (separated by ','; empty ones skipped, as opkg's tokenizer skips them).</summary>
    public static IReadOnlyList<Dependency> ParseList(string? field)
    {
        var entries = new List<Dependency>();
        if (field is null) return entries;
        foreach (var entry in field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var alternatives = new List<DependencyTarget>();
            foreach (var alternative in entry.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                alternatives.Add(ParseTarget(alternative));
            if (alternatives.Count > 0) entries.Add(new Dependency(alternatives));
        }
        return entries;
    }

    private static DependencyTarget ParseTarget(string text)
    {
        var space = text.IndexOfAny([' ', '\t', '(']);
        if (space < 0) return new DependencyTarget(text, VersionRelation.None, null);
        var name = text[..space];
        var rest = text[space..].Trim();
        if (!rest.StartsWith('(')) return new DependencyTarget(name, VersionRelation.None, null);
        var close = rest.IndexOf(')');
        var inside = close < 0 ? rest[1..] : rest[1..close];
        // Longest operators first; "<" and ">" alone are dpkg's old spellings of "<=" and ">=".
        (string Text, VersionRelation Relation)[] operators =
        [
            ("<<", VersionRelation.Earlier), ("<=", VersionRelation.EarlierOrEqual), (">=", VersionRelation.LaterOrEqual),
            (">>", VersionRelation.Later), ("=", VersionRelation.Equal), ("<", VersionRelation.EarlierOrEqual),
            (">", VersionRelation.LaterOrEqual),
        ];
        foreach (var (op, relation) in operators)
            if (inside.StartsWith(op, StringComparison.Ordinal)) return new DependencyTarget(name, relation, inside[op.Length..].Trim());
        return new DependencyTarget(name, VersionRelation.None, inside.Trim());
    }

    /// <summary>For messages: <c>a | b (&gt;= 1.0)</c>.</summary>
    public override string ToString() => Join(false);

    /// <summary>As opkg prints it in its status file.</summary>
    public string StatusText => Join(true);

    private string Join(bool status)
    {
        var text = new StringBuilder();
        foreach (var alternative in Alternatives)
        {
            if (text.Length > 0) text.Append(" | ");
            text.Append(status ? alternative.StatusText : alternative.ToString());
        }
        return text.ToString();
    }
}
