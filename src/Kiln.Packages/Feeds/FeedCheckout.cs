using Kiln.Core.Errors;
using Kiln.Core.Processes;

namespace Kiln.Packages.Feeds;

/// <summary>
/// A feed's copy under feeds/NAME, fetched as scripts/feeds fetches it: a shallow git clone
/// (src-git: <c>URL;BRANCH</c> or <c>URL^COMMIT</c>; src-git-full: the whole history), a link
/// (src-link), a copy (src-cpy) or an empty directory (src-dummy). The sources are recorded in
/// feeds/NAME.tmp/location; when they change, the copy is replaced instead of updated.
/// </summary>
public static class FeedCheckout
{
    private static readonly HostProgram Git = new("git", "git");

    public static readonly IReadOnlyList<string> Methods = ["git", "git-full", "link", "cpy", "dummy"];

    /// <summary>Methods of OpenWrt's that Kiln does not fetch with.</summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal) { "svn", "gitsvn", "bzr", "hg", "darcs" };

    /// <summary>Methods whose copies scripts/feeds tells a revision of (the others' is "X").</summary>
    private static readonly HashSet<string> WithRevision = new(StringComparer.Ordinal) { "git", "git-full", "link", "cpy", "dummy", "svn", "gitsvn" };

    /// <summary>A user error unless Kiln can fetch the feed, checked for every feed before any is fetched.</summary>
    public static void CheckMethod(ConfiguredFeed feed)
    {
        if (!Methods.Contains(feed.Method))
            throw new UserError($"feed '{feed.Name}': src-{feed.Method} is {(Unsupported.Contains(feed.Method) ? "not supported by Kiln" : "no feed method")} " +
                $"(Kiln fetches {string.Join(", ", Methods.Select(m => "src-" + m))})");
    }

    /// <summary>Fetches or updates feeds/NAME; what git prints goes to <paramref name="log"/>.</summary>
    public static void Update(string topDirectory, ConfiguredFeed feed, TextWriter log)
    {
        CheckMethod(feed);
        var relocated = RecordLocation(topDirectory, feed);
        if (relocated) log.WriteLine($"Source of feed {feed.Name} has changed, replacing copy");
        var sources = feed.Uris.Count == 0 ? [""] : feed.Uris;
        UserError? failure = null;
        // Each source in turn until one works: the later ones are mirrors of the first.
        foreach (var source in sources)
        {
            log.WriteLine($"Updating feed '{feed.Name}' from '{source}' ...");
            try
            {
                Fetch(topDirectory, feed, source, relocated, log);
                return;
            }
            catch (UserError e)
            {
                failure = e;
            }
        }
        throw new UserError($"feed '{feed.Name}' could not be fetched: {failure!.Reason}");
    }

    /// <summary>The revision scripts/feeds lists: the git commit checked out, "local" for a copy without one, "X" when there is none.</summary>
    public static string Revision(string topDirectory, ConfiguredFeed feed)
    {
        var checkout = Path.Combine(topDirectory, "feeds", feed.Name);
        if (!Directory.Exists(checkout) || !WithRevision.Contains(feed.Method)) return "X";
        if (IsGit(feed.Method) && Directory.Exists(Path.Combine(checkout, ".git")))
            return Git.Run(["rev-parse", "HEAD"], workingDirectory: checkout).EnsureSucceeded().Output.Trim();
        return "local";
    }

    private static bool IsGit(string method) => method is "git" or "git-full" or "gitsvn";

