using System.Text;
using Kiln.Packages.Model;

namespace Kiln.Configuration.Generators;

/// <summary>
/// tmp/.config-package.in: the package menus OpenWrt's <c>package-metadata.pl config</c> prints from tmp/.packageinfo,
/// byte for byte, from Kiln's package model.
/// </summary>
public static class PackageKconfig
{
    /// <param name="sources">The source packages in tmp/.packageinfo's order (package/, then the feeds).</param>
    /// <param name="options">The sources left out (<c>--ignore</c>), those marked Override, and whether feeds bring image options.</param>
    public static string Generate(IReadOnlyList<SourcePackage> sources, PackageKconfigOptions options) =>
        new Writer(sources, options).Write();

    /// <summary>Whether an installed feed package has an image-config.in, which the script then sources (it globs the tree).</summary>
    public static bool FeedsHaveImageConfig(string topDirectory)
    {
        var feeds = Path.Combine(topDirectory, "package", "feeds");
        if (!Directory.Exists(feeds)) return false;
        foreach (var feed in Directory.EnumerateDirectories(feeds))
        foreach (var package in Directory.EnumerateDirectories(feed))
            if (File.Exists(Path.Combine(package, "image-config.in"))) return true;
        return false;
    }

    /// <summary>A binary package as the script records it.</summary>
    private sealed class Entry(string name, string sourceName, bool ignored)
    {
        public string Name { get; } = name;
        public string SourceName { get; } = sourceName;
        public bool Ignored { get; } = ignored;
        public string Title = "";
        public string? Menu, Submenu, SubmenuDepends, Default;
        public string[] Depends = [], MenuDepends = [], Conflicts = [];
        public bool Hidden, VariantDefault, BuildOnly, HasRepository, Tristate = true;
        public string Description = "";
        public string? Config;
    }

    private sealed class Writer
    {
        private readonly StringBuilder _out = new();
        private readonly PackageKconfigOptions _options;
        private readonly Dictionary<string, Entry> _packages = new(StringComparer.Ordinal);

        /// <summary>
        /// Packages by what they provide. A name the script only looked up while sorting (a plain dependency on a package that does
        /// not exist) is here with no packages: Perl creates the entry on that look-up, and a later "+name" then selects nothing.
        /// </summary>
        private readonly Dictionary<string, List<Entry>> _providers = new(StringComparer.Ordinal);

        /// <summary>Category → source name → its packages of that category, in the order they were read.</summary>
        private readonly Dictionary<string, Dictionary<string, List<Entry>>> _categories = new(StringComparer.Ordinal);

        /// <summary>The search that last visited each package (a number per search, so that none has to clear a set).</summary>
        private readonly Dictionary<string, int> _visitedBy = new(StringComparer.Ordinal);

        private int _search;

        public Writer(IReadOnlyList<SourcePackage> sources, PackageKconfigOptions options)
        {
            _options = options;
            foreach (var source in sources)
            {
                var sourceName = Path.GetFileName(Path.GetDirectoryName(source.Makefile)) ?? "";
                foreach (var package in source.Packages) Read(package, sourceName);
            }
        }

        private void Read(BinaryPackage package, string sourceName)
        {
            var entry = new Entry(package.Name, sourceName, _options.Ignored.Contains(sourceName));
            _packages[entry.Name] = entry;
            ProvidersOf(entry.Name).Insert(0, entry);
            // Each field as the script's pattern for it reads the line; a later line of the same field wins.
            foreach (var (key, text) in package.Fields)
            {
                var value = PerlText.Capture(text);
                if (value is null && key != "Default-Variant") continue;
                switch (key)
                {
                    case "Title": entry.Title = value!; break;
                    case "Menu": entry.Menu = value; break;
                    case "Submenu": entry.Submenu = value; break;
                    case "Submenu-Depends": entry.SubmenuDepends = value; break;
                    case "Default": entry.Default = value; break;
                    case "Provides":
                        foreach (var provided in PerlText.Words(value))
                            if (provided != entry.Name) ProvidersOf(provided).Add(entry);
                        break;
                    case "Menu-Depends": entry.MenuDepends = PerlText.Words(value); break;
                    case "Depends": entry.Depends = PerlText.Words(value); break;
                    case "Conflicts": entry.Conflicts = PerlText.Words(value); break;
                    case "Hidden": entry.Hidden = true; break;
                    case "Default-Variant": entry.VariantDefault = true; break;
                    case "Build-Only": entry.BuildOnly = true; break;
                    case "Repository": entry.HasRepository = true; break;
                    case "Category":
                        if (!_categories.TryGetValue(value!, out var bySource)) _categories[value!] = bySource = new(StringComparer.Ordinal);
                        if (!bySource.TryGetValue(sourceName, out var list)) bySource[sourceName] = list = [];
                        list.Add(entry);
                        break;
                    case "Type":
                        entry.Tristate = false;
                        foreach (var type in PerlText.Words(value))
                            if (type.Contains("ipkg", StringComparison.Ordinal)) entry.Tristate = true;
                        break;
                }
            }
            entry.Description = HelpLines(package.Description);
            if (package.Config is { } config) entry.Config = ConfigLines(config);
        }

