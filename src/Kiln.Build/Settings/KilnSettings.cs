using Kiln.Core.Errors;

namespace Kiln.Build.Settings;

/// <summary>
/// Kiln's settings for a tree, from <c>TREE/kiln.conf</c>: lines of <c>NAME = VALUE</c>, <c>#</c>
/// comments. <c>mirror = DIR-OR-URL</c> (repeatable) names local mirrors that downloads try before
/// a package's own URLs; a relative directory is relative to the tree. <c>kernel = FILE</c> is the
/// built kernel images are made with when the command line names none.
/// </summary>
public sealed record KilnSettings(IReadOnlyList<string> Mirrors, string? Kernel)
{
    public const string FileName = "kiln.conf";

    public static KilnSettings Read(string topDirectory)
    {
        var path = Path.Combine(topDirectory, FileName);
        var mirrors = new List<string>();
        string? kernel = null;
        if (!File.Exists(path)) return new KilnSettings(mirrors, kernel);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var eq = line.IndexOf('=');
            if (eq < 0) throw new UserError($"{FileName}:{number}: *** expected NAME = VALUE.");
            var (name, value) = (line[..eq].Trim(), line[(eq + 1)..].Trim());
            switch (name)
            {
                case "mirror":
                    mirrors.Add(value.Contains("://", StringComparison.Ordinal) ? value : Path.GetFullPath(Path.Combine(topDirectory, value)));
                    break;
                case "kernel":
                    kernel = Path.GetFullPath(Path.Combine(topDirectory, value));
                    break;
                default:
                    throw new UserError($"{FileName}:{number}: *** unknown setting '{name}'.");
            }
        }
        return new KilnSettings(mirrors, kernel);
    }
}
