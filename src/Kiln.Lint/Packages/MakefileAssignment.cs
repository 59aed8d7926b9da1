using Kiln.Core.Errors;

namespace Kiln.Lint.Packages;

/// <summary>
/// A variable a package's own files set, as the finished evaluation has it: its text before
/// expansion, its value (null for a <c>define</c> or a value that cannot be expanded outside a
/// build), and where it was set (a file relative to the tree).
/// </summary>
public sealed record MakefileAssignment(string Name, string RawValue, string? Value, SourceLocation Location, bool IsDefine)
{
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
