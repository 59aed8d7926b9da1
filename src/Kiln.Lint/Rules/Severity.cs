namespace Kiln.Lint.Rules;

/// <summary>How much a finding matters: an error fails the lint (exit status 1), a warning or a note does not.</summary>
public enum Severity
{
    Note,
    Warning,
    Error,
}

public static class SeverityNames
{
    /// <summary>The word the text report prints, as compilers print it.</summary>
    public static string Word(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
