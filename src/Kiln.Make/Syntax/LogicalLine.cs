namespace Kiln.Make.Syntax;

/// <summary>
/// One line as make reads it: physical lines joined where a newline is escaped, with the
/// backslash-newlines still in the text (recipes keep them; other lines collapse them).
/// </summary>
public sealed class LogicalLine
{
    private LineSyntax? _syntax;

    internal LogicalLine(string text, int line)
    {
        Text = text;
        Line = line;
    }

    public string Text { get; }

    /// <summary>Line number of its first physical line (0 inside $(eval) text, whose lines all report the eval's line).</summary>
    public int Line { get; }

    /// <summary>The line read as a directive, assignment or rule (not as a recipe); analysed once, then shared.</summary>
    internal LineSyntax Syntax => _syntax ??= LineSyntax.Analyze(Text);

    /// <summary>For a define line: its body, as read with the default recipe prefix.</summary>
    internal DefineBody? DefineBodyCache { get; set; }
}
