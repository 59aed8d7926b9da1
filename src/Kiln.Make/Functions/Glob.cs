using Kiln.Make.Text;

namespace Kiln.Make.Functions;

/// <summary>
/// glob(3) as make calls it: '~' expansion, '*', '?' and '[...]' per path component, no match for
/// a leading '.' unless written, results of each pattern sorted in byte order.
/// </summary>
internal static class Glob
{
    /// <summary>
    /// Expands <paramref name="pattern"/> relative to <paramref name="directory"/>. Names without
    /// wildcards are returned as they are unless <paramref name="onlyExisting"/>; a pattern with
    /// wildcards that matches nothing is returned as it is unless <paramref name="onlyExisting"/>.
    /// </summary>
    public static List<string> Expand(string pattern, string directory, string? home, bool onlyExisting)
    {
        if (pattern.Length > 0 && pattern[0] == '~')
            pattern = ExpandTilde(pattern, home);
        var results = new List<string>();
        if (!HasMagic(pattern))
        {
            var name = Unescape(pattern);
            if (!onlyExisting || Exists(Resolve(directory, name), mustBeDirectory: name.EndsWith('/')))
                results.Add(onlyExisting ? name : pattern);
            return results;
        }

        var absolute = pattern[0] == '/';
        var segments = pattern.Split('/');
        var candidates = new List<string> { absolute ? "/" : "" };
        var startIndex = absolute ? 1 : 0;
        for (var i = startIndex; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isLast = i == segments.Length - 1;
            if (segment.Length == 0)
            {
                // A trailing slash keeps only directories; a doubled slash is kept as written.
                if (isLast) candidates = candidates.Where(c => IsDirectory(Resolve(directory, c))).ToList();
                candidates = candidates.Select(c => c + "/").ToList();
                continue;
            }
            var next = new List<string>();
            if (!HasMagic(segment))
            {
                var literal = Unescape(segment);
                foreach (var c in candidates) next.Add(Join(c, literal));
            }
            else
            {
                foreach (var c in candidates)
                {
                    var dir = Resolve(directory, c.Length == 0 ? "." : c);
                    foreach (var entry in ListDirectory(dir, segment[0] == '.'))
                        if (FnMatch(segment, entry)) next.Add(Join(c, entry));
                }
            }
            candidates = next;
        }
        foreach (var c in candidates)
            if (Exists(Resolve(directory, c), mustBeDirectory: false)) results.Add(c);
        results.Sort(string.CompareOrdinal);
        if (results.Count == 0 && !onlyExisting) results.Add(pattern);
        return results;
    }

    public static bool HasMagic(string s)
    {
        foreach (var c in s)
            if (c is '*' or '?' or '[') return true;
        return false;
    }

    private static string Join(string dir, string name) => dir.Length == 0 ? name : dir.EndsWith('/') ? dir + name : dir + "/" + name;

    private static string Resolve(string directory, string name) =>
        ByteText.ToOs(name.Length > 0 && name[0] == '/' ? name : directory + "/" + name);

    private static IEnumerable<string> ListDirectory(string osDirectory, bool includeDots)
    {
        IEnumerable<string> names;
        try
        {
            names = Directory.EnumerateFileSystemEntries(osDirectory).Select(p => ByteText.FromOs(Path.GetFileName(p))).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        return includeDots ? names.Append(".").Append("..") : names;
    }

    private static bool Exists(string osPath, bool mustBeDirectory)
    {
        if (mustBeDirectory) return Directory.Exists(osPath);
        if (File.Exists(osPath) || Directory.Exists(osPath)) return true;
        try
        {
            return new FileInfo(osPath).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsDirectory(string osPath) => Directory.Exists(osPath);

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
            if (p[i] == ']') return i;
        return -1;
    }

    private static bool ClassMatches(string p, int start, int end, char c)
    {
        var negate = start < end && (p[start] == '!' || p[start] == '^');
        if (negate) start++;
        var matched = false;
        for (var i = start; i < end; i++)
        {
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
