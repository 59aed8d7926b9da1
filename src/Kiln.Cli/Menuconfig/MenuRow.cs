using Kiln.Configuration.Kconfig;

namespace Kiln.Cli.Menuconfig;

/// <summary>What Enter, Space and y/m/n do with a row (lxdialog's item tags).</summary>
public enum RowKind
{
    /// <summary>A comment, a choice's chosen member, a menuconfig symbol as its own page's heading: nothing to change.</summary>
    Inert,
    /// <summary>A menu: Enter opens it.</summary>
    Menu,
    /// <summary>A bool, tristate or choice: y/m/n/Space set it; Enter opens a choice or a menuconfig symbol's menu.</summary>
    Tristate,
    /// <summary>A string, int or hex: Enter edits it.</summary>
    Value,
    /// <summary>A member of the choice whose page is shown: Enter, Space or y chooses it.</summary>
    ChoiceMember,
}

/// <summary>One line of a menu page: the entry, its text with markers, and what the keys do with it.</summary>
public sealed record MenuRow(KconfigMenu Menu, string Text, RowKind Kind);
