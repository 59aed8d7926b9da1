using System.Collections.ObjectModel;
using Kiln.Configuration.Kconfig;
using Kiln.Core.Errors;
using Terminal.Gui.App;
using Terminal.Gui.Configuration;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Kiln.Cli.Menuconfig;

/// <summary>How menuconfig was left.</summary>
public enum MenuconfigExit { Unchanged, Saved, NotSaved }

/// <summary>
/// menuconfig's screen: the page being shown as a list with mconf's markers, the path to it in the
/// title, and mconf's keys. Pages are a stack: Enter opens one, Esc Esc or Left closes it, and
/// closing the main menu leaves (asking to save when something changed).
/// </summary>
public sealed class MenuconfigScreen
{
    private const string Keys =
        "Enter: open ---> or edit ()  y/n/m/Space: set  ?: help  /: search  S: save  L: load  Esc Esc/Left: back";

    private readonly MenuSession _session;
    private readonly IApplication _app;
    private readonly Dialogs _dialogs;
    private readonly Window _window;
    private readonly Label _trail;
    private readonly KeyList _list;
    private readonly List<KconfigMenu> _pages;
    private List<MenuRow> _rows = [];
    private bool _escapePending;
    private MenuconfigExit? _exit;

    private MenuconfigScreen(MenuSession session, IApplication app)
    {
        _session = session;
        _app = app;
        _dialogs = new Dialogs(app);
        _pages = [session.Tree.Root];
        _window = new Window { HotKeySpecifier = Dialogs.NoHotKey };
        _trail = new Label { HotKeySpecifier = Dialogs.NoHotKey, X = 0, Y = 0, Width = Dim.Fill() };
        _list = new KeyList { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill(2), KeyPressed = OnKey };
        _window.Add(_trail, _list, new Label { Text = Keys, X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill() });
    }

    public static MenuconfigExit Run(MenuSession session)
    {
        ApplyTerminalGuiConfiguration();
        using var app = Application.Create();
        app.Init();
        var screen = new MenuconfigScreen(session, app);
        using var window = screen._window;
        screen.Show(select: null);
        screen._list.SetFocus();
        app.Run(window);
        return screen._exit ?? MenuconfigExit.Unchanged;
    }

    /// <summary>
    /// What Terminal.Gui's module initializer does, which the native kiln leaves out of its start
    /// (TerminalGui.Substitutions.xml): its settings applied, a failure kept for it to report, as it keeps them.
    /// </summary>
    private static void ApplyTerminalGuiConfiguration()
    {
        try
        {
            TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
        }
        catch (Exception e)
        {
            TuiJsonErrors.Add($"Applying configuration failed: {e.Message}. Running with default settings.");
        }
    }

    private KconfigMenu Page => _pages[^1];

    /// <summary>Lists the current page again (values change what shows), keeping the row of <paramref name="select"/> or the selected one.</summary>
    private void Show(KconfigMenu? select)
    {
        var selected = select ?? (_list.SelectedItem is { } index && index < _rows.Count ? _rows[index].Menu : null);
        _rows = new MenuPage(_session, Page).Rows();
        _window.Title = $"{_session.ConfigPath} - {MenuPage.Prompt(_session.Tree.Root)}";
        _trail.Text = Location.Trail(_pages);
        _list.SetSource(new ObservableCollection<string>(_rows.Select(row => row.Text)));
        var row = selected is null ? -1 : RowOf(selected);
        _list.SelectedItem = _rows.Count == 0 ? null : Math.Max(row, 0);
    }

    /// <summary>The row of an entry, or of the nearest entry above it that the page lists.</summary>
    private int RowOf(KconfigMenu menu)
    {
        for (var step = menu; step is not null; step = step.Parent)
        {
            var row = _rows.FindIndex(r => r.Menu == step);
            if (row >= 0) return row;
        }
        return -1;
    }

    private MenuRow? Current => _list.SelectedItem is { } index && index < _rows.Count ? _rows[index] : null;

    private bool OnKey(Key key)
    {
        var escape = key == Key.Esc;
        // Esc Esc closes a dialog as in mconf; its first Esc already did, the second is no key of the menu's.
        if (escape && _dialogs.TakeClosingEscape())
        {
            _escapePending = false;
            return true;
        }
        var wasEscape = _escapePending;
        _escapePending = escape && !wasEscape;
        // lxdialog leaves a page on Esc Esc: one Esc alone starts a key sequence in a terminal.
        if (escape || key == Key.Esc.WithAlt)
        {
            if (wasEscape || key == Key.Esc.WithAlt) Back();
            return true;
        }
        if (key == Key.CursorLeft || key == Key.Backspace)
        {
            Back();
            return true;
        }
        if (key == Key.Enter)
        {
            Enter();
            return true;
        }
        var rune = key.AsRune.Value;
        switch (rune)
        {
            case ' ':
                Space();
                return true;
            case 'y' or 'n' or 'm':
                Set(rune == 'y' ? Tristate.Yes : rune == 'n' ? Tristate.No : Tristate.Mod);
                return true;
            case '?' or 'h':
                Help();
                return true;
            case '/':
                Search();
                return true;
            case 'S':
                Save();
                return true;
            case 'L':
                Load();
                return true;
        }
        return false;
    }

    private void Open(KconfigMenu page)
    {
        _pages.Add(page);
        Show(select: page.FirstChild);
    }

    private void Back()
    {
        if (_pages.Count > 1)
        {
            var left = Page;
            _pages.RemoveAt(_pages.Count - 1);
            Show(select: left);
            return;
        }
        Leave();
    }

