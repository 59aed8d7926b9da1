namespace Kiln.Make.Text;

/// <summary>
/// A growable character buffer used as a stack: expansions append to it, and a caller that needs
/// a piece as a string takes it from a mark and truncates back. One per evaluator, so most
/// expansions allocate nothing but their final strings.
/// </summary>
public sealed class TextBuilder
{
    private char[] _buffer;
    private int _length;

    public TextBuilder(int capacity = 1024) => _buffer = new char[capacity];

    public int Length
    {
        get => _length;
        set
        {
            if ((uint)value > (uint)_length) throw new ArgumentOutOfRangeException(nameof(value));
            _length = value;
        }
    }

    public char this[int index] => _buffer[index];

    public ReadOnlySpan<char> Span(int start) => _buffer.AsSpan(start, _length - start);

    public ReadOnlySpan<char> Span(int start, int length) => _buffer.AsSpan(start, length);

    public void Append(char c)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = c;
    }

    public void Append(string s)
    {
        if (s.Length == 0) return;
        if (_length + s.Length > _buffer.Length) Grow(s.Length);
        s.CopyTo(0, _buffer, _length, s.Length);
        _length += s.Length;
    }

    public void Append(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return;
        if (_length + s.Length > _buffer.Length) Grow(s.Length);
        s.CopyTo(_buffer.AsSpan(_length));
        _length += s.Length;
    }

    public void Append(string s, int start, int count) => Append(s.AsSpan(start, count));

    /// <summary>Removes one trailing character (GNU's "kill the last space").</summary>
    public void RemoveLast() => _length--;

    public string ToString(int start) => _length == start ? "" : new string(_buffer, start, _length - start);

    public override string ToString() => ToString(0);

    /// <summary>Returns the text from <paramref name="start"/> and truncates the buffer back to it.</summary>
    public string Cut(int start)
    {
        var s = ToString(start);
        _length = start;
        return s;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(_buffer.Length * 2, _length + needed);
        Array.Resize(ref _buffer, size);
    }
}