        private List<Entry> ProvidersOf(string name)
        {
            if (!_providers.TryGetValue(name, out var list)) _providers[name] = list = [];
            return list;
        }

        /// <summary>The description under "help": each line after a tab, a tab and a space (the first without its leading space).</summary>
        private static string HelpLines(string description)
        {
            var text = new StringBuilder();
            var first = true;
            foreach (var line in description.Split('\n'))
            {
                var start = 0;
                if (first)
                    while (start < line.Length && PerlText.IsSpace(line[start])) start++;
                text.Append("\t\t ").Append(line, start, line.Length - start).Append('\n');
                first = false;
            }
            return text.ToString();
        }

        /// <summary>A package's own Kconfig text: an empty first line, then each line after a tab.</summary>
        private static string ConfigLines(string config)
        {
            var text = new StringBuilder("\n");
            foreach (var line in config.Split('\n')) text.Append('\t').Append(line).Append('\n');
            return text.ToString();
        }

        public string Write()
        {
            _out.Append("menuconfig IMAGEOPT\n\tbool \"Image configuration\"\n\tdefault n\n");
            _out.Append("source \"package/*/image-config.in\"\n");
            if (_options.FeedImageConfigs) _out.Append("source \"package/feeds/*/*/image-config.in\"\n");
            var printed = new HashSet<string>(StringComparer.Ordinal);
            WriteCategory("Base system", printed);
            foreach (var name in PerlText.SortedUpper(_categories.Keys)) WriteCategory(name, printed);
            if (_options.Overrides.Count > 0)
            {
                var overrides = _options.Overrides.ToList();
                overrides.Sort(string.CompareOrdinal);
                _out.Append("\tconfig OVERRIDE_PKGS\n\t\tstring\n\t\tdefault \"").AppendJoin(' ', overrides).Append("\"\n\n");
            }
            return _out.ToString();
        }

        private void WriteCategory(string category, HashSet<string> printed)
        {
            if (!_categories.TryGetValue(category, out var bySource) || !printed.Add(category)) return;
            _out.Append("menu \"").Append(category).Append("\"\n\n");
            var menus = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
            var menuDepends = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var source in PerlText.SortedUpper(bySource.Keys))
            foreach (var package in bySource[source])
            {
                if (package.BuildOnly) continue;
                var menu = "undef";
                if (PerlText.IsTrue(package.Submenu))
                {
                    menu = package.Submenu!;
                    if (!PerlText.IsTrue(menuDepends.GetValueOrDefault(menu))) menuDepends[menu] = package.SubmenuDepends;
                }
                if (!menus.TryGetValue(menu, out var list)) menus[menu] = list = [];
                list.Add(package);
            }
            var menuNames = PerlSort.Sort(menus.Keys.ToList(), (a, b) =>
                a == "undef" ? 1 : b == "undef" ? -1 : string.CompareOrdinal(a, b));
            foreach (var menu in menuNames)
            {
                // Sorted first (the comparison may create provider entries), then printed.
                var packages = PerlSort.Sort(menus[menu], (a, b) =>
                {
                    var order = DependencyOrder(a, b);
                    return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
                });
                var condition = menuDepends.GetValueOrDefault(menu);
                if (menu != "undef")
                {
                    if (PerlText.IsTrue(condition)) _out.Append("if ").Append(condition).Append('\n');
                    _out.Append("menu \"").Append(menu).Append("\"\n");
                }
                foreach (var package in packages)
                    if (!package.Ignored) WritePackage(package);
                if (menu != "undef")
                {
                    _out.Append("endmenu\n");
                    if (PerlText.IsTrue(condition)) _out.Append("endif\n");
                }
            }
            _out.Append("endmenu\n\n");
        }

