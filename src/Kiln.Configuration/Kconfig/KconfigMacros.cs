using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Kconfig's macro language (preprocess.c): $(NAME) for Kconfig variables (recursive "=" or
/// simple ":=", "+=" appends) and environment variables, and the functions $(shell,CMD),
/// $(info,TEXT), $(warning-if,COND,TEXT), $(error-if,COND,TEXT), $(filename), $(lineno).
/// A shell command runs in the source tree, as conf runs it from its working directory.
/// </summary>
internal sealed class KconfigMacros(KconfigShell shell, List<string> warnings)
{
    private readonly Dictionary<string, (string Value, bool Recursive)> _variables = new(StringComparer.Ordinal);

    /// <summary>The file and line being read, for $(filename), $(lineno) and messages.</summary>
    public string File { get; set; } = "";
    public int Line { get; set; }

    public void Assign(string name, string value, TokenKind flavor)
    {
        switch (flavor)
        {
            case TokenKind.ColonEqual:
                _variables[name] = (Expand(value), false);
                break;
            case TokenKind.PlusEqual when _variables.TryGetValue(name, out var old):
                var appended = old.Recursive ? value : Expand(value);
                _variables[name] = (old.Value.Length == 0 ? appended : old.Value + " " + appended, old.Recursive);
                break;
            default:
                _variables[name] = (value, true);
                break;
        }
    }

    /// <summary>Every $(...) in the text expanded.</summary>
    public string Expand(string text)
    {
        var position = 0;
        return Expand(text, ref position, untilTokenEnd: false, []);
    }

    /// <summary>
    /// One word of a line, from <paramref name="position"/>: word characters and $(...) references,
    /// expanded; <paramref name="position"/> ends where the word ends.
    /// </summary>
    public string ExpandToken(string text, ref int position) => Expand(text, ref position, untilTokenEnd: true, []);

    private string Expand(string text, ref int position, bool untilTokenEnd, string[] arguments)
    {
        var result = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '$')
            {
                position++;
                result.Append(ExpandDollar(text, ref position, arguments));
                continue;
            }
            if (untilTokenEnd && !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/')) break;
            result.Append(c);
            position++;
        }
        return result.ToString();
    }

    private string ExpandDollar(string text, ref int position, string[] arguments)
    {
        if (position >= text.Length || text[position] != '(') return "$";
        var start = position + 1;
        var depth = 0;
        var end = start;
        for (; end < text.Length; end++)
        {
            if (text[end] == '(') depth++;
            else if (text[end] == ')' && depth-- == 0) break;
        }
        if (end >= text.Length) throw new UserError($"{File}:{Line}: unterminated reference to '{text[start..]}': missing ')'");
        position = end + 1;
        return Clause(text[start..end], arguments);
    }

    private string Clause(string clause, string[] arguments)
    {
        if (int.TryParse(clause, out var index) && index > 0 && index <= arguments.Length) return arguments[index - 1];
        var parts = new List<string>();
        var depth = 0;
        var from = 0;
        for (var i = 0; i < clause.Length; i++)
        {
            if (depth == 0 && clause[i] == ',')
            {
                parts.Add(clause[from..i]);
                from = i + 1;
            }
            else if (clause[i] == '(') depth++;
            else if (clause[i] == ')') depth--;
        }
        parts.Add(clause[from..]);
        var name = ExpandWith(parts[0], arguments);
        var values = new string[parts.Count - 1];
        for (var i = 1; i < parts.Count; i++) values[i - 1] = ExpandWith(parts[i], arguments);

        if (_variables.TryGetValue(name, out var variable))
            return variable.Recursive ? ExpandWith(variable.Value, values) : variable.Value;
        switch (name)
        {
            case "shell" when values.Length == 1:
                return Shell(values[0]);
            case "info" when values.Length == 1:
                warnings.Add(values[0]);
                return "";
            case "warning-if" when values.Length == 2:
                if (values[0] == "y") warnings.Add($"{File}:{Line}: {values[1]}");
                return "";
            case "error-if" when values.Length == 2:
                if (values[0] == "y") throw new UserError($"{File}:{Line}: {values[1]}");
                return "";
            case "filename" when values.Length == 0:
                return File;
            case "lineno" when values.Length == 0:
                return Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // As Kconfig: an unknown name is an environment variable, or nothing.
        return values.Length == 0 ? Environment.GetEnvironmentVariable(name) ?? "" : "";
    }

    private string ExpandWith(string text, string[] arguments)
    {
        var position = 0;
        return Expand(text, ref position, untilTokenEnd: false, arguments);
    }

    /// <summary>The command's output with trailing newlines cut and the others made spaces.</summary>
    private string Shell(string command)
    {
        var output = shell.Output(command) ?? throw new UserError($"{File}:{Line}: cannot run /bin/sh for $(shell,{command})");
        return output.TrimEnd('\n').Replace('\n', ' ');
    }
}
