using System.Text.Json.Nodes;
using Kiln.Core.Files;

namespace Kiln.Service.Jobs;

/// <summary>
/// Finished builds by request hash: <c>STORE/HASH/</c> holds the images, sha256sums, profiles.json, the manifest, and
/// the build's answer (<c>.result.json</c>), all put there under a temporary name and renamed when complete, so an
/// entry is whole or absent, across restarts too. A failure is kept for <see cref="FailureLifetime"/> (ASU's
/// failure_ttl) in <c>STORE/.failed/HASH.json</c>, so a repeated bad request is answered without building again.
/// </summary>
public sealed class ResultStore
{
    public const string ResultFile = ".result.json";

    private const string TemporaryPrefix = ".tmp-";

    public ResultStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Failures);
        System.IO.Directory.CreateDirectory(Directory);
        // What a killed service was writing is no entry: never half there.
        foreach (var leftover in System.IO.Directory.EnumerateDirectories(Directory, TemporaryPrefix + "*"))
            System.IO.Directory.Delete(leftover, recursive: true);
        System.IO.Directory.CreateDirectory(WorkDirectory);
    }

    public static readonly TimeSpan FailureLifetime = TimeSpan.FromHours(1);

    public string Directory { get; }

    private string Failures => Path.Combine(Directory, ".failed");

    /// <summary>A file name that cannot lead anywhere else: no "..", no slash, not hidden.</summary>
    public static bool IsPlainName(string name) =>
        name.Length > 0 && !name.StartsWith('.') && !name.Contains('/') && !name.Contains('\\') && !name.Contains('\0');

    /// <summary>Whether a name can be an entry (a request hash): nothing that could step out of the store.</summary>
    public static bool IsHash(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);

    /// <summary>The answer of a finished build, or null.</summary>
    public JsonObject? Done(string hash)
    {
        var path = Path.Combine(Directory, hash, ResultFile);
        return IsHash(hash) && File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : null;
    }

    /// <summary>The answer of a failed build still remembered, or null.</summary>
    public JsonObject? Failed(string hash)
    {
        var path = Path.Combine(Failures, hash + ".json");
        if (!IsHash(hash) || !File.Exists(path)) return null;
        if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) <= FailureLifetime) return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        File.Delete(path);
        return null;
    }

    /// <summary>A name (not yet made) for an entry being written, in the store, so that it can be renamed into place.</summary>
    public string NewTemporary(string hash) => Path.Combine(Directory, TemporaryPrefix + hash + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Where jobs make their work trees: inside the store (its file system, so results move by a rename), removed at the start.</summary>
    public string WorkDirectory => Path.Combine(Directory, TemporaryPrefix + "work");

    /// <summary>Completes an entry: the answer written into the temporary directory, which then takes the hash's name.</summary>
    public void Commit(string temporary, string hash, JsonObject result)
    {
        AtomicFile.Write(Path.Combine(temporary, ResultFile), result.ToJsonString());
        var entry = Path.Combine(Directory, hash);
        // Two services on one store may finish the same request: the first entry stays.
        if (System.IO.Directory.Exists(entry)) System.IO.Directory.Delete(temporary, recursive: true);
        else System.IO.Directory.Move(temporary, entry);
        File.Delete(Path.Combine(Failures, hash + ".json"));
    }

    public void RecordFailure(string hash, JsonObject result) => AtomicFile.Write(Path.Combine(Failures, hash + ".json"), result.ToJsonString());

    /// <summary>
    /// The path of a file of an entry, or null: only a regular file directly in the entry, by a plain name (no
    /// "..", no slash, no hidden file), and not a link, so nothing outside the store can be reached through it.
    /// </summary>
    public string? EntryFile(string hash, string name)
    {
        if (!IsHash(hash) || !IsPlainName(name)) return null;
        var entry = Path.Combine(Directory, hash);
        var path = Path.Combine(entry, name);
        return new DirectoryInfo(entry).LinkTarget is null && FileStatus.IsRegularFile(path) ? path : null;
    }
}
