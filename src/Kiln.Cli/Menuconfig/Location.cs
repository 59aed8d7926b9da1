using Kiln.Configuration.Kconfig;

namespace Kiln.Cli.Menuconfig;

/// <summary>Where an entry is in the menus: the path to it, and the pages a person opens to reach it.</summary>
public static class Location
{
    /// <summary>The entries from the main menu's child down to <paramref name="menu"/> itself.</summary>
    public static IEnumerable<KconfigMenu> Path(KconfigMenu menu)
    {
        var path = new List<KconfigMenu>();
        for (var step = menu; step.Parent is not null; step = step.Parent) path.Add(step);
        path.Reverse();
        return path;
    }

    /// <summary>
    /// Whether the entry has a page of its own: the main menu, a menu, a menuconfig symbol or a
    /// choice. Anything else is a row of the nearest such entry above it.
    /// </summary>
    public static bool IsPage(KconfigMenu menu) => menu.Parent is null || menu.IsMenu || menu.Symbol is { IsChoice: true };

    /// <summary>The pages opened, from the main menu on, to show <paramref name="menu"/> as a row.</summary>
    public static List<KconfigMenu> Pages(KconfigMenu menu)
    {
        var pages = new List<KconfigMenu>();
        for (var step = menu.Parent; step is not null; step = step.Parent)
            if (IsPage(step)) pages.Add(step);
        pages.Reverse();
        return pages;
    }

    /// <summary>The path as one line of prompts, for the title and search results.</summary>
    public static string Trail(IEnumerable<KconfigMenu> menus) => string.Join(" > ", menus.Select(MenuPage.Prompt));
}
