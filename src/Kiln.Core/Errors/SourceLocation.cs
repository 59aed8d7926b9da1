namespace Kiln.Core.Errors;

/// <summary>Where a piece of makefile text came from; a null file means "no location" (command line, defaults).</summary>
public readonly record struct SourceLocation(string? File, int Line)
{
    public static readonly SourceLocation None = new(null, 0);

    public bool IsKnown => File is not null;

    public override string ToString() => IsKnown ? $"{File}:{Line}" : "";
}
