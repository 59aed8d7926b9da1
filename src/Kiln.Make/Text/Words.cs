namespace Kiln.Make.Text;

/// <summary>Iterates the whitespace-separated words of a text the way make's find_next_token does.</summary>
public ref struct WordEnumerator
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public WordEnumerator(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        Start = 0;
        Current = default;
    }

    public ReadOnlySpan<char> Current { get; private set; }

    /// <summary>Offset of <see cref="Current"/> in the text.</summary>
    public int Start { get; private set; }

    /// <summary>Offset just past <see cref="Current"/>.</summary>
    public readonly int End => _position;

    public readonly WordEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        var i = _position;
        while (i < _text.Length && CharClass.IsSpace(_text[i])) i++;
        if (i >= _text.Length)
        {
            _position = i;
            return false;
        }
        var start = i;
        while (i < _text.Length && !CharClass.IsSpace(_text[i])) i++;
        Start = start;
        Current = _text[start..i];
        _position = i;
        return true;
    }
}

public static class Words
{
    public static WordEnumerator Enumerate(ReadOnlySpan<char> text) => new(text);

    public static List<string> Split(string text)
    {
        var list = new List<string>();
        foreach (var w in new WordEnumerator(text)) list.Add(w.ToString());
        return list;
    }

    public static int Count(ReadOnlySpan<char> text)
    {
        var n = 0;
        foreach (var _ in new WordEnumerator(text)) n++;
        return n;
    }

    /// <summary>True if the text has no word at all (empty or only whitespace).</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!CharClass.IsSpace(c)) return false;
        return true;
    }
}
