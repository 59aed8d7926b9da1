namespace Kiln.Make.Syntax;

/// <summary>A makefile or $(eval) text split into logical lines. Immutable; parsed once and shared.</summary>
public sealed class SourceText
{
    private SourceText(string? fileName, LogicalLine[] lines, int endLine, byte[]? contentHash)
    {
        FileName = fileName;
        Lines = lines;
        EndLine = endLine;
        ContentHash = contentHash;
    }

    public string? FileName { get; }

    /// <summary>SHA-256 of the file's bytes, when the text was read from a file.</summary>
    public byte[]? ContentHash { get; }

    public IReadOnlyList<LogicalLine> Lines { get; }

    /// <summary>The line number make reports for errors found at the end of the text (such as a missing endif).</summary>
    public int EndLine { get; }

    /// <summary>
    /// Splits a makefile as make's readline does: a CR before a newline is dropped, and a line is
    /// continued when an odd number of backslashes precedes its newline.
    /// </summary>
    public static SourceText FromFile(string fileName, string content, byte[]? contentHash = null)
    {
        // make skips a UTF-8 byte order mark at the start of any makefile.
        if (content.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal)) content = content[3..];
        var lines = new List<LogicalLine>();
        var sb = new System.Text.StringBuilder();
        var line = 1;
        var i = 0;
        while (i < content.Length)
        {
            sb.Clear();
            var counted = 0;
            while (true)
            {
                var nl = content.IndexOf('\n', i);
                if (nl < 0)
                {
                    // A last line without a newline is not counted unless nothing before it was.
                    sb.Append(content, i, content.Length - i);
                    i = content.Length;
                    break;
                }
                var end = nl;
                if (end > i && content[end - 1] == '\r') end--;
                counted++;
                var backslashes = 0;
                for (var j = end - 1; j >= i && content[j] == '\\'; j--) backslashes++;
                sb.Append(content, i, end - i);
                i = nl + 1;
                if ((backslashes & 1) == 0) break;
                sb.Append('\n');
                if (i >= content.Length) break;
            }
            lines.Add(new LogicalLine(sb.ToString(), line));
            line += counted == 0 ? 1 : counted;
        }
        return new SourceText(fileName, lines.ToArray(), line, contentHash);
    }

    /// <summary>
    /// Splits $(eval) text as make's readstring does: no CR handling, and no line counting (every
    /// line reports the line of the $(eval)). Lines come from <paramref name="seen"/>, if given.
    /// </summary>
    internal static SourceText FromEval(string text, EvalLines? seen)
    {
        // Each newline ends at most one line: the array is sized once, then trimmed if some were escaped.
        var lines = new LogicalLine[text.AsSpan().Count('\n') + 1];
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            int eol;
            while (true)
            {
                eol = text.IndexOf('\n', i);
                if (eol < 0)
                {
                    eol = text.Length;
                    break;
                }
                var backslashes = 0;
                for (var j = eol - 1; j >= i && text[j] == '\\'; j--) backslashes++;
                if ((backslashes & 1) == 0) break;
                i = eol + 1;
            }
            lines[count++] = seen?.Get(text.AsSpan(start, eol - start)) ?? new LogicalLine(text[start..eol], 0);
            i = eol + 1;
        }
        if (count < lines.Length) Array.Resize(ref lines, count);
        return new SourceText(null, lines, 0, null);
    }
}
