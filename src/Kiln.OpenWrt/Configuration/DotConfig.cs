using System.Text;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Make.Text;

namespace Kiln.OpenWrt.Configuration;

/// <summary>
/// A .config: <c>CONFIG_NAME=value</c> lines and <c>#&#160;CONFIG_NAME is not set</c>, in order.
/// Values keep their quotes, as make reads them.
/// </summary>
public sealed class DotConfig
{
    private readonly List<KeyValuePair<string, string?>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private string? _text;

    /// <summary>A .config file; one that cannot be read is the user's to fix.</summary>
    public static DotConfig Read(string path)
    {
        ExistingFile.Require(path, ".config");
        string text;
        try
        {
            text = ByteText.Encoding.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot be read: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>What a symbol may hold: printable ASCII (package names bring '-', '.', '+'), nothing make reads as syntax.</summary>
    private static bool IsSymbol(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
            if (c is <= ' ' or >= '\x7f' or '=' or ':' or '#' or '$' or '(' or ')') return false;
        return true;
    }

    /// <summary>
    /// The lines of a .config given as byte text (one char per byte). With the file it came from,
    /// every line must be blank, a comment or CONFIG_NAME=VALUE, as Kconfig writes them: anything
    /// else (a file that is no .config) is refused naming the file and line, not by make later.
    /// </summary>
    public static DotConfig Parse(string text, string? path = null)
    {
        var config = new DotConfig { _text = text };
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var equals = line.IndexOf('=');
            if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && equals > 7 && IsSymbol(line.AsSpan(7, equals - 7)))
                config.Add(line[7..equals], line[(equals + 1)..]);
            else if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(" is not set", StringComparison.Ordinal))
                config.Add(line[9..^" is not set".Length], null);
            else if (path is not null && line.Length > 0 && !line.StartsWith('#'))
                throw new UserError(new SourceLocation(path, i + 1), "not a .config line (CONFIG_NAME=VALUE or a # comment)");
        }
        return config;
    }

    /// <summary>A copy to change without changing this one.</summary>
    public DotConfig Copy()
    {
        var copy = new DotConfig { _text = _text };
        copy._entries.AddRange(_entries);
        foreach (var (symbol, position) in _index) copy._index.Add(symbol, position);
        return copy;
    }

    /// <summary>The value of CONFIG_<paramref name="symbol"/> as written (y, m, "text", 42), or null when unset.</summary>
    public string? Value(string symbol) => _index.TryGetValue(symbol, out var i) ? _entries[i].Value : null;

    /// <summary>y or m.</summary>
    public bool IsEnabled(string symbol) => Value(symbol) is "y" or "m";

    /// <summary>A string symbol without its quotes.</summary>
    public string? Text(string symbol) => Value(symbol) is { } v ? v.Trim('"') : null;

    /// <summary>Sets (or, with null, unsets) a symbol; a new one goes at the end.</summary>
    public void Set(string symbol, string? value)
    {
        _text = null;
        Add(symbol, value);
    }

    private void Add(string symbol, string? value)
    {
        if (_index.TryGetValue(symbol, out var i)) _entries[i] = new(symbol, value);
        else
        {
            _index[symbol] = _entries.Count;
            _entries.Add(new(symbol, value));
        }
    }

    /// <summary>Every symbol in file order with its value as written (null: "is not set").</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Entries => _entries;

    /// <summary>The packages selected as y or m (CONFIG_PACKAGE_name), in file order.</summary>
    public IEnumerable<string> SelectedPackages =>
        _entries.Where(e => e.Key.StartsWith("PACKAGE_", StringComparison.Ordinal) && e.Value is "y" or "m").Select(e => e.Key["PACKAGE_".Length..]);

    /// <summary>Whether the configuration is for BOARD/SUBTARGET (CONFIG_TARGET_BOARD and the subtarget's own symbol).</summary>
    public bool Selects(string targetId)
    {
        var board = targetId.Split('/')[0];
        return Text("TARGET_BOARD") == board && Value("TARGET_" + TargetSymbol(targetId)) == "y";
    }

    /// <summary>OpenWrt's name of a target in config symbols: ath79/generic is ath79_generic.</summary>
    public static string TargetSymbol(string id) => id.Replace('/', '_').Replace('.', '_').Replace('-', '_');

    /// <summary>The .config text (byte text), as make reads it from $(TOPDIR)/.config.</summary>
    public string Write()
    {
        // A .config nobody changed is the text it was read from, comments and all.
        if (_text is not null) return _text;
        var text = new StringBuilder();
        foreach (var (symbol, value) in _entries)
            text.Append(value is null ? $"# CONFIG_{symbol} is not set\n" : $"CONFIG_{symbol}={value}\n");
        return text.ToString();
    }
}
