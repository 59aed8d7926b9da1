namespace Kiln.Configuration.Kconfig;

/// <summary>A config symbol as the Kconfig files declare it (what Kiln needs of it: type, defaults, dependencies, selects).</summary>
public sealed class KconfigSymbol(string name, string location)
{
    public string Name { get; } = name;

    /// <summary>Where it is declared first (file:line).</summary>
    public string Location { get; } = location;

    /// <summary>bool, tristate, int, hex or string (empty until a type line is read).</summary>
    public string Type { get; set; } = "";

    public List<KconfigDefault> Defaults { get; } = [];

    /// <summary>Its own "depends on" lines and those of the if blocks, menus and choice around it.</summary>
    public List<KconfigExpression> Depends { get; } = [];

    public List<KconfigDefault> Selects { get; } = [];

    public KconfigChoice? Choice { get; set; }

    public bool IsBoolean => Type is "bool" or "tristate";
}

/// <summary>"default VALUE if CONDITION" (also "select SYMBOL if CONDITION").</summary>
public sealed record KconfigDefault(string Value, KconfigExpression? Condition);

/// <summary>A choice: exactly one of its members is y when it is visible.</summary>
public sealed class KconfigChoice
{
    public List<KconfigDefault> Defaults { get; } = [];

    public List<KconfigExpression> Depends { get; } = [];

    public List<KconfigSymbol> Members { get; } = [];
}
