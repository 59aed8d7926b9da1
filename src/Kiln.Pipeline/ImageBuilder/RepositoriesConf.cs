using Kiln.Core.Errors;

namespace Kiln.Pipeline.ImageBuilder;

/// <summary>One package feed of a repositories.conf: its name and where it is (a directory, or an http(s) URL).</summary>
public sealed record Repository(string Name, string Location)
{
    public bool IsRemote => Location.StartsWith("http://", StringComparison.Ordinal) || Location.StartsWith("https://", StringComparison.Ordinal);
}

/// <summary>
/// OpenWrt's Image Builder list of feeds, as opkg reads it: <c>src/gz NAME URL</c> (or <c>src</c>) lines, <c>option</c>
/// lines and comments. A location is an http(s) URL, a <c>file:</c> URL or a path (relative to the Image Builder).
/// </summary>
public static class RepositoriesConf
{
    public static IReadOnlyList<Repository> Read(string path, string top)
    {
        if (!File.Exists(path)) throw new UserError($"{path}: no such file (an Image Builder lists its feeds there)");
        var repositories = new List<Repository>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("option ", StringComparison.Ordinal)) continue;
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 3 || words[0] is not ("src/gz" or "src"))
                throw new UserError($"{path}:{number}: not a feed line ('src/gz NAME URL'): {line}");
            if (repositories.Any(r => r.Name == words[1]))
                throw new UserError($"{path}:{number}: a second feed named {words[1]}");
            var location = words[2].StartsWith("file://", StringComparison.Ordinal) ? words[2]["file://".Length..]
                : words[2].StartsWith("file:", StringComparison.Ordinal) ? words[2]["file:".Length..] : words[2];
            var repository = new Repository(words[1], location);
            repositories.Add(repository.IsRemote ? repository : repository with { Location = Path.GetFullPath(Path.Combine(top, location)) });
        }
        return repositories;
    }

    /// <summary>The text of a repositories.conf listing <paramref name="repositories"/>, in order.</summary>
    public static string Text(IEnumerable<Repository> repositories) =>
        "## The package feeds 'kiln image' installs from, in this order: 'src/gz NAME DIRECTORY-OR-URL' (a directory relative to\n" +
        "## this one, or an http(s) URL whose Packages index is signed by a key in keys/).\n" +
        string.Concat(repositories.Select(r => $"src/gz {r.Name} {r.Location}\n"));
}