        private void WritePackage(Entry package)
        {
            var title = package.Name;
            var dots = 72 - package.Name.Length - package.Title.Length;
            if (dots > 0) title += new string('.', dots) + " " + package.Title;
            _out.Append('\t');
            if (PerlText.IsTrue(package.Menu)) _out.Append("menu");
            _out.Append("config PACKAGE_").Append(package.Name).Append('\n');
            _out.Append("\t\t").Append(package.Tristate ? "tristate" : "bool").Append(' ')
                .Append(package.Hidden ? "" : "\"" + title + "\"").Append('\n');
            _out.Append("\t\tdefault y if DEFAULT_").Append(package.Name).Append('\n');
            if (!package.Hidden && !PerlText.IsTrue(package.Default))
                package.Default = "m if ALL" + (package.HasRepository ? "" : "||ALL_NONSHARED")
                    + (package.Name.StartsWith("kmod-", StringComparison.Ordinal) ? "||ALL_KMODS" : "");
            if (PerlText.IsTrue(package.Default))
                foreach (var value in SplitDefaults(package.Default!))
                    _out.Append("\t\tdefault ").Append(value).Append('\n');
            WriteDependencies(package.Name, package.Depends);
            WriteDependencies(package.Name, package.MenuDepends);
            foreach (var conflict in package.Conflicts)
                if (_packages.ContainsKey(conflict)) _out.Append("\t\tdepends on m || (PACKAGE_").Append(conflict).Append(" != y)\n");
            _out.Append("\t\thelp\n").Append(package.Description).Append('\n');
            if (package.Config is { } config) _out.Append(config).Append('\n');
        }

