using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>
/// glob(3) as make calls it: '~' expansion, '*', '?' and '[...]' per path component, no match for
/// a leading '.' unless written, the results of one pattern sorted in byte order. Directories are
/// listed through make's directory cache, so a listing is read once per evaluation (as in make,
/// files created later in an already listed directory are not seen by patterns); names without
/// wildcards are checked on disk each time.
/// </summary>
internal static class Glob
{
    public static bool HasMagic(string s)
    {
        foreach (var c in s)
            if (c is '*' or '?' or '[') return true;
        return false;
    }

    /// <summary>
    /// Expands <paramref name="pattern"/> relative to <paramref name="directory"/>. With
    /// <paramref name="onlyExisting"/> (the wildcard function) only existing names are returned;
    /// otherwise a name without wildcards, or a pattern that matches nothing, is returned as written.
    /// </summary>
    public static List<string> Expand(string pattern, string directory, string? home, FileSystemView files, bool onlyExisting)
    {
        if (pattern.Length > 0 && pattern[0] == '~')
            pattern = ExpandTilde(pattern, home);
        var results = new List<string>();
        if (!HasMagic(pattern))
        {
            if (!onlyExisting) results.Add(pattern);
            else if (ExistingLiteral(Unescape(pattern), directory, files) is { } found) results.Add(found);
            return results;
        }
        // An escaped slash is still a separator.
        pattern = pattern.Replace("\\/", "/");

        // Each prefix is "" or ends with '/', ready for the next component to be appended.
        var segments = pattern.Split('/');
        var prefixes = new List<string> { segments[0].Length == 0 ? "/" : "" };
        for (var i = segments[0].Length == 0 ? 1 : 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isLast = i == segments.Length - 1;
            if (segment.Length == 0)
            {
                // A trailing slash keeps only directories; a doubled slash stays as written.
                if (isLast) results.AddRange(prefixes.Where(p => files.IsDirectory(Resolve(directory, p))));
                else prefixes = prefixes.Select(p => p + "/").ToList();
                if (isLast) break;
                continue;
            }
            var names = new List<string>();
            if (!HasMagic(segment))
            {
                var literal = Unescape(segment);
                foreach (var p in prefixes) names.Add(p + literal);
            }
            else
            {
                foreach (var p in prefixes)
                    foreach (var entry in files.List(Resolve(directory, p.Length == 0 ? "." : p)))
                        if (FnMatch(segment, entry)) names.Add(p + entry);
            }
            if (isLast)
            {
                // Names that came from a (cached) listing are not checked again, as in glob(3).
                foreach (var n in names)
                    if (HasMagic(segment) || files.Exists(Resolve(directory, n))) results.Add(n);
            }
            else
            {
                prefixes = names.Select(n => n + "/").ToList();
            }
        }
        results.Sort(string.CompareOrdinal);
        if (results.Count == 0 && !onlyExisting) results.Add(pattern);
        return results;
    }

    private static string Resolve(string directory, string name) =>
        ByteText.ToOs(name.Length > 0 && name[0] == '/' ? name : directory + "/" + name);

    /// <summary>
    /// A name without wildcards: itself if it exists (lstat). With a trailing slash, a directory
    /// keeps the slash and another existing file is returned without it, as glibc's glob does.
    /// </summary>
    private static string? ExistingLiteral(string name, string directory, FileSystemView files)
    {
        if (!name.EndsWith('/') || name.Length == 1)
            return files.Exists(Resolve(directory, name)) ? name : null;
        var bare = name.TrimEnd('/');
        if (files.IsDirectory(Resolve(directory, bare))) return name;
        return files.Exists(Resolve(directory, bare)) ? bare : null;
    }

    private static string ExpandTilde(string pattern, string? home)
    {
        var slash = pattern.IndexOf('/');
        var user = slash < 0 ? pattern[1..] : pattern[1..slash];
        if (user.Length != 0 || home is null) return pattern;
        return home + (slash < 0 ? "" : pattern[slash..]);
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length) i++;
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    /// <summary>fnmatch with FNM_PERIOD: a leading '.' must be matched by a literal '.'.</summary>
    internal static bool FnMatch(string pattern, string name)
    {
        if (name.Length > 0 && name[0] == '.' && (pattern.Length == 0 || pattern[0] != '.')) return false;
        return Match(pattern, 0, name, 0);
    }

    private static bool Match(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            switch (c)
            {
                case '*':
                    while (pi < p.Length && p[pi] == '*') pi++;
                    if (pi == p.Length) return true;
                    for (var k = si; k <= s.Length; k++)
                        if (Match(p, pi, s, k)) return true;
                    return false;
                case '?':
                    if (si >= s.Length) return false;
                    pi++;
                    si++;
                    break;
                case '[':
                    if (si >= s.Length) return false;
                    var end = ClassEnd(p, pi);
                    if (end < 0)
                    {
                        if (s[si] != '[') return false;
                        pi++;
                        si++;
                        break;
                    }
                    if (!ClassMatches(p, pi + 1, end, s[si])) return false;
                    pi = end + 1;
                    si++;
                    break;
                case '\\' when pi + 1 < p.Length:
                    if (si >= s.Length || s[si] != p[pi + 1]) return false;
                    pi += 2;
                    si++;
                    break;
                default:
                    if (si >= s.Length || s[si] != c) return false;
                    pi++;
                    si++;
                    break;
            }
        }
        return si == s.Length;
    }

    private static int ClassEnd(string p, int open)
    {
        var i = open + 1;
        if (i < p.Length && (p[i] == '!' || p[i] == '^')) i++;
        if (i < p.Length && p[i] == ']') i++;
        for (; i < p.Length; i++)
        {
            if (p[i] == '[' && i + 1 < p.Length && p[i + 1] == ':')
            {
                var close = p.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    i = close + 1;
                    continue;
                }
            }
            if (p[i] == ']') return i;
        }
        return -1;
    }

    /// <summary>POSIX character classes in the C locale.</summary>
    private static bool InNamedClass(string name, char c) => name switch
    {
        "alpha" => char.IsAsciiLetter(c),
        "digit" => char.IsAsciiDigit(c),
        "alnum" => char.IsAsciiLetterOrDigit(c),
        "upper" => char.IsAsciiLetterUpper(c),
        "lower" => char.IsAsciiLetterLower(c),
        "space" => CharClass.IsSpace(c),
        "blank" => CharClass.IsBlank(c),
        "punct" => c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~',
        "xdigit" => char.IsAsciiHexDigit(c),
        "cntrl" => c < ' ' || c == '\x7f',
        "print" => c is >= ' ' and <= '~',
        "graph" => c is > ' ' and <= '~',
        _ => false,
    };

    private static bool ClassMatches(string p, int start, int end, char c)
    {
        var negate = start < end && (p[start] == '!' || p[start] == '^');
        if (negate) start++;
        var matched = false;
        for (var i = start; i < end; i++)
        {
            if (p[i] == '[' && i + 1 < end && p[i + 1] == ':')
            {
                var close = p.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (close > 0 && close < end + 1)
                {
                    if (InNamedClass(p[(i + 2)..close], c)) matched = true;
                    i = close + 1;
                    continue;
                }
            }
            var lo = p[i];
            if (i + 2 < end && p[i + 1] == '-')
            {
                if (c >= lo && c <= p[i + 2]) matched = true;
                i += 2;
            }
            else if (c == lo)
            {
                matched = true;
            }
        }
        return matched != negate;
    }
}
