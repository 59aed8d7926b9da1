using System.Text;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Splits one Kconfig file into tokens as the kernel's lexer does: keywords only as whole words,
/// words of letters, digits, '_', '-', '/' and '.', strings in either quote with backslash escapes,
/// '#' comments, backslash-newline continuations, help texts measured by their indentation, and
/// "NAME = value" assignments whose value is the rest of the line. Kconfig variables and
/// environment variables in $(...) are expanded in words and strings.
/// </summary>
internal sealed class KconfigLexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["bool"] = TokenKind.Bool, ["choice"] = TokenKind.Choice, ["comment"] = TokenKind.Comment, ["config"] = TokenKind.Config,
        ["def_bool"] = TokenKind.DefBool, ["def_tristate"] = TokenKind.DefTristate, ["default"] = TokenKind.Default,
        ["depends"] = TokenKind.Depends, ["endchoice"] = TokenKind.EndChoice, ["endif"] = TokenKind.EndIf,
        ["endmenu"] = TokenKind.EndMenu, ["help"] = TokenKind.Help, ["hex"] = TokenKind.Hex, ["if"] = TokenKind.If,
        ["imply"] = TokenKind.Imply, ["int"] = TokenKind.Int, ["mainmenu"] = TokenKind.MainMenu, ["menu"] = TokenKind.Menu,
        ["menuconfig"] = TokenKind.MenuConfig, ["modules"] = TokenKind.Modules, ["on"] = TokenKind.On,
        ["optional"] = TokenKind.Optional, ["prompt"] = TokenKind.Prompt, ["range"] = TokenKind.Range, ["reset"] = TokenKind.Reset,
        ["select"] = TokenKind.Select, ["source"] = TokenKind.Source, ["string"] = TokenKind.String,
        ["tristate"] = TokenKind.Tristate, ["visible"] = TokenKind.Visible,
    };

    private readonly string _text;
    private readonly string _file;
    private readonly KconfigMacros _macros;
    private readonly Action<string> _warn;
    private int _position;
    private int _line = 1;
    private TokenKind _previous = TokenKind.Eol;
    private TokenKind _beforePrevious = TokenKind.Eol;
    private bool _assignValueNext;

    public KconfigLexer(string text, string file, KconfigMacros macros, Action<string> warn)
    {
        _text = text;
        _file = file;
        _macros = macros;
        _warn = warn;
    }

    /// <summary>The line of the first token of the statement being read (Kconfig's zconf_lineno).</summary>
    public int StatementLine { get; private set; } = 1;

    public string File => _file;

    /// <summary>The next token, with runs of line ends reduced to one.</summary>
    public KconfigToken Next()
    {
        while (true)
        {
            var token = Scan();
            if (_previous is TokenKind.Eol or TokenKind.HelpText)
            {
                if (token.Kind == TokenKind.Eol) continue;
                StatementLine = token.Line;
            }
            if (_beforePrevious == TokenKind.Eol && _previous == TokenKind.Word &&
                token.Kind is TokenKind.Equal or TokenKind.ColonEqual or TokenKind.PlusEqual)
                _assignValueNext = true;
            _beforePrevious = _previous;
            _previous = token.Kind;
            return token;
        }
    }

    private KconfigToken Scan()
    {
        if (_assignValueNext)
        {
            _assignValueNext = false;
            var value = ScanAssignValue();
            if (value is not null) return value.Value;
        }
        while (_position < _text.Length)
        {
            var c = _text[_position];
            switch (c)
            {
                case '#':
                    while (_position < _text.Length && _text[_position] != '\n') _position++;
                    continue;
                case ' ' or '\t':
                    _position++;
                    continue;
                case '\\' when At(1, '\n'):
                    _position += 2;
                    _line++;
                    continue;
                case '\n':
                    _position++;
                    return new KconfigToken(TokenKind.Eol, null, _line++);
                case '"' or '\'':
                    return ScanString(c);
            }
            if (IsWordChar(c) || c == '$') return ScanWordOrKeyword();
            var line = _line;
            TokenKind? op = c switch
            {
                '|' when At(1, '|') => TokenKind.Or,
                '&' when At(1, '&') => TokenKind.And,
                '!' when At(1, '=') => TokenKind.Unequal,
                '!' => TokenKind.Not,
                '<' when At(1, '=') => TokenKind.LessEqual,
                '<' => TokenKind.Less,
                '>' when At(1, '=') => TokenKind.GreaterEqual,
                '>' => TokenKind.Greater,
                '=' => TokenKind.Equal,
                '(' => TokenKind.OpenParen,
                ')' => TokenKind.CloseParen,
                ':' when At(1, '=') => TokenKind.ColonEqual,
                '+' when At(1, '=') => TokenKind.PlusEqual,
                _ => null,
            };
            if (op is { } kind)
            {
                _position += kind is TokenKind.Or or TokenKind.And or TokenKind.Unequal or TokenKind.LessEqual or TokenKind.GreaterEqual
                    or TokenKind.ColonEqual or TokenKind.PlusEqual ? 2 : 1;
                return new KconfigToken(kind, null, line);
            }
            _warn($"{_file}:{_line}:warning: ignoring unsupported character '{c}'");
            _position++;
        }
        if (_previous is not (TokenKind.Eol or TokenKind.HelpText or TokenKind.End))
        {
            _warn($"{_file}:{_line}:warning: no new line at end of file");
            _previous = TokenKind.End;
            return new KconfigToken(TokenKind.Eol, null, _line);
        }
        return new KconfigToken(TokenKind.End, null, _line);
    }

    private bool At(int offset, char c) => _position + offset < _text.Length && _text[_position + offset] == c;

    private static bool IsWordChar(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-' or '/' or '.';

    private KconfigToken ScanWordOrKeyword()
    {
        var start = _position;
        while (_position < _text.Length && IsWordChar(_text[_position])) _position++;
        if (_position >= _text.Length || _text[_position] != '$')
        {
            var word = _text[start.._position];
            return Keywords.TryGetValue(word, out var keyword) ? new KconfigToken(keyword, word, _line) : new KconfigToken(TokenKind.Word, word, _line);
        }
        // A word with a macro reference: expanded as one word, never a keyword.
        _position = start;
        SetMacroPosition();
        var expanded = _macros.ExpandToken(_text, ref _position);
        return expanded.Length > 0 ? new KconfigToken(TokenKind.Word, expanded, _line) : Scan();
    }

    private void SetMacroPosition()
    {
        _macros.File = _file;
        _macros.Line = _line;
    }

    private KconfigToken ScanString(char quote)
    {
        _position++;
        var line = _line;
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == quote)
            {
                _position++;
                return new KconfigToken(TokenKind.QuotedWord, value.ToString(), line);
            }
            if (c == '\n')
            {
                _warn($"{_file}:{StatementLine}:warning: multi-line strings not supported");
                return new KconfigToken(TokenKind.QuotedWord, value.ToString(), line);
            }
            if (c == '\\')
            {
                _position++;
                if (_position < _text.Length && _text[_position] != '\n') value.Append(_text[_position++]);
                continue;
            }
            if (c == '$')
            {
                _position++;
                SetMacroPosition();
                var reference = "$";
                var end = _position;
                if (_position < _text.Length && _text[_position] == '(')
                {
                    // The reference, up to its closing parenthesis, expanded into the string.
                    var depth = 0;
                    for (end = _position; end < _text.Length && _text[end] != '\n'; end++)
                    {
                        if (_text[end] == '(') depth++;
                        else if (_text[end] == ')' && --depth == 0) break;
                    }
                    end = Math.Min(end + 1, _text.Length);
                    reference = _macros.Expand("$" + _text[_position..end]);
                }
                value.Append(reference);
                _position = end;
                continue;
            }
            value.Append(c);
            _position++;
        }
        return new KconfigToken(TokenKind.QuotedWord, value.ToString(), line);
    }

    private KconfigToken? ScanAssignValue()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t') _position++;
        if (_position >= _text.Length || _text[_position] == '\n') return null;
        var end = _text.IndexOf('\n', _position);
        if (end < 0) end = _text.Length;
        var value = _text[_position..end];
        _position = end;
        return new KconfigToken(TokenKind.AssignValue, value, _line);
    }

    /// <summary>
    /// The help text after "help": every following line indented at least as much as its first
    /// non-empty line, with that indentation removed (tabs to multiples of 8), trailing blanks cut.
    /// </summary>
    public KconfigToken ReadHelp()
    {
        var help = new StringBuilder();
        var firstIndent = 0;
        var lastIndent = 0;
        var line = _line;
        while (_position < _text.Length)
        {
            var lineStart = _position;
            var indent = 0;
            while (_position < _text.Length && _text[_position] is ' ' or '\t')
            {
                indent = _text[_position] == '\t' ? (indent & ~7) + 8 : indent + 1;
                _position++;
            }
            if (_position >= _text.Length) break;
            if (_text[_position] == '\n')
            {
                _position++;
                _line++;
                if (_position < _text.Length && _text[_position] is not (' ' or '\t' or '\n')) break;
                help.Append('\n');
                continue;
            }
            if (_position > lineStart)
            {
                lastIndent = indent;
                if (firstIndent > 0)
                {
                    if (indent < firstIndent) break;
                    help.Append(' ', indent - firstIndent);
                }
            }
            var end = _text.IndexOf('\n', _position);
            if (end < 0) end = _text.Length;
            var textEnd = end;
            while (textEnd > _position && _text[textEnd - 1] is ' ' or '\t') textEnd--;
            help.Append(_text, _position, textEnd - _position);
            if (firstIndent == 0) firstIndent = lastIndent;
            _position = end;
            if (_position < _text.Length)
            {
                _position++;
                _line++;
                if (_position < _text.Length && _text[_position] is not (' ' or '\t' or '\n')) break;
                help.Append('\n');
            }
        }
        _previous = TokenKind.HelpText;
        return new KconfigToken(TokenKind.HelpText, help.ToString(), line);
    }
}