        /// <summary><c>split /\s*,\s*/</c>: white space around each comma goes with it; trailing empty fields are dropped.</summary>
        private static List<string> SplitDefaults(string value)
        {
            var parts = new List<string>();
            var start = 0;
            for (var comma = value.IndexOf(','); comma >= 0; comma = value.IndexOf(',', start))
            {
                var end = comma;
                while (end > start && PerlText.IsSpace(value[end - 1])) end--;
                parts.Add(value[start..end]);
                start = comma + 1;
                while (start < value.Length && PerlText.IsSpace(value[start])) start++;
            }
            parts.Add(value[start..]);
            while (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
            return parts;
        }

        /// <summary>
        /// The menu order of two packages: after a package it depends on by a plain (not "+") dependency, directly or through other
        /// packages; 0 when neither depends on the other.
        /// </summary>
        private int DependencyOrder(Entry a, Entry b)
        {
            if (a.Submenu != b.Submenu) return 0;
            if (Reaches(a, b.Name)) return 1;
            if (Reaches(b, a.Name)) return -1;
            return 0;
        }

        private bool Reaches(Entry from, string name)
        {
            _search++;
            return Search(from, name);
        }

        /// <summary>Depth first through the dependency words as written ("+x" and "@X" name no provider), each package visited once.</summary>
        private bool Search(Entry from, string name)
        {
            foreach (var word in from.Depends)
                foreach (var provider in ProvidersOf(word))
                {
                    if (_visitedBy.GetValueOrDefault(provider.Name) == _search) continue;
                    _visitedBy[provider.Name] = _search;
                    if (provider.Name == name || Search(provider, name)) return true;
                }
            return false;
        }

        private void WriteDependencies(string packageName, string[] depends)
        {
            if (depends.Length == 0) return;
            var lines = new Dictionary<string, string>(StringComparer.Ordinal);
            AddDependencies(packageName, depends, false, lines, new HashSet<string>(StringComparer.Ordinal), null);
            var keys = lines.Keys.ToList();
            keys.Sort(string.CompareOrdinal);
            foreach (var key in keys) _out.Append("\t\t").Append(lines[key]).Append(' ').Append(key).Append('\n');
        }

        /// <summary>
        /// The "select" and "depends on" lines of DEPENDS words into <paramref name="lines"/> (expression → keyword). A selected
        /// package's own dependencies are added as "depends on" lines too, under the select's condition, because Kconfig does not
        /// check what a select forces on.
        /// </summary>
        private void AddDependencies(string packageName, string[] depends, bool dependsOnly, Dictionary<string, string> lines,
            HashSet<string> seen, string? parentCondition)
        {
            var selected = new List<(string[] Depends, string? Condition)>();
            foreach (var word in depends)
            {
                var keyword = "depends on";
                var flags = 0;
                while (flags < word.Length && word[flags] is '@' or '+') flags++;
                var selects = word.AsSpan(0, flags).Contains('+');
                var symbol = word.AsSpan(0, flags).Contains('@');
                var depend = word[flags..];
                var condition = parentCondition;
                if (SplitCondition(depend) is var (guard, target) && lines.GetValueOrDefault(guard) == "select") depend = target;
                if ((condition ?? "") == depend) continue;
                if (seen.Contains(":" + depend)) continue;
                if (!seen.Add(parentCondition + ":" + depend)) continue;
                if (SplitCondition(depend) is var (ownGuard, ownTarget))
                {
                    if (ownGuard != "PACKAGE_" + packageName) condition = PerlText.IsTrue(condition) ? condition + " && " + ownGuard : ownGuard;
                    depend = ownTarget;
                }
                if (selects)
                {
                    if (_providers.TryGetValue(depend, out var providers))
                    {
                        var names = new List<string>();
                        foreach (var provider in providers)
                        {
                            if (provider.BuildOnly) continue;
                            if (provider.VariantDefault) names.Insert(0, provider.Name);
                            else names.Add(provider.Name);
                        }
                        depend = names.Count > 0 ? names[0] : "";
                        if (names.Count > 1)
                        {
                            var others = new StringBuilder();
                            for (var i = 1; i < names.Count; i++)
                                others.Append(i > 1 ? "&&" : "").Append("PACKAGE_").Append(names[i]).Append("<PACKAGE_").Append(packageName);
                            condition = (PerlText.IsTrue(condition) ? condition + " && " : "") + others;
                        }
                    }
                    if (_packages.TryGetValue(depend, out var selectedPackage)) selected.Add((selectedPackage.Depends, condition));
                    keyword = "select";
                    if (dependsOnly) continue;
                    if (!symbol) depend = "PACKAGE_" + depend;
                }
                else if (_providers.TryGetValue(depend, out var providers) && providers.Count > 0)
                {
                    var any = new StringBuilder();
                    foreach (var provider in providers) any.Append(any.Length > 0 ? "||" : "").Append("PACKAGE_").Append(provider.Name);
                    depend = any.ToString();
                }
                else if (!symbol) depend = "PACKAGE_" + depend;
                if (PerlText.IsTrue(condition))
                {
                    if (keyword == "select")
                    {
                        if (depend == condition) continue;
                        depend = depend + " if " + condition;
                    }
                    else
                    {
                        if (lines.ContainsKey(depend + " if " + condition)) continue;
                        if (lines.GetValueOrDefault(condition!) != "select") depend = "!(" + condition + ") || " + depend;
                    }
                }
                if (!lines.TryGetValue(depend, out var existing) || !existing.Contains("select", StringComparison.Ordinal))
                    lines[depend] = keyword;
            }
            foreach (var (selectedDepends, condition) in selected)
                AddDependencies(packageName, selectedDepends, true, lines, seen, condition);
        }

        /// <summary><c>/^(.+):(.+)$/</c>: the last ':' with text on both sides.</summary>
        private static (string Guard, string Target)? SplitCondition(string word)
        {
            var colon = word.Length < 3 ? -1 : word.LastIndexOf(':', word.Length - 2);
            return colon > 0 ? (word[..colon], word[(colon + 1)..]) : null;
        }
    }
}

/// <summary>What package-metadata.pl learns besides the package metadata.</summary>
/// <param name="Ignored">Source packages (by directory name) left out of the menus, as <c>--ignore NAME</c> does (the SDK's "linux").</param>
/// <param name="Overrides">Source packages the scan marked "Override:" (a feed's package replacing one of package/).</param>
/// <param name="FeedImageConfigs">Whether an installed feed package brings an image-config.in (<see cref="PackageKconfig.FeedsHaveImageConfig"/>).</param>
public sealed record PackageKconfigOptions(IReadOnlySet<string> Ignored, IReadOnlySet<string> Overrides, bool FeedImageConfigs)
{
    public static readonly PackageKconfigOptions None = new(new HashSet<string>(), new HashSet<string>(), false);
}