    /// <summary>Writes feeds/NAME.tmp/location; true when it named other sources before.</summary>
    private static bool RecordLocation(string topDirectory, ConfiguredFeed feed)
    {
        var file = Path.Combine(topDirectory, "feeds", feed.Name + ".tmp", "location");
        var location = string.Join(' ', feed.Uris);
        var old = File.Exists(file) ? File.ReadLines(file).FirstOrDefault() : null;
        if (old == location) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, location + "\n");
        return !string.IsNullOrEmpty(old);
    }

    private static void Fetch(string topDirectory, ConfiguredFeed feed, string source, bool relocated, TextWriter log)
    {
        var checkout = Path.Combine(topDirectory, "feeds", feed.Name);
        var git = IsGit(feed.Method);
        var (url, branch) = Split(source, ';');
        var (commitUrl, commit) = Split(source, '^');
        if (git && !relocated && Directory.Exists(Path.Combine(checkout, ".git")))
        {
            // A feed pinned to a commit stays at it.
            if (commit is null) RunGit(log, checkout, "pull", "--ff-only");
        }
        else
        {
            Remove(checkout);
            Directory.CreateDirectory(Path.GetDirectoryName(checkout)!);
            switch (feed.Method)
            {
                case "link":
                    // A relative path is the tree's, as for src-cpy (ln -s would make it relative to feeds/).
                    File.CreateSymbolicLink(checkout, ExistingDirectory(topDirectory, feed, source));
                    break;
                case "cpy":
                    new HostProgram("cp", "coreutils").Run(["-R", ExistingDirectory(topDirectory, feed, source), checkout]).EnsureSucceeded();
                    break;
                case "dummy":
                    Directory.CreateDirectory(checkout);
                    break;
                default:
                    Clone(log, topDirectory, checkout, shallow: feed.Method == "git", url, branch, commitUrl, commit);
                    break;
            }
        }
        if (git) RunGit(log, checkout, ["submodule", "update", "--init", "--recursive", .. feed.Method == "git" ? ["--depth", "1"] : Array.Empty<string>()]);
    }

    private static void Clone(TextWriter log, string topDirectory, string checkout, bool shallow, string url, string? branch, string commitUrl,
        string? commit)
    {
        string[] depth = shallow ? ["--depth", "1"] : [];
        if (branch is not null)
        {
            RunGit(log, topDirectory, ["clone", .. depth, "--branch", branch, url, checkout]);
        }
        else if (commit is not null)
        {
            RunGit(log, topDirectory, ["clone", .. depth, commitUrl, checkout]);
            if (shallow)
            {
                RunGit(log, checkout, "fetch", "--depth=1", "origin", commit);
                RunGit(log, checkout, "-c", "advice.detachedHead=false", "checkout", commit);
            }
            else
            {
                RunGit(log, checkout, "checkout", "-b", commit, commit);
            }
        }
        else
        {
            RunGit(log, topDirectory, ["clone", .. depth, url, checkout]);
        }
    }

    private static (string Before, string? After) Split(string source, char separator) =>
        source.IndexOf(separator) is var at and >= 0 ? (source[..at], source[(at + 1)..]) : (source, null);

    private static string ExistingDirectory(string topDirectory, ConfiguredFeed feed, string source)
    {
        var path = Path.GetFullPath(source, Path.GetFullPath(topDirectory));
        return Directory.Exists(path) ? path : throw new UserError($"feed '{feed.Name}': {source}: no such directory (src-{feed.Method})");
    }

    /// <summary>Removes feeds/NAME: a link itself, not what it leads to.</summary>
    private static void Remove(string checkout)
    {
        var entry = new FileInfo(checkout);
        if (entry.LinkTarget is not null || File.Exists(checkout)) File.Delete(checkout);
        else if (Directory.Exists(checkout)) Directory.Delete(checkout, recursive: true);
    }

    private static void RunGit(TextWriter log, string directory, params string[] arguments)
    {
        // As scripts/feeds runs it: the feed's files as committed, whatever the user's git configuration says of line ends.
        var result = Git.Run(arguments, new Dictionary<string, string?> { ["GIT_CONFIG_PARAMETERS"] = "'core.autocrlf=false'" }, directory);
        if (result.Output.Length > 0) log.Write(result.Output.EndsWith('\n') ? result.Output : result.Output + "\n");
        result.EnsureSucceeded();
    }
}
