using System.Text;

namespace Kiln.Cli.Output;

/// <summary>Rows of text in aligned columns, for a person to read (the last column is not padded).</summary>
public sealed class TextTable(params string[] headings)
{
    private readonly List<string[]> _rows = [headings];

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = new int[headings.Length];
        foreach (var row in _rows)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        var text = new StringBuilder();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            text.Append('\n');
        }
        return text.ToString();
    }
}
