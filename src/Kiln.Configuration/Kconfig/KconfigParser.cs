using System.IO.Enumeration;
using Kiln.Core.Errors;

namespace Kiln.Configuration.Kconfig;

/// <summary>
/// Reads Kconfig files into a <see cref="KconfigTree"/>'s menus and symbols, statement by statement
/// as the kernel's grammar does (OpenWrt's scripts/config, Linux 6.6: wildcards in source, "reset"
/// in choices). The first syntax error stops the reading with one message naming the file and line.
/// </summary>
internal sealed class KconfigParser(KconfigTree tree, string sourceTree, KconfigSourceOverrides? generated, KconfigShell shell)
{
    private KconfigLexer _lexer = null!;
    private KconfigToken _token;
    private KconfigMenu _currentMenu = tree.Root;
    private KconfigMenu _currentEntry = tree.Root;
    private KconfigMenu? _lastChild;
    private readonly List<string> _includedFrom = [];

    private enum Block { File, Choice, If, Menu }

    public void ParseFile(string file) => ParseText(ReadFile(file, null), file);

    public void ParseText(string text, string file) => ReadText(text, file, sourced: false);

    /// <summary>One file's statements to its end, the sourcing file's reading resumed afterwards.</summary>
    private void ReadText(string text, string file, bool sourced)
    {
        var outer = _lexer;
        var outerToken = _token;
        _lexer = new KconfigLexer(text, file, _macros, tree.Warnings.Add);
        Advance();
        if (!sourced && _token.Kind == TokenKind.MainMenu)
        {
            Advance();
            var prompt = Expect(TokenKind.QuotedWord).Text!;
            ExpectEol();
            AddPrompt(PropertyKind.Menu, prompt, null);
        }
        Statements(Block.File);
        if (_token.Kind != TokenKind.End)
        {
            // An end keyword left over closes a block another file opened.
            if (sourced && _token.Kind is TokenKind.EndMenu or TokenKind.EndChoice or TokenKind.EndIf)
            {
                var found = _token.Kind switch { TokenKind.EndMenu => "menu", TokenKind.EndChoice => "choice", _ => "if" };
                throw new UserError($"{Location}: '{found}' in different file than '{found}'");
            }
            throw SyntaxError(InvalidStatementReason());
        }
        _lexer = outer;
        _token = outerToken;
    }

    private readonly KconfigMacros _macros = new(shell, tree.Warnings);

    private void Advance() => _token = _lexer.Next();

    private KconfigToken Expect(TokenKind kind)
    {
        if (_token.Kind != kind) throw SyntaxError(null);
        var token = _token;
        Advance();
        return token;
    }

    private void ExpectEol()
    {
        if (_token.Kind is not (TokenKind.Eol or TokenKind.End)) throw SyntaxError(null);
        Advance();
    }

    private string Location => $"{_lexer.File}:{_lexer.StatementLine}";

    private UserError SyntaxError(string? reason) =>
        new($"{Location}: syntax error: {reason ?? "invalid statement"}");

    private string InvalidStatementReason() =>
        _token.Kind == TokenKind.Word ? $"unknown statement \"{_token.Text}\"" : "invalid statement";

    /// <summary>A statement list up to its end keyword (left for the caller) or the end of the file.</summary>
    private void Statements(Block block)
    {
        while (true)
        {
            switch (_token.Kind)
            {
                case TokenKind.End or TokenKind.EndMenu or TokenKind.EndChoice or TokenKind.EndIf:
                    return;
                case TokenKind.Config or TokenKind.MenuConfig:
                    ConfigEntry();
                    break;
                case TokenKind.Comment:
                    CommentEntry();
                    break;
                case TokenKind.If:
                    IfBlock(block == Block.Choice ? Block.Choice : Block.If);
                    break;
                case TokenKind.Choice when block != Block.Choice:
                    ChoiceBlock();
                    break;
                case TokenKind.Menu when block != Block.Choice:
                    MenuBlock();
                    break;
                case TokenKind.Source when block != Block.Choice:
                    Source();
                    break;
                case TokenKind.Word when block != Block.Choice:
                    Assignment();
                    break;
                default:
                    throw SyntaxError(InvalidStatementReason());
            }
        }
    }

