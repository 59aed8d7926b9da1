using System.Text;

namespace Kiln.Make.Inputs;

/// <summary>
/// Recognises a compiler probe: a command that runs a C compiler on input the command itself provides (gcc -dM -E -
/// &lt;/dev/null | grep -q __LP64__, a year-2038 test program written with printf and compiled to /dev/null, gcc
/// -dumpmachine). What it prints follows from its text and the compiler, so a result it fed can be checked by the
/// compiler's identity (<see cref="ProgramIdentityInput"/>) instead of by running it again. Deliberately narrow: simple
/// commands joined by ;, &amp;&amp;, || and |, each a compiler, echo/printf of literal text, mkdir -p, rm -f of files the
/// command wrote, true/false, or a grep, cut, tr or sed reading a pipe. No variable but $$ (the shell's process id, in
/// the names of temporary files), no command substitution, glob or subshell, and nothing read from a file the command
/// did not write: neither a compiler operand or option naming one nor a header outside the C standard library.
/// </summary>
public static class CompilerProbe
{
    /// <summary>
    /// The variables GCC and Clang read to find headers, libraries and their own programs, or that make them write
    /// files: a probe's answer follows from them as much as from the compiler.
    /// </summary>
    public static readonly IReadOnlyList<string> EnvironmentVariables =
    [
        "GCC_EXEC_PREFIX", "COMPILER_PATH", "LIBRARY_PATH", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH",
        "DEPENDENCIES_OUTPUT", "SUNPRO_DEPENDENCIES", "GCC_COMPARE_DEBUG", "CCC_OVERRIDE_OPTIONS",
    ];

    /// <summary>The compilers the command runs, each once, as written in it; null when it is not a compiler probe.</summary>
    public static IReadOnlyList<string>? Compilers(string command)
    {
        if (new Parser(command).Parse() is not { } commands) return null;
        var written = new HashSet<string>(StringComparer.Ordinal);
        var compilers = new List<string>();
        foreach (var simple in commands)
        {
            var name = simple.Words[0];
            var allowed = !name.HasPid && name.Text switch
            {
                "echo" or "printf" => IsLiteralText(simple.Words),
                "mkdir" => IsMakeDirectory(simple.Words),
                "rm" => IsRemovalOfWritten(simple.Words, written),
                // A filter reads its standard input: only a pipe from a command of the probe, never make's own.
                "grep" => simple.Before == "|" && IsStdinGrep(simple.Words),
                "cut" or "tr" or "sed" => simple.Before == "|" && IsPureFilter(simple.Words),
                "true" or "false" => simple.Words.Count == 1,
                _ => IsCompiler(name.Text) && CompilesOwnInput(simple, written),
            };
            if (!allowed || !RedirectsHarmlessly(simple, written)) return null;
            if (IsCompiler(name.Text) && !compilers.Contains(name.Text)) compilers.Add(name.Text);
        }
        return compilers.Count > 0 ? compilers : null;
    }

    /// <summary>
    /// A compiler's operands are - (its standard input, which must be /dev/null or a pipe), /dev/null or files the
    /// command wrote; -o discards its output; every other option is one known not to name a file.
    /// </summary>
    private static bool CompilesOwnInput(SimpleCommand compiler, HashSet<string> written)
    {
        var words = compiler.Words;
        var operands = 0;
        var readsStdin = false;
        for (var i = 1; i < words.Count; i++)
        {
            var text = words[i].Text;
            if (text == "-")
            {
                readsStdin = true;
                operands++;
            }
            else if (text == "-o")
            {
                if (++i == words.Count || !IsDiscarded(words[i].Text)) return false;
            }
            else if (text.StartsWith("-o", StringComparison.Ordinal))
            {
                if (!IsDiscarded(text[2..])) return false;
            }
            else if (text == "-x")
            {
                if (++i == words.Count || !IsLanguage(words[i].Text)) return false;
            }
            else if (text.StartsWith("-x", StringComparison.Ordinal))
            {
                if (!IsLanguage(text[2..])) return false;
            }
            else if (text.StartsWith('-'))
            {
                if (words[i].HasPid || !IsHarmlessOption(text)) return false;
            }
            else if (text == "/dev/null" || written.Contains(text))
            {
                operands++;
            }
            else
            {
                return false;
            }
        }
        if (IsPreprocessor(words[0].Text))
        {
            // cpp IN OUT: a second operand is a file it writes; with none it reads its standard input.
            if (operands > 1) return false;
            readsStdin |= operands == 0;
        }
        return !readsStdin || compiler.Before == "|" || compiler.Redirections.Contains(new Redirection("<", "/dev/null"));
    }

