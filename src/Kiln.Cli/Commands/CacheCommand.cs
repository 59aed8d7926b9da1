using System.CommandLine;
using System.Globalization;
using Kiln.Build.Cache;
using Kiln.Build.Settings;
using Kiln.Core.Errors;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln cache stats|verify|gc [--cache URL|DIR]</c>: the build cache kiln.conf names (or --cache)
/// measured, checked (and repaired), collected. A server keeps its own books: only stats asks it
/// anything, whether it answers.
/// </summary>
public static class CacheCommand
{
    public static Command Create() =>
        new("cache", "Show, check or trim the build cache (kiln.conf's cache, or --cache).") { Stats(), Verify(), Collect() };

    private static Option<string> CacheOption() => new("--cache")
    {
        Description = "The cache to work on instead of kiln.conf's: a server's URL, or a directory (relative to the current directory).",
        HelpName = "URL|DIR",
    };

    private static Command Stats()
    {
        var cache = CacheOption();
        var command = new Command("stats", "Entries, bytes, size limit and last uses of a cache directory; whether a cache server answers.") { cache };
        command.SetAction(result =>
        {
            var settings = Settings(result, cache);
            if (settings.IsRemote)
            {
                Probe(settings.Location!);
                Console.WriteLine($"cache server {settings.Location}: answers; its occupancy is the server's to report (bazel-remote's /status, the disk under nginx's root)");
                return ExitCodes.Success;
            }
            if (Existing(settings.Location!, "no entries (the first build that stores creates it)") is not { } directory) return ExitCodes.Success;
            var occupancy = CacheOccupancy.Of(directory);
            Console.WriteLine($"cache directory {directory.Directory}");
            Console.WriteLine($"action records: {occupancy.ActionRecords}, {Bytes(occupancy.ActionRecordBytes)}");
            Console.WriteLine($"blobs: {occupancy.Blobs}, {Bytes(occupancy.BlobBytes)}");
            Console.WriteLine($"total: {occupancy.Entries} entries, {Bytes(occupancy.Bytes)}");
            Console.WriteLine(settings.SizeLimit is { } limit ? $"size limit (cache-size): {Bytes(limit)}" : "size limit: none (cache-size in kiln.conf sets one)");
            if (occupancy is { OldestAccessUtc: { } oldest, NewestAccessUtc: { } newest })
            {
                Console.WriteLine($"least recently used: {Time(oldest)}");
                Console.WriteLine($"most recently used: {Time(newest)}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify()
    {
        var cache = CacheOption();
        var repair = new Option<bool>("--repair") { Description = "Delete the bad entries (a blob that is not its hash, a malformed record, a record naming a blob the cache lacks); exit status 0 once all are gone." };
        var command = new Command("verify", "Re-hash every blob and check every action record of a cache directory; exit status 1 when one is bad.") { cache, repair };
        command.SetAction(result =>
        {
            var settings = Settings(result, cache);
            if (settings.IsRemote)
                throw new UserError($"kiln cache verify works on a cache directory, and {settings.Location} is a server (it verifies what it stores itself)");
            if (Existing(settings.Location!, "nothing to verify") is not { } directory) return ExitCodes.Success;
            var verification = CacheVerification.Run(directory, result.GetValue(repair));
            foreach (var problem in verification.Problems) Console.WriteLine(problem);
            var removed = verification.Problems.Count(p => p.Removed);
            Console.WriteLine($"{Count(verification.ActionRecords, "action record")} and {Count(verification.Blobs, "blob")} verified: " +
                $"{Count(verification.Problems.Count, "problem")}{(result.GetValue(repair) ? $", {removed} removed" : "")}");
            return verification.Failed ? ExitCodes.FindingsFailed : ExitCodes.Success;
        });
        return command;
    }

    private static Command Collect()
    {
        var cache = CacheOption();
        var size = new Option<string>("--size")
        {
            Description = "Collect down to this size (500M, 10G, bytes) instead of kiln.conf's cache-size.",
            HelpName = "SIZE",
        };
        var command = new Command("gc", "Delete the least recently used entries of a cache directory until it fits its size limit.") { cache, size };
        command.SetAction(result =>
        {
            var settings = Settings(result, cache);
            if (settings.IsRemote)
                throw new UserError($"{settings.Location} is a cache server, which evicts by its own settings (bazel-remote --max_size, a cron job sweeping nginx's root); kiln cache gc works on a cache directory");
            var limit = result.GetValue(size) is { } given
                ? CacheSettings.ParseSize(given) ?? throw new UserError($"--size is a size such as 500M or 10G, not '{given}'")
                : settings.SizeLimit ?? throw new UserError(result.GetValue(cache) is null
                    ? $"no size to collect to: set cache-size in {KilnSettings.FileName} or pass --size"
                    : "no size to collect to: pass --size (kiln.conf's cache-size is for the cache kiln.conf names)");
            if (Existing(settings.Location!, "nothing to collect") is not { } directory) return ExitCodes.Success;
            var collection = directory.Collect(limit);
            Console.WriteLine($"kept {Count(collection.EntriesKept, "entry", "entries")}, {Bytes(collection.BytesKept)}; " +
                $"removed {Count(collection.EntriesRemoved, "entry", "entries")}, freed {Bytes(collection.BytesFreed)} (size limit {Bytes(limit)})");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The cache --cache names (relative to the current directory), else the tree's, which must name one.</summary>
    private static CacheSettings Settings(ParseResult result, Option<string> cache)
    {
        if (result.GetValue(cache) is { } given)
            return CacheSettings.None with
            {
                Location = CacheSettings.ParseLocation(given, Environment.CurrentDirectory, out var problem) ?? throw new UserError($"--cache: {problem}"),
            };
        var tree = GlobalOptions.Tree(result);
        var settings = KilnSettings.Read(tree).Cache;
        return settings.Location is null
            ? throw new UserError($"no build cache: set cache = DIR or URL in {Path.Combine(tree, KilnSettings.FileName)}, or pass --cache")
            : settings;
    }

    /// <summary>The cache directory, or null once said that it does not exist: no command creates it but a build that stores.</summary>
    private static DirectoryBuildCache? Existing(string location, string nothing)
    {
        var directory = new DirectoryBuildCache(location);
        if (directory.Exists) return directory;
        Console.WriteLine($"cache directory {directory.Directory}: does not exist, {nothing}");
        return null;
    }

    /// <summary>A server that does not answer is the user's to fix (the URL, the network, the credentials in the environment).</summary>
    private static void Probe(string location)
    {
        using var server = new HttpBuildCache(new Uri(location), CacheCredentials.FromEnvironment(Environment.GetEnvironmentVariable));
        if (server.Probe() is { } miss) throw new UserError($"cache server {location} is not usable: {miss.Reason}");
    }

    private static string Bytes(long bytes) => bytes < 1024 ? Count(bytes, "byte") : $"{CacheSettings.FormatSize(bytes)} ({bytes} bytes)";

    private static string Count(long n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