    private void Assignment()
    {
        var name = _token.Text!;
        Advance();
        if (_token.Kind is not (TokenKind.Equal or TokenKind.ColonEqual or TokenKind.PlusEqual))
            throw SyntaxError($"unknown statement \"{name}\"");
        var flavor = _token.Kind;
        Advance();
        var value = "";
        if (_token.Kind == TokenKind.AssignValue)
        {
            value = _token.Text!;
            Advance();
        }
        ExpectEol();
        _macros.Assign(name, value, flavor);
    }

    // ---- entries ----

    private KconfigMenu AddEntry(KconfigSymbol? symbol)
    {
        var entry = new KconfigMenu(symbol, _currentMenu, _lexer.File, _lexer.StatementLine);
        if (_lastChild is null) _currentMenu.FirstChild = entry;
        else _lastChild.Next = entry;
        _lastChild = entry;
        _currentEntry = entry;
        symbol?.Menus.Add(entry);
        return entry;
    }

    /// <summary>Entries after this one are its children until EndMenu.</summary>
    private void BeginChildren()
    {
        _currentMenu = _currentEntry;
        _lastChild = null;
    }

    private void EndChildren()
    {
        _lastChild = _currentMenu;
        _currentMenu = _currentMenu.Parent!;
    }

    private KconfigProperty AddProperty(PropertyKind kind, KconfigExpr? expr, KconfigExpr? condition)
    {
        var property = new KconfigProperty(kind, _currentEntry, _lexer.File, _lexer.StatementLine) { Expr = expr };
        property.Visible.Expr = condition;
        _currentEntry.Symbol?.Properties.Add(property);
        return property;
    }

    private void AddPrompt(PropertyKind kind, string text, KconfigExpr? condition)
    {
        var property = AddProperty(kind, null, condition);
        if (text.Length > 0 && char.IsWhiteSpace(text[0]))
        {
            Warn(property, "leading whitespace ignored");
            text = text.TrimStart();
        }
        if (_currentEntry.Prompt is not null) Warn(property, "prompt redefined");
        if (kind == PropertyKind.Prompt)
            for (var menu = _currentEntry.Parent; menu is not null; menu = menu.Parent)
                if (menu.Visibility is not null) property.Visible.Expr = KconfigExpr.And(property.Visible.Expr, menu.Visibility);
        property.Text = text;
        _currentEntry.Prompt = property;
    }

    private void Warn(KconfigProperty property, string message) => tree.Warnings.Add($"{property.File}:{property.Line}:warning: {message}");

    private void SetType(SymbolType type)
    {
        var symbol = _currentEntry.Symbol!;
        if (symbol.Type == type) return;
        if (symbol.Type == SymbolType.Unknown)
        {
            symbol.Type = type;
            return;
        }
        tree.Warnings.Add($"{_currentEntry.File}:{_currentEntry.Line}:warning: ignoring type redefinition of '{symbol.Name ?? "<choice>"}' " +
            $"from '{SymbolTypeNames.Name(symbol.Type)}' to '{SymbolTypeNames.Name(type)}'");
    }

