using System.Text;

namespace Kiln.Packing.Ipk;

/// <summary>
/// A package's control file: <c>Field: value</c> lines in order, a value continued on lines that
/// start with a space (the Description).
/// </summary>
public sealed class ControlFile
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public string? this[string name] => _fields.FirstOrDefault(f => f.Key == name).Value;

    public static ControlFile Parse(string text)
    {
        var control = new ControlFile();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line[0] == ' ' && control._fields.Count > 0)
            {
                var last = control._fields[^1];
                control._fields[^1] = new(last.Key, last.Value + "\n" + line);
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            // One space follows the colon; more belong to the value (OpenWrt's descriptions start with one).
            var value = line[(colon + 1)..];
            control._fields.Add(new(line[..colon], value.StartsWith(' ') ? value[1..] : value));
        }
        return control;
    }

    /// <summary>Sets a field, in place if it is there, else before <paramref name="before"/> (or at the end).</summary>
    public void Set(string name, string value, string? before = null)
    {
        var at = _fields.FindIndex(f => f.Key == name);
        if (at >= 0)
        {
            _fields[at] = new(name, value);
            return;
        }
        var beforeAt = before is null ? -1 : _fields.FindIndex(f => f.Key == before);
        _fields.Insert(beforeAt < 0 ? _fields.Count : beforeAt, new(name, value));
    }

    public void Remove(string name) => _fields.RemoveAll(f => f.Key == name);

    public string Write()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _fields) text.Append(name).Append(": ").Append(value).Append('\n');
        return text.ToString();
    }
}
