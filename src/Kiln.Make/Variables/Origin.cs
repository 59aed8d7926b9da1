namespace Kiln.Make.Variables;

/// <summary>Where a variable's value came from; a definition only replaces one of equal or lower rank.</summary>
public enum Origin
{
    Default,
    Environment,
    File,
    EnvironmentOverride,
    CommandLine,
    Override,
    Automatic,
}

public static class OriginNames
{
    /// <summary>The word $(origin) returns.</summary>
    public static string ToMakeString(this Origin origin) => origin switch
    {
        Origin.Default => "default",
        Origin.Environment => "environment",
        Origin.File => "file",
        Origin.EnvironmentOverride => "environment override",
        Origin.CommandLine => "command line",
        Origin.Override => "override",
        Origin.Automatic => "automatic",
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };
}
