using System.Collections.ObjectModel;
using System.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Kiln.Cli.Menuconfig;

/// <summary>The dialogs menuconfig opens over its menu: a line of input, a text to read, a list to pick from, a question.</summary>
public sealed class Dialogs(IApplication app)
{
    /// <summary>
    /// For views showing Kconfig's text: '_' is in symbol names and prompts, and must not be taken
    /// as the hot key marker.
    /// </summary>
    public static readonly Rune NoHotKey = new(0xFFFF);

    private DateTime _leftWithEscape;

    /// <summary>
    /// Whether this Esc is the second of an Esc Esc that closed a dialog (as mconf's dialogs close)
    /// a moment ago: the first closed it, so this one is no key of the menu's. True once per dialog.
    /// </summary>
    public bool TakeClosingEscape()
    {
        var closing = DateTime.UtcNow - _leftWithEscape < TimeSpan.FromMilliseconds(300);
        _leftWithEscape = default;
        return closing;
    }

    private void Run(Dialog dialog)
    {
        app.Run(dialog);
        Closed(dialog.Result);
    }

    /// <summary>A dialog closed with no button pressed was left with Esc.</summary>
    private void Closed(int? button)
    {
        if (button is null) _leftWithEscape = DateTime.UtcNow;
    }

    /// <summary>The text entered, or null when the dialog was cancelled.</summary>
    public string? Input(string title, string prompt, string initial)
    {
        using var dialog = new Dialog { HotKeySpecifier = NoHotKey, Title = title, Width = Dim.Percent(80), Height = 9 };
        var field = new TextField { Text = initial, X = 1, Y = 2, Width = Dim.Fill(1) };
        dialog.Add(new Label { HotKeySpecifier = NoHotKey, Text = prompt, X = 1, Y = 0, Width = Dim.Fill(1) }, field);
        dialog.AddButton(new Button { Text = "Cancel" });
        dialog.AddButton(new Button { Text = "Ok" });
        field.SetFocus();
        Run(dialog);
        // Enter presses the last button, so Ok goes last.
        return dialog.Result == 1 ? field.Text : null;
    }

    public void Text(string title, string text)
    {
        using var dialog = new Dialog { HotKeySpecifier = NoHotKey, Title = title, Width = Dim.Percent(90), Height = Dim.Percent(90) };
        // A list of the wrapped lines scrolls with the arrow and page keys, as lxdialog's text box.
        var lines = new KeyList { Width = Dim.Fill(), Height = Dim.Fill(1) };
        lines.SetSource(new ObservableCollection<string>(Wrap(text, app.Screen.Width * 9 / 10 - 4)));
        lines.SelectedItem = 0;
        dialog.Add(lines);
        dialog.AddButton(new Button { Text = "Exit" });
        lines.SetFocus();
        Run(dialog);
    }

    /// <summary>The index of the line chosen with Enter, or null when the dialog was left.</summary>
    public int? Pick(string title, IReadOnlyList<string> lines)
    {
        int? picked = null;
        using var dialog = new Dialog { HotKeySpecifier = NoHotKey, Title = title, Width = Dim.Percent(90), Height = Dim.Percent(90) };
        var list = new KeyList { Width = Dim.Fill(), Height = Dim.Fill(1) };
        list.SetSource(new ObservableCollection<string>(lines));
        list.SelectedItem = 0;
        list.KeyPressed = key =>
        {
            if (key != Key.Enter) return false;
            picked = list.SelectedItem;
            app.RequestStop(dialog);
            return true;
        };
        dialog.Add(list);
        dialog.AddButton(new Button { Text = "Exit" });
        list.SetFocus();
        Run(dialog);
        return picked;
    }

    public void Message(string text) => Ask(text, "Ok");

    /// <summary>
    /// The index of the button chosen, or null when the question was left with Esc. The first
    /// button has the focus, and each answers to its first letter, as lxdialog's yes/no box.
    /// </summary>
    public int? Ask(string text, params string[] buttons)
    {
        using var dialog = new Dialog();
        dialog.Add(new Label { HotKeySpecifier = NoHotKey, Text = text, X = 1, Y = 1 });
        var answers = buttons.Select(answer => new Button { Text = "_" + answer }).ToList();
        foreach (var button in answers) dialog.AddButton(button);
        answers[0].SetFocus();
        Run(dialog);
        return dialog.Result;
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        width = Math.Max(width, 20);
        foreach (var line in text.Split('\n'))
        {
            var rest = line;
            while (rest.Length > width)
            {
                var cut = rest.LastIndexOf(' ', width);
                if (cut <= 0) cut = width;
                yield return rest[..cut];
                rest = rest[cut..].TrimStart();
            }
            yield return rest;
        }
    }
}
