using Kiln.Core.Errors;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Reads Kconfig files (OpenWrt's Config.in dialect) for the defaults of their symbols: config,
/// menuconfig, choice, if, menu, source (with wildcards, relative to the tree), default, depends on,
/// select. Prompts, help texts, ranges and comments are read past.
/// </summary>
public sealed class KconfigReader(string topDirectory)
{
    private readonly List<KconfigSymbol> _symbols = [];
    private readonly Dictionary<string, KconfigSymbol> _byName = new(StringComparer.Ordinal);

    public IReadOnlyList<KconfigSymbol> Symbols => _symbols;

    /// <summary>
    /// Reads a file of the tree (a path relative to it, wildcards allowed). A missing file is an
    /// error, except the ones OpenWrt generates under tmp/ (Kiln gives the target's symbols itself).
    /// </summary>
    public void ReadFile(string relativePath)
    {
        if (relativePath.StartsWith("tmp/", StringComparison.Ordinal)) return;
        foreach (var path in Expand(relativePath))
            ReadText(File.ReadAllText(Path.Combine(topDirectory, path)), path);
    }

    // The if blocks and menus open where a file is read: a sourced file's entries are inside them.
    private readonly List<List<KconfigExpression>> _conditions = [];

    public void ReadText(string text, string file)
    {
        var conditions = _conditions;
        var outerLevels = conditions.Count;
        object? current = null; // the entry that "depends on", "default"... lines belong to
        KconfigChoice? choice = null;
        string? choiceOpened = null;
        var opened = new List<string>(); // where each if or menu of this file began
        var lines = text.Replace("\\\n", " ").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var location = $"{file}:{i + 1}";
            var trimmed = StripComment(line).Trim();
            if (trimmed.Length == 0) continue;
            var (keyword, rest) = SplitKeyword(trimmed);
            switch (keyword)
            {
                case "config" or "menuconfig":
                    var symbol = Symbol(rest, location);
                    foreach (var level in conditions) symbol.Depends.AddRange(level);
                    if (choice is not null)
                    {
                        symbol.Choice = choice;
                        choice.Members.Add(symbol);
                        symbol.Depends.AddRange(choice.Depends);
                    }
                    current = symbol;
                    break;
                case "choice":
                    choice = new KconfigChoice();
                    choiceOpened = location;
                    foreach (var level in conditions) choice.Depends.AddRange(level);
                    current = choice;
                    break;
                case "endchoice":
                    if (choice is null) throw new UserError($"{location}: endchoice without choice");
                    choice = null;
                    current = null;
                    break;
                case "if":
                    conditions.Add([KconfigExpression.Parse(rest, location)]);
                    opened.Add(location + ": if");
                    current = null;
                    break;
                case "menu":
                    conditions.Add([]);
                    opened.Add(location + ": menu");
                    current = conditions[^1];
                    break;
                case "endif" or "endmenu":
                    if (conditions.Count == outerLevels) throw new UserError($"{location}: {keyword} without if or menu");
                    conditions.RemoveAt(conditions.Count - 1);
                    opened.RemoveAt(opened.Count - 1);
                    current = null;
                    break;
                case "source":
                    ReadFile(SourcePath(Unquote(rest), file));
                    break;
                case "comment" or "mainmenu":
                    current = null;
                    break;
                case "help" or "---help---":
                    i = SkipHelp(lines, i);
                    break;
                case "depends":
                    var dependency = KconfigExpression.Parse(rest.StartsWith("on ", StringComparison.Ordinal) ? rest[3..] : rest, location);
                    if (current is KconfigSymbol s) s.Depends.Add(dependency);
                    else if (current is KconfigChoice c) c.Depends.Add(dependency);
                    else if (current is List<KconfigExpression> menu) menu.Add(dependency);
                    break;
                case "bool" or "boolean" or "tristate" or "int" or "hex" or "string":
                    if (current is KconfigSymbol typed) typed.Type = keyword == "boolean" ? "bool" : keyword;
                    break;
                case "def_bool" or "def_tristate":
                    if (current is KconfigSymbol defined)
                    {
                        defined.Type = keyword[4..];
                        defined.Defaults.Add(Default(rest, location));
                    }
                    break;
                case "default":
                    if (current is KconfigSymbol withDefault) withDefault.Defaults.Add(Default(rest, location));
                    else if (current is KconfigChoice choiceDefault) choiceDefault.Defaults.Add(Default(rest, location));
                    break;
                case "select":
                    if (current is KconfigSymbol selecting) selecting.Selects.Add(Default(rest, location));
                    break;
                // prompt, range, option, imply, visible, optional, reset: no bearing on defaults here.
            }
        }
        // As Kconfig's parser, each block ends in the file that began it.
        if (choice is not null) throw new UserError($"{choiceOpened}: choice without endchoice");
        if (opened.Count > 0) throw new UserError($"{opened[^1]} without end{opened[^1][(opened[^1].LastIndexOf(' ') + 1)..]}");
    }

    private KconfigSymbol Symbol(string name, string location)
    {
        if (_byName.TryGetValue(name, out var existing)) return existing;
        var symbol = new KconfigSymbol(name, location);
        _byName[name] = symbol;
        _symbols.Add(symbol);
        return symbol;
    }

    /// <summary>"VALUE [if EXPR]".</summary>
    private static KconfigDefault Default(string text, string location)
    {
        var at = IfOutsideQuotes(text);
        return at < 0
            ? new KconfigDefault(text.Trim(), null)
            : new KconfigDefault(text[..at].Trim(), KconfigExpression.Parse(text[(at + 3)..].Trim(), location));
    }

    private static int IfOutsideQuotes(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            else if (!quoted && i + 3 < text.Length && text[i] is ' ' or '\t' && text.AsSpan(i + 1, 2) is "if" && text[i + 3] is ' ' or '\t')
                return i;
        }
        return -1;
    }

    /// <summary>
    /// A help text runs from its first non-blank line while lines are blank or indented at least
    /// as deep as that first line (Kconfig's lexer: it is not measured against the help keyword).
    /// </summary>
    private static int SkipHelp(string[] lines, int at)
    {
        var i = at + 1;
        while (i < lines.Length && lines[i].Trim().Length == 0) i++;
        if (i == lines.Length || Indentation(lines[i]) == 0) return i - 1;
        var textIndent = Indentation(lines[i]);
        while (i < lines.Length && (lines[i].Trim().Length == 0 || Indentation(lines[i]) >= textIndent)) i++;
        return i - 1;
    }

    private static int Indentation(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c == ' ') width++;
            else if (c == '\t') width = (width / 8 + 1) * 8;
            else break;
        }
        return width;
    }

    private static string StripComment(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == '#' && !quoted) return line[..i];
        }
        return line;
    }

    private static (string Keyword, string Remainder) SplitKeyword(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        return space < 0 ? (line, "") : (line[..space], line[(space + 1)..].Trim());
    }

    private static string Unquote(string text) => text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    /// <summary>As OpenWrt's kconfig (zconf_nextfile): a path without wildcards that names no file from the top is looked for next to the
    /// file that sources it (busybox's Config.in sources its own files so).</summary>
    private string SourcePath(string path, string from)
    {
        if (path.Contains('*') || Path.Exists(Path.Combine(topDirectory, ThroughBaseFeedLink(path)))) return path;
        var directory = Path.GetDirectoryName(from);
        if (string.IsNullOrEmpty(directory)) return path;
        var beside = directory + "/" + path;
        return File.Exists(Path.Combine(topDirectory, ThroughBaseFeedLink(beside))) ? beside : path;
    }

    /// <summary>feeds/base/X read as package/X when the tree has no feeds/base: OpenWrt's toplevel.mk links feeds/base to package/ before
    /// menuconfig reads the packages' Config text, which names a base package's files through it (package-defaults.mk's SOURCE).</summary>
    private string ThroughBaseFeedLink(string relativePath) =>
        relativePath.StartsWith("feeds/base/", StringComparison.Ordinal) && !Path.Exists(Path.Combine(topDirectory, "feeds", "base"))
            ? "package/" + relativePath["feeds/base/".Length..]
            : relativePath;

    /// <summary>The tree's files a source line names, wildcards expanded, in sorted order.</summary>
    private IEnumerable<string> Expand(string relativePath)
    {
        relativePath = ThroughBaseFeedLink(relativePath);
        if (!relativePath.Contains('*'))
        {
            if (!File.Exists(Path.Combine(topDirectory, relativePath)))
                throw new UserError($"{relativePath}: no such Kconfig file in {topDirectory}");
            return [relativePath];
        }
        IEnumerable<string> paths = [""];
        var parts = relativePath.Split('/');
        for (var p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            var last = p == parts.Length - 1;
            paths = paths.SelectMany(prefix =>
            {
                var directory = Path.Combine(topDirectory, prefix);
                if (!part.Contains('*'))
                    return Path.Exists(Path.Combine(directory, part)) ? [prefix + part + (last ? "" : "/")] : Array.Empty<string>();
                if (!Directory.Exists(directory)) return [];
                var found = last ? Directory.GetFiles(directory, part) : Directory.GetDirectories(directory, part);
                return found.Select(f => prefix + Path.GetFileName(f) + (last ? "" : "/")).Order(StringComparer.Ordinal).ToArray();
            }).ToList();
        }
        return paths.Where(p => File.Exists(Path.Combine(topDirectory, p)));
    }
}
