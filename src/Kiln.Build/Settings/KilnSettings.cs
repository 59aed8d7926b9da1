using Kiln.Build.Cache;
using Kiln.Core.Errors;

namespace Kiln.Build.Settings;

/// <summary>
/// Kiln's settings for a tree, from <c>TREE/kiln.conf</c>: lines of <c>NAME = VALUE</c>, <c>#</c>
/// comments. <c>mirror = DIR-OR-URL</c> (repeatable) names local mirrors that downloads try before
/// a package's own URLs; a relative directory is relative to the tree. <c>kernel = FILE</c> is the
/// built kernel images are made with when the command line names none. <c>cache</c>,
/// <c>cache-mode</c> and <c>cache-size</c> name the build cache (<see cref="CacheSettings"/>).
/// </summary>
public sealed record KilnSettings(IReadOnlyList<string> Mirrors, string? Kernel, CacheSettings Cache)
{
    public const string FileName = "kiln.conf";

    public static KilnSettings Read(string topDirectory)
    {
        var path = Path.Combine(topDirectory, FileName);
        var mirrors = new List<string>();
        string? kernel = null;
        var cache = CacheSettings.None;
        var sizeLine = 0;
        if (!File.Exists(path)) return new KilnSettings(mirrors, kernel, cache);
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
                case "cache":
                    cache = cache with
                    {
                        Location = CacheSettings.ParseLocation(value, topDirectory, out var problem)
                            ?? throw new UserError($"{FileName}:{number}: *** {problem}."),
                    };
                    break;
                case "cache-mode":
                    cache = cache with
                    {
                        Mode = CacheSettings.ParseMode(value)
                            ?? throw new UserError($"{FileName}:{number}: *** cache-mode is read, readwrite or off, not '{value}'."),
                    };
                    break;
                case "cache-size":
                    cache = cache with
                    {
                        SizeLimit = CacheSettings.ParseSize(value)
                            ?? throw new UserError($"{FileName}:{number}: *** cache-size is a size such as 500M or 10G, not '{value}'."),
                    };
                    sizeLine = number;
                    break;
                default:
                    throw new UserError($"{FileName}:{number}: *** unknown setting '{name}'.");
            }
        }
        if (sizeLine > 0 && cache.IsRemote)
            throw new UserError($"{FileName}:{sizeLine}: *** cache-size applies to a cache directory; a cache server evicts by its own settings.");
        return new KilnSettings(mirrors, kernel, cache);
    }
}