    private void ConfigEntry()
    {
        var isMenu = _token.Kind == TokenKind.MenuConfig;
        Advance();
        var symbol = NonConstSymbol();
        symbol.Flags |= SymbolFlags.Optional;
        AddEntry(symbol);
        ExpectEol();
        while (true)
        {
            switch (_token.Kind)
            {
                case TokenKind.Int or TokenKind.Hex or TokenKind.String:
                    TypeLine();
                    continue;
                case TokenKind.Default or TokenKind.DefBool or TokenKind.DefTristate:
                    var defaultType = _token.Kind switch
                    {
                        TokenKind.DefBool => SymbolType.Boolean,
                        TokenKind.DefTristate => SymbolType.Tristate,
                        _ => SymbolType.Unknown,
                    };
                    Advance();
                    var value = Expression();
                    AddProperty(PropertyKind.Default, value, IfExpression());
                    ExpectEol();
                    if (defaultType != SymbolType.Unknown) SetType(defaultType);
                    continue;
                case TokenKind.Select or TokenKind.Imply:
                    var kind = _token.Kind == TokenKind.Select ? PropertyKind.Select : PropertyKind.Imply;
                    Advance();
                    var target = NonConstSymbol();
                    AddProperty(kind, KconfigExpr.Of(target), IfExpression());
                    ExpectEol();
                    continue;
                case TokenKind.Range:
                    Advance();
                    var low = AnySymbol();
                    var high = AnySymbol();
                    AddProperty(PropertyKind.Range, KconfigExpr.Compare(ExprKind.Equal, low, high), IfExpression());
                    ExpectEol();
                    continue;
                case TokenKind.Modules:
                    Advance();
                    ExpectEol();
                    if (tree.Modules != tree.No)
                        throw new UserError($"{Location}: symbol '{symbol.Name}' redefines option 'modules' already defined by symbol '{tree.Modules.Name}'");
                    tree.Modules = symbol;
                    continue;
            }
            if (!EntryOption()) break;
        }
        if (isMenu)
        {
            if (_currentEntry.Prompt is not null) _currentEntry.Prompt.Kind = PropertyKind.Menu;
            else tree.Warnings.Add($"{Location}: warning: menuconfig statement without prompt");
        }
    }

    /// <summary>
    /// An option config and choice entries share: "prompt", a bool or tristate type line,
    /// "depends on" or "help"; false when the token starts none of them.
    /// </summary>
    private bool EntryOption()
    {
        switch (_token.Kind)
        {
            case TokenKind.Prompt:
                Advance();
                var text = Expect(TokenKind.QuotedWord).Text!;
                AddPrompt(PropertyKind.Prompt, text, IfExpression());
                ExpectEol();
                return true;
            case TokenKind.Bool or TokenKind.Tristate:
                TypeLine();
                return true;
            case TokenKind.Depends:
                DependsOn();
                return true;
            case TokenKind.Help:
                Help();
                return true;
            default:
                return false;
        }
    }

    /// <summary>A type line, "bool" or "int" and so on, with an optional prompt.</summary>
    private void TypeLine()
    {
        var type = TypeOf(_token.Kind);
        Advance();
        OptionalPrompt();
        ExpectEol();
        SetType(type);
    }

    private static SymbolType TypeOf(TokenKind kind) => kind switch
    {
        TokenKind.Bool => SymbolType.Boolean,
        TokenKind.Tristate => SymbolType.Tristate,
        TokenKind.Int => SymbolType.Int,
        TokenKind.Hex => SymbolType.Hex,
        _ => SymbolType.String,
    };

    private void OptionalPrompt()
    {
        if (_token.Kind != TokenKind.QuotedWord) return;
        var text = _token.Text!;
        Advance();
        AddPrompt(PropertyKind.Prompt, text, IfExpression());
    }

    private KconfigExpr? IfExpression()
    {
        if (_token.Kind != TokenKind.If) return null;
        Advance();
        return Expression();
    }

    private void DependsOn()
    {
        Advance();
        Expect(TokenKind.On);
        var dependency = Expression();
        ExpectEol();
        _currentEntry.Dependency = KconfigExpr.And(_currentEntry.Dependency, dependency);
    }

    private void Help()
    {
        Advance();
        if (_token.Kind is not TokenKind.Eol) throw SyntaxError(null);
        var help = _lexer.ReadHelp();
        if (help.Text!.AsSpan().Trim(" \f\n\r\t\v").IsEmpty)
            tree.Warnings.Add($"{Location}: warning: '{_currentEntry.Symbol?.Name ?? "<choice>"}' defined with blank help text");
        _currentEntry.Help = help.Text;
        Advance();
    }

