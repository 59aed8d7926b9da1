using Kiln.Core.Errors;

namespace Kiln.Lint.Packages;

/// <summary>
/// A variable a package's own files set, as the finished evaluation has it: its text (before
/// expansion for a recursive variable, expanded for a simple one), where it was set (a file
/// relative to the tree), and that line as written. Values as the build sees them come from the
/// scan (<see cref="LintedPackage.Variable"/>); expanding again here could run $(shell) commands.
/// </summary>
public sealed record MakefileAssignment(string Name, string RawValue, SourceLocation Location, bool IsDefine, string SourceLine)
{
    /// <summary>The line computes the value from other variables (its text has a reference).</summary>
    public bool IsComputed => SourceLine.Contains('$');

    /// <summary>The body's lines, for a <c>define</c>, as the evaluation keeps them (a line continued with a backslash is one).</summary>
    public string[] BodyLines => RawValue.Split('\n');

    /// <summary>A <c>define</c>'s body as its file has it (a continued line is several), which <see cref="LineWhere"/> counts; null when unknown.</summary>
    public IReadOnlyList<string>? FileLines { get; init; }

    /// <summary>
    /// Where in a <c>define</c> the first body line that <paramref name="matches"/> is (the
    /// <c>define</c> line itself when none does, or for a one-line assignment).
    /// </summary>
    public SourceLocation LineWhere(Func<string, bool> matches)
    {
        if (!IsDefine) return Location;
        var lines = FileLines ?? BodyLines;
        for (var i = 0; i < lines.Count; i++)
            if (matches(lines[i])) return Location with { Line = Location.Line + 1 + i };
        return Location;
    }
}
