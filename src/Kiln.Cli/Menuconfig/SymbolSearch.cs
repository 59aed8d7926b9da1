using System.Text.RegularExpressions;
using Kiln.Configuration.Kconfig;
using Kiln.Core.Errors;

namespace Kiln.Cli.Menuconfig;

/// <summary>One symbol found: the line listed for it, and the entry to jump to (none when it has no prompt).</summary>
public sealed record SearchMatch(string Text, KconfigMenu? Target);

/// <summary>
/// mconf's search: symbol names matching a regular expression, case-insensitively, with or without
/// CONFIG_; each listed with its value, prompt and location.
/// </summary>
public static class SymbolSearch
{
    public static List<SearchMatch> Find(MenuSession session, string pattern)
    {
        if (pattern.StartsWith("CONFIG_", StringComparison.OrdinalIgnoreCase)) pattern = pattern["CONFIG_".Length..];
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UserError($"{pattern}: not a regular expression ({e.Message})");
        }
        // Names equal to the pattern first, then the rest by name, as a person looks for the exact one first.
        return session.Tree.Symbols
            .Where(symbol => symbol.Menus.Count > 0 && regex.IsMatch(symbol.Name!))
            .OrderBy(symbol => !string.Equals(symbol.Name, pattern, StringComparison.OrdinalIgnoreCase))
            .ThenBy(symbol => symbol.Name, StringComparer.Ordinal)
            .Select(symbol => Describe(session, symbol))
            .ToList();
    }

    private static SearchMatch Describe(MenuSession session, KconfigSymbol symbol)
    {
        var prompted = symbol.Menus.FirstOrDefault(menu => menu.Prompt is not null);
        var text = $"{symbol.Name} [={session.Value(symbol)}]";
        if (prompted is null) return new SearchMatch($"{text}  (no prompt)", null);
        var location = Location.Trail(Location.Pages(prompted).Skip(1));
        return new SearchMatch($"{text}  \"{prompted.Prompt!.Text}\"  in {(location.Length == 0 ? MenuPage.Prompt(session.Tree.Root) : location)}", prompted);
    }
}