    private void ChoiceBlock()
    {
        Advance();
        string? name = null;
        if (_token.Kind == TokenKind.Word)
        {
            name = _token.Text;
            Advance();
        }
        var choice = tree.LookupChoice(name);
        choice.Flags |= SymbolFlags.NoWrite;
        var entry = AddEntry(choice);
        ExpectEol();
        while (true)
        {
            switch (_token.Kind)
            {
                case TokenKind.Optional:
                    Advance();
                    ExpectEol();
                    choice.Flags |= SymbolFlags.Optional;
                    continue;
                case TokenKind.Reset:
                    Advance();
                    AddProperty(PropertyKind.Reset, null, IfExpression());
                    ExpectEol();
                    continue;
                case TokenKind.Default:
                    Advance();
                    var member = NonConstSymbol();
                    AddProperty(PropertyKind.Default, KconfigExpr.Of(member), IfExpression());
                    ExpectEol();
                    continue;
            }
            if (!EntryOption()) break;
        }
        BeginChildren();
        Statements(Block.Choice);
        End(TokenKind.EndChoice, "choice", entry);
    }

    private void IfBlock(Block block)
    {
        Advance();
        var condition = Expression();
        var entry = AddEntry(null);
        entry.Dependency = condition;
        ExpectEol();
        BeginChildren();
        Statements(block);
        End(TokenKind.EndIf, "if", entry);
    }

    private void MenuBlock()
    {
        Advance();
        var text = Expect(TokenKind.QuotedWord).Text!;
        var entry = AddEntry(null);
        AddPrompt(PropertyKind.Menu, text, null);
        ExpectEol();
        while (true)
        {
            if (_token.Kind == TokenKind.Visible)
            {
                Advance();
                var visibility = IfExpression();
                ExpectEol();
                entry.Visibility = KconfigExpr.And(entry.Visibility, visibility);
                continue;
            }
            if (_token.Kind == TokenKind.Depends)
            {
                DependsOn();
                continue;
            }
            break;
        }
        BeginChildren();
        Statements(Block.Menu);
        End(TokenKind.EndMenu, "menu", entry);
    }

    private void CommentEntry()
    {
        Advance();
        var text = Expect(TokenKind.QuotedWord).Text!;
        AddEntry(null);
        AddPrompt(PropertyKind.Comment, text, null);
        ExpectEol();
        while (_token.Kind == TokenKind.Depends) DependsOn();
    }

    private void End(TokenKind expected, string name, KconfigMenu entry)
    {
        if (_token.Kind == TokenKind.End)
            throw new UserError($"{entry.File}:{entry.Line}: missing end statement for this entry");
        if (_token.Kind != expected)
        {
            var found = _token.Kind switch { TokenKind.EndMenu => "menu", TokenKind.EndChoice => "choice", _ => "if" };
            throw new UserError($"{Location}: unexpected '{found}' within {name} block");
        }
        if (entry.File != _lexer.File)
            throw new UserError($"{Location}: '{name}' in different file than '{name}'");
        Advance();
        ExpectEol();
        EndChildren();
    }

    // ---- source ----

    private void Source()
    {
        Advance();
        var path = Expect(TokenKind.QuotedWord).Text!;
        var location = Location;
        ExpectEol();
        foreach (var file in SourcedFiles(path, location))
        {
            if (file == _lexer.File || _includedFrom.Contains(file))
                throw new UserError($"{location}: recursive inclusion of \"{file}\"");
            _includedFrom.Add(_lexer.File);
            ReadText(ReadFile(file, location), file, sourced: true);
            _includedFrom.RemoveAt(_includedFrom.Count - 1);
        }
    }

    /// <summary>
    /// The files a source line names: its glob matches relative to the source tree, sorted; a pattern
    /// with '*' may match nothing; a plain name not found there is tried beside the sourcing file.
    /// </summary>
    private IEnumerable<string> SourcedFiles(string path, string location)
    {
        if (generated is not null && generated.TryGet(path, out _)) return [path];
        if (generated is not null) path = generated.Resolve(path, p => Path.Exists(Absolute(p)));
        var matches = Glob(path);
        if (matches.Count == 0 && !path.Contains('*'))
        {
            var beside = Path.Combine(Path.GetDirectoryName(_lexer.File) ?? "", path);
            matches = Glob(beside);
        }
        if (matches.Count == 0 && !path.Contains('*') && generated?.IsGenerated(path) != true)
            throw new UserError($"{location}: glob failed: No files found \"{path}\"");
        return matches;
    }