    private static bool IsDiscarded(string output) => output is "/dev/null" or "-";

    /// <summary>A -x language: c, c++, assembler-with-cpp, none...</summary>
    private static bool IsLanguage(string text)
    {
        if (text.Length == 0) return false;
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-')) return false;
        return true;
    }

    private static readonly HashSet<string> PlainOptions = new(StringComparer.Ordinal)
    {
        "-E", "-S", "-c", "-P", "-C", "-dM", "-dD", "-dN", "-dI", "-v", "-w", "-s", "-pipe", "-static", "-shared", "-pie",
        "-no-pie", "-pthread", "-pedantic", "-pedantic-errors", "-ansi", "-undef", "-nostdinc", "-nostdlib", "-nostartfiles",
        "-nodefaultlibs", "--version", "-dumpmachine", "-dumpversion", "-dumpfullversion", "-dumpspecs", "-print-multiarch",
        "-print-multi-directory", "-print-multi-lib", "-print-multi-os-directory", "-print-sysroot",
        "-print-sysroot-headers-suffix", "-print-libgcc-file-name", "-print-search-dirs",
    };

    /// <summary>
    /// An option known not to name a file the compiler reads (not -include, -imacros, -I, -L, -l, -B, --sysroot,
    /// -specs, -Wl,...: those are not listed) nor the machine it runs on (-march=native).
    /// </summary>
    private static bool IsHarmlessOption(string option)
    {
        if (PlainOptions.Contains(option)) return true;
        if (option.EndsWith("=native", StringComparison.Ordinal)) return false;
        if (option.StartsWith("-print-file-name=", StringComparison.Ordinal) || option.StartsWith("-print-prog-name=", StringComparison.Ordinal)
            || option.StartsWith("-std=", StringComparison.Ordinal))
            return true;
        if (option.Length < 3) return option is "-O" or "-g";
        return option[1] switch
        {
            'm' or 'O' or 'D' or 'U' or 'g' => true,
            // -Wl,... -Wa,... -Wp,... pass options (and files) on to the linker, assembler or preprocessor.
            'W' => !(option.Length > 3 && option[3] == ',' && option[2] is 'l' or 'a' or 'p'),
            'f' => !option.StartsWith("-fplugin", StringComparison.Ordinal) && !option.StartsWith("-fprofile", StringComparison.Ordinal)
                && !option.StartsWith("-fauto-profile", StringComparison.Ordinal) && !option.StartsWith("-fsanitize-blacklist", StringComparison.Ordinal)
                && !option.StartsWith("-fsanitize-ignorelist", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>
    /// Text of the command's own words. Any #include in it names a header of the C standard library (which comes with
    /// the compiler's C library); nothing else in it may read a file (#embed, #import, #pragma GCC dependency, .incbin).
    /// </summary>
    private static bool IsLiteralText(List<Word> words)
    {
        for (var i = 1; i < words.Count; i++)
        {
            var text = words[i].Text;
            if (words[i].HasPid || text.Contains("embed", StringComparison.Ordinal) || text.Contains("import", StringComparison.Ordinal)
                || text.Contains("dependency", StringComparison.Ordinal) || text.Contains("incbin", StringComparison.Ordinal))
                return false;
            for (var at = text.IndexOf("include", StringComparison.Ordinal); at >= 0; at = text.IndexOf("include", at + 1, StringComparison.Ordinal))
            {
                var open = at + "include".Length;
                while (open < text.Length && text[open] is ' ' or '\t') open++;
                var close = open < text.Length && text[open] == '<' ? text.IndexOf('>', open) : -1;
                if (close < 0 || !StandardHeaders.Contains(text[(open + 1)..close])) return false;
            }
        }
        return true;
    }

    private static readonly HashSet<string> StandardHeaders = new(StringComparer.Ordinal)
    {
        "assert.h", "complex.h", "ctype.h", "errno.h", "fenv.h", "float.h", "inttypes.h", "iso646.h", "limits.h", "locale.h",
        "math.h", "setjmp.h", "signal.h", "stdalign.h", "stdarg.h", "stdatomic.h", "stdbool.h", "stddef.h", "stdint.h",
        "stdio.h", "stdlib.h", "stdnoreturn.h", "string.h", "tgmath.h", "threads.h", "time.h", "uchar.h", "wchar.h", "wctype.h",
    };

    private static bool IsMakeDirectory(List<Word> words)
    {
        if (words.Count < 3 || words[1].Text != "-p") return false;
        for (var i = 2; i < words.Count; i++)
            if (words[i].Text.Length == 0 || words[i].Text[0] == '-') return false;
        return true;
    }

    /// <summary>rm -f of the command's own temporary files only.</summary>
    private static bool IsRemovalOfWritten(List<Word> words, HashSet<string> written)
    {
        if (words.Count < 3 || words[1].Text != "-f") return false;
        for (var i = 2; i < words.Count; i++)
            if (!written.Contains(words[i].Text)) return false;
        return true;
    }

    /// <summary>grep with options that read no file (no -f, -r) and one pattern: it reads its standard input.</summary>
    private static bool IsStdinGrep(List<Word> words)
    {
        var patterns = 0;
        for (var i = 1; i < words.Count; i++)
        {
            var text = words[i].Text;
            if (words[i].HasPid) return false;
            if (text.Length > 1 && text[0] == '-')
            {
                foreach (var letter in text.AsSpan(1))
                    if (!"qsciovwxnEFG".Contains(letter)) return false;
            }
            else
            {
                patterns++;
            }
        }
        return patterns == 1;
    }

    private static bool IsPureFilter(List<Word> words)
    {
        var plain = new List<(string Text, bool Quoted)>(words.Count);
        foreach (var word in words)
        {
            if (word.HasPid) return false;
            plain.Add((word.Text, word.Quoted));
        }
        return PureCommand.IsFilter(plain);
    }

    /// <summary>
    /// Redirections from /dev/null, to /dev/null, of stderr to stdout, and echo/printf writing a file (which becomes
    /// one the command wrote): &gt; makes it, &gt;&gt; adds to one the command made. A write must run whatever came
    /// before (after ; or at the start) and not feed a pipe or a condition, or the file could be an older one.
    /// </summary>
    private static bool RedirectsHarmlessly(SimpleCommand simple, HashSet<string> written)
    {
        var writes = simple.Words[0].Text is "echo" or "printf" && simple.Before is "" or ";" && simple.After is "" or ";";
        foreach (var redirection in simple.Redirections)
        {
            switch (redirection)
            {
                case ("<" or ">" or "2>", "/dev/null") or ("2>&1", ""):
                    break;
                case (">", var file) when writes && file.Length > 0 && file[0] != '-':
                    written.Add(file);
                    break;
                case (">>", var file) when writes && written.Contains(file):
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>gcc, cc, c++, cpp, clang..., a cross compiler (mips-openwrt-linux-musl-gcc), a versioned one (gcc-12), by any path.</summary>
    private static bool IsCompiler(string word)
    {
        var name = ProgramName(word);
        return name is "gcc" or "cc" or "g++" or "c++" or "cpp" or "clang" or "clang++"
            || name.Length > 0 && name[0] != '-' && (name.EndsWith("-gcc", StringComparison.Ordinal) || name.EndsWith("-g++", StringComparison.Ordinal)
                || name.EndsWith("-cc", StringComparison.Ordinal) || name.EndsWith("-c++", StringComparison.Ordinal)
                || name.EndsWith("-cpp", StringComparison.Ordinal) || name.EndsWith("-clang", StringComparison.Ordinal)
                || name.EndsWith("-clang++", StringComparison.Ordinal));
    }

    private static bool IsPreprocessor(string word)
    {
        var name = ProgramName(word);
        return name == "cpp" || name.EndsWith("-cpp", StringComparison.Ordinal);
    }

    /// <summary>The file name of the program, without a version after its last dash (gcc-12, clang-18).</summary>
    private static string ProgramName(string word)
    {
        var name = word[(word.LastIndexOf('/') + 1)..];
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || dash == name.Length - 1 || !char.IsAsciiDigit(name[dash + 1])) return name;
        for (var i = dash + 1; i < name.Length; i++)
            if (!char.IsAsciiDigit(name[i]) && name[i] != '.') return name;
        return name[..dash];
    }

    /// <summary>A word with its quotes removed; <see cref="HasPid"/>: it holds $$, which the shell replaces by its process id.</summary>
    private readonly record struct Word(string Text, bool Quoted, bool HasPid);

    /// <summary>An operator with its descriptor (&lt;, &gt;, &gt;&gt;, 2&gt;, 2&gt;&amp;1) and its target (empty for 2&gt;&amp;1).</summary>
    private readonly record struct Redirection(string Operator, string Target);

    /// <summary>One simple command, with the operators around it: "" at either end, else ;, &amp;&amp;, || or |.</summary>
    private sealed class SimpleCommand(string before)
    {
        public List<Word> Words { get; } = [];
        public List<Redirection> Redirections { get; } = [];
        public string Before { get; } = before;
        public string After { get; set; } = "";
    }

    /// <summary>Splits a command into simple commands; null for anything beyond words, quotes, $$, the four operators and redirections.</summary>
    private sealed class Parser(string command)
    {
        private readonly List<SimpleCommand> _commands = [];
        private readonly StringBuilder _word = new();
        private SimpleCommand _current = new("");
        private bool _inWord;
        private bool _quoted;
        private bool _hasPid;
        private string? _redirection;

        public List<SimpleCommand>? Parse()
        {
            for (var i = 0; i < command.Length; i++)
            {
                var c = command[i];
                switch (c)
                {
                    case ' ' or '\t':
                        EndWord();
                        break;
                    case '\'':
                        var close = command.IndexOf('\'', i + 1);
                        if (close < 0) return null;
                        _word.Append(command, i + 1, close - i - 1);
                        _inWord = _quoted = true;
                        i = close;
                        break;
                    case '"':
                        i = DoubleQuoted(i);
                        if (i < 0) return null;
                        break;
                    case '$':
                        if (!Pid(i)) return null;
                        i++;
                        break;
                    case ';' or '&' or '|':
                        var doubled = i + 1 < command.Length && command[i + 1] == c;
                        var separator = c == ';' ? ";" : doubled ? new string(c, 2) : c == '|' ? "|" : null;
                        if (separator is null || !EndCommand(separator)) return null;
                        i += separator.Length - 1;
                        break;
                    case '<' or '>':
                        i = Redirect(i);
                        if (i < 0) return null;
                        break;
                    case '`' or '\\' or '*' or '?' or '[' or ']' or '~' or '#' or '(' or ')' or '{' or '}' or '!' or '\n' or '\r':
                        return null;
                    default:
                        _word.Append(c);
                        _inWord = true;
                        break;
                }
            }
            EndWord();
            if (_redirection is not null) return null;
            if (_current.Words.Count > 0) _commands.Add(_current);
            // Nothing after a final ; is fine (the shell allows it); nothing after any other operator is not.
            else if (_current.Redirections.Count > 0 || _current.Before != ";") return null;
            return _commands;
        }

        /// <summary>Inside "...", only $$ is expanded here; any other $, a backquote or a backslash is refused.</summary>
        private int DoubleQuoted(int open)
        {
            for (var i = open + 1; i < command.Length; i++)
            {
                switch (command[i])
                {
                    case '"':
                        _inWord = _quoted = true;
                        return i;
                    case '`' or '\\':
                        return -1;
                    case '$':
                        if (!Pid(i)) return -1;
                        i++;
                        break;
                    default:
                        _word.Append(command[i]);
                        break;
                }
            }
            return -1;
        }

        private bool Pid(int dollar)
        {
            if (dollar + 1 >= command.Length || command[dollar + 1] != '$') return false;
            _word.Append("$$");
            _inWord = _hasPid = true;
            return true;
        }

        /// <summary>A redirection operator at <paramref name="at"/>; the index of its last character, or -1.</summary>
        private int Redirect(int at)
        {
            var descriptor = "";
            if (_inWord && !_quoted && !_hasPid && IsDigits(_word))
            {
                // 2> and 2>&1 only: another descriptor would be taken for an argument.
                if (_word.ToString() != "2") return -1;
                descriptor = "2";
                _word.Clear();
                _inWord = false;
            }
            EndWord();
            if (_redirection is not null) return -1;
            var next = at + 1 < command.Length ? command[at + 1] : '\0';
            if (command[at] == '>' && next == '&')
            {
                var end = at + 2;
                if (descriptor != "2" || end >= command.Length || command[end] != '1'
                    || end + 1 < command.Length && command[end + 1] is not (' ' or '\t' or ';' or '&' or '|'))
                    return -1;
                _current.Redirections.Add(new Redirection("2>&1", ""));
                return end;
            }
            if (command[at] == '>' && next == '>')
            {
                _redirection = descriptor + ">>";
                return at + 1;
            }
            if (next is '<' or '>' or '&' or '|') return -1;
            _redirection = descriptor + command[at];
            return at;
        }

        private static bool IsDigits(StringBuilder word)
        {
            for (var i = 0; i < word.Length; i++)
                if (!char.IsAsciiDigit(word[i])) return false;
            return word.Length > 0;
        }

        private void EndWord()
        {
            if (!_inWord) return;
            var word = new Word(_word.ToString(), _quoted, _hasPid);
            if (_redirection is not null) _current.Redirections.Add(new Redirection(_redirection, word.Text));
            else _current.Words.Add(word);
            _redirection = null;
            _word.Clear();
            _inWord = _quoted = _hasPid = false;
        }

        private bool EndCommand(string separator)
        {
            EndWord();
            if (_redirection is not null || _current.Words.Count == 0) return false;
            _current.After = separator;
            _commands.Add(_current);
            _current = new SimpleCommand(separator);
            return true;
        }
    }
}
