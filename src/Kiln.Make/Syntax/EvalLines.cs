namespace Kiln.Make.Syntax;

/// <summary>
/// The lines of $(eval) text one evaluation has read, so that a line seen again (the same
/// defaults evaluated for every package or device) keeps its analysis. Lines that open a
/// define are not shared: their body depends on the text that follows them.
/// </summary>
internal sealed class EvalLines
{
    private readonly Dictionary<string, LogicalLine> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LogicalLine>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public EvalLines() => _lookup = _lines.GetAlternateLookup<ReadOnlySpan<char>>();

    public LogicalLine Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var line)) return line;
        line = new LogicalLine(text.ToString(), 0);
        if (!text.Contains("define", StringComparison.Ordinal)) _lines.Add(line.Text, line);
        return line;
    }
}