    /// <summary>mconf's handle_exit: Yes saves and leaves, No leaves, Cancel (or Esc) goes on configuring.</summary>
    private void Leave()
    {
        if (!_session.Changed)
        {
            _exit = MenuconfigExit.Unchanged;
            _app.RequestStop(_window);
            return;
        }
        var answer = _dialogs.Ask("Do you wish to save your new configuration?\n(Press <ESC><ESC> to continue configuration.)", "Yes", "No", "Cancel");
        if (answer == 0 && !TrySave(_session.ConfigPath)) return;
        if (answer is 0 or 1)
        {
            _exit = answer == 0 ? MenuconfigExit.Saved : MenuconfigExit.NotSaved;
            _app.RequestStop(_window);
        }
    }

    private void Enter()
    {
        if (Current is not { } row) return;
        var symbol = row.Menu.Symbol;
        switch (row.Kind)
        {
            case RowKind.Menu:
                Open(row.Menu);
                break;
            case RowKind.Tristate when symbol!.IsChoice:
                _session.Evaluator.CalcValue(symbol);
                if (symbol.Current.Tri == Tristate.Yes) Open(row.Menu);
                break;
            case RowKind.Tristate when row.Menu.IsMenu:
                Open(row.Menu);
                break;
            case RowKind.Value:
                Edit(row.Menu, symbol!);
                break;
            case RowKind.ChoiceMember:
                Choose(symbol!);
                break;
        }
    }

    /// <summary>Space: toggles a bool or tristate, opens a menu (lxdialog's key 8).</summary>
    private void Space()
    {
        if (Current is not { } row) return;
        switch (row.Kind)
        {
            case RowKind.Tristate:
                _session.Toggle(row.Menu.Symbol!);
                Show(select: null);
                break;
            case RowKind.Menu:
                Open(row.Menu);
                break;
            case RowKind.ChoiceMember:
                Choose(row.Menu.Symbol!);
                break;
        }
    }

    private void Set(Tristate value)
    {
        if (Current is not { } row) return;
        if (row.Kind == RowKind.ChoiceMember)
        {
            if (value == Tristate.Yes) Choose(row.Menu.Symbol!);
            return;
        }
        if (row.Kind != RowKind.Tristate) return;
        var symbol = row.Menu.Symbol!;
        // As mconf: y on a symbol that can only be m sets m, and says why.
        if (!_session.SetTristate(symbol, value) && value == Tristate.Yes && _session.SetTristate(symbol, Tristate.Mod))
            _dialogs.Message("This feature depends on another which has been configured as a module.\nAs a result, this feature will be built as a module.");
        Show(select: null);
    }

    /// <summary>A choice member chosen: the choice takes it and its page closes, as conf_choice returns.</summary>
    private void Choose(KconfigSymbol member)
    {
        _session.SetTristate(member, Tristate.Yes);
        var choice = Page;
        _pages.RemoveAt(_pages.Count - 1);
        Show(select: choice);
    }

    private void Edit(KconfigMenu menu, KconfigSymbol symbol)
    {
        var hint = symbol.Type switch
        {
            SymbolType.Int => "Please enter a decimal value.",
            SymbolType.Hex => "Please enter a hexadecimal value.",
            _ => "Please enter a string value.",
        };
        var entered = _dialogs.Input(MenuPage.Prompt(menu), hint, _session.Value(symbol));
        if (entered is null) return;
        if (!_session.SetString(symbol, entered))
        {
            _dialogs.Message("You have made an invalid entry.");
            return;
        }
        Show(select: null);
    }

    private void Help()
    {
        if (Current is not { } row) return;
        _dialogs.Text(MenuPage.Prompt(row.Menu), new SymbolHelp(_session).For(row.Menu));
    }

    private void Search()
    {
        var pattern = _dialogs.Input("Search Configuration Parameter",
            "Enter (sub)string or regexp to search for (with or without \"CONFIG\")", "");
        if (string.IsNullOrEmpty(pattern)) return;
        List<SearchMatch> matches;
        try
        {
            matches = SymbolSearch.Find(_session, pattern);
        }
        catch (UserError e)
        {
            _dialogs.Message(e.Message);
            return;
        }
        if (matches.Count == 0)
        {
            _dialogs.Message("No matches found.");
            return;
        }
        var picked = _dialogs.Pick($"Search Results: {pattern} (Enter jumps to the entry)", matches.Select(m => m.Text).ToList());
        if (picked is not { } index || matches[index].Target is not { } target) return;
        _pages.Clear();
        _pages.AddRange(Location.Pages(target));
        Show(select: target);
    }

    private void Save()
    {
        var path = _dialogs.Input("Save Configuration", "Enter a filename to which this configuration should be saved.", _session.ConfigPath);
        if (!string.IsNullOrEmpty(path) && TrySave(path)) Show(select: null);
    }

    private bool TrySave(string path)
    {
        try
        {
            _session.Save(path);
            return true;
        }
        catch (Exception e) when (ErrorKinds.IsUserCaused(e))
        {
            _dialogs.Message($"Error during writing of the configuration: {ErrorKinds.Message(e)}");
            return false;
        }
    }

    private void Load()
    {
        var path = _dialogs.Input("Load Configuration", "Enter the name of the configuration file you wish to load.", _session.ConfigPath);
        if (string.IsNullOrEmpty(path)) return;
        if (!File.Exists(path))
        {
            _dialogs.Message($"File does not exist: {path}");
            return;
        }
        try
        {
            _session.Load(path);
        }
        catch (Exception e) when (ErrorKinds.IsUserCaused(e))
        {
            _dialogs.Message($"{ErrorKinds.Message(e)}");
            return;
        }
        Show(select: null);
    }
}
