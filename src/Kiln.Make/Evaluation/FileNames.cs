using Kiln.Make.Functions;
using Kiln.Make.Syntax;

namespace Kiln.Make.Evaluation;

/// <summary>
/// make's parse_file_seq for targets and include lines: names split at unquoted blanks, leading
/// "./" removed, and wildcards expanded (a pattern that matches nothing is kept as written).
/// </summary>
internal static class FileNames
{
    /// <summary>
    /// Splits and globs <paramref name="text"/>. <paramref name="existingOnly"/> is the wildcard
    /// function's mode: "./" kept, and only names that exist.
    /// </summary>
    public static List<string> Parse(string text, Evaluator ev, bool glob = true, bool existingOnly = false)
    {
        var names = new List<string>();
        var p = 0;
        while (true)
        {
            while (p < text.Length && Text.CharClass.IsSpace(text[p])) p++;
            if (p >= text.Length) break;
            var start = p;
            var end = LineEscapes.FindMapUnquote(ref text, p, StopChars.Blank);
            if (end < 0) end = text.Length;
            var s = start;
            while (!existingOnly && end - s > 2 && text[s] == '.' && text[s + 1] == '/')
            {
                s += 2;
                while (s < end && text[s] == '/') s++;
            }
            var name = s == end ? "./" : text[s..end];
            if (existingOnly || (glob && (Glob.HasMagic(name) || name.StartsWith('~'))))
                names.AddRange(Glob.Expand(name, ev.WorkingDirectoryFor(name), ev.HomeDirectory, ev.Files, existingOnly));
            else
                names.Add(name);
            p = end;
        }
        return names;
    }
}