    private List<string> Glob(string pattern)
    {
        if (pattern.IndexOfAny(['*', '?', '[']) < 0)
            return File.Exists(Absolute(pattern)) || Directory.Exists(Absolute(pattern)) ? [pattern] : [];
        var results = new List<string> { "" };
        var absolute = Path.IsPathRooted(pattern);
        foreach (var part in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            foreach (var prefix in results)
            {
                var directory = Absolute(prefix.Length == 0 ? (absolute ? "/" : ".") : prefix);
                if (part.IndexOfAny(['*', '?', '[']) < 0)
                {
                    var candidate = Join(prefix, part, absolute);
                    if (File.Exists(Absolute(candidate)) || Directory.Exists(Absolute(candidate))) next.Add(candidate);
                    continue;
                }
                if (!Directory.Exists(directory)) continue;
                foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
                {
                    var name = Path.GetFileName(entry);
                    if (name.StartsWith('.') && !part.StartsWith('.')) continue;
                    if (FileSystemName.MatchesSimpleExpression(part, name, ignoreCase: false)) next.Add(Join(prefix, name, absolute));
                }
            }
            results = next;
        }
        results.Sort(StringComparer.Ordinal);
        return results;
    }

    private static string Join(string prefix, string name, bool absolute) =>
        prefix.Length == 0 ? (absolute ? "/" + name : name) : prefix + "/" + name;

    private string Absolute(string path) => Path.IsPathRooted(path) ? path : Path.Combine(sourceTree, path);

    private string ReadFile(string file, string? location)
    {
        if (generated is not null && generated.TryGet(file, out var text)) return text;
        var path = Absolute(file);
        if (!File.Exists(path))
            throw new UserError(location is null ? $"can't find file {file}" : $"{location}: can't open file \"{file}\"");
        return File.ReadAllText(path, System.Text.Encoding.Latin1);
    }

    // ---- expressions ----

    private KconfigSymbol NonConstSymbol()
    {
        if (_token.Kind != TokenKind.Word) throw SyntaxError(null);
        var symbol = tree.Lookup(_token.Text!);
        Advance();
        return symbol;
    }

    private KconfigSymbol AnySymbol()
    {
        if (_token.Kind == TokenKind.QuotedWord)
        {
            var constant = tree.LookupConstant(_token.Text!);
            Advance();
            return constant;
        }
        return NonConstSymbol();
    }

    private KconfigExpr Expression() => Chain(TokenKind.Or, AndExpression, KconfigExpr.Or);

    private KconfigExpr AndExpression() => Chain(TokenKind.And, Primary, KconfigExpr.And);

    /// <summary>Operands joined by a left-associative operator (|| binds looser than &amp;&amp;).</summary>
    private KconfigExpr Chain(TokenKind op, Func<KconfigExpr> operand, Func<KconfigExpr?, KconfigExpr?, KconfigExpr?> join)
    {
        var left = operand();
        while (_token.Kind == op)
        {
            Advance();
            left = join(left, operand())!;
        }
        return left;
    }

    private KconfigExpr Primary()
    {
        switch (_token.Kind)
        {
            case TokenKind.Not:
                Advance();
                return KconfigExpr.Negate(Primary());
            case TokenKind.OpenParen:
                Advance();
                var inner = Expression();
                Expect(TokenKind.CloseParen);
                return inner;
        }
        var left = AnySymbol();
        ExprKind? comparison = _token.Kind switch
        {
            TokenKind.Equal => ExprKind.Equal,
            TokenKind.Unequal => ExprKind.Unequal,
            TokenKind.Less => ExprKind.Less,
            TokenKind.LessEqual => ExprKind.LessEqual,
            TokenKind.Greater => ExprKind.Greater,
            TokenKind.GreaterEqual => ExprKind.GreaterEqual,
            _ => null,
        };
        if (comparison is not { } kind) return KconfigExpr.Of(left);
        Advance();
        return KconfigExpr.Compare(kind, left, AnySymbol());
    }
}
