using Kiln.Core.Files;

namespace Kiln.Build.Cache;

/// <summary>
/// A step's outputs as a cache record, and the file each blob is read from when it is uploaded.
/// Hashed when the step finishes (a later step may rewrite a file: the upload then finds its
/// content no longer matches and skips it, rather than store it under the wrong hash).
/// </summary>
public sealed record CapturedOutputs(ActionRecord Record, IReadOnlyDictionary<string, string> BlobSources)
{
    /// <summary>
    /// Files, links and directories named relative to <paramref name="root"/>; a path that is not there is not an output.
    /// </summary>
    /// <param name="withContents">Whether a directory brings everything below it (an install directory), or only itself (a
    /// directory of staging_dir that a list names, which other packages' files share).</param>
    public static CapturedOutputs Of(string root, IEnumerable<string> paths, bool withContents, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the build cache records Unix file modes");
        var outputs = new Dictionary<string, ActionOutput>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (!Add(root, path, outputs, sources)) continue;
            if (withContents && Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
                foreach (var entry in DirectoryWalk.Entries(path)) Add(root, entry, outputs, sources);
        }
        return new CapturedOutputs(new ActionRecord(outputs.Values, metadata), sources);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool Add(string root, string path, Dictionary<string, ActionOutput> outputs, Dictionary<string, string> sources)
    {
        var relative = Path.GetRelativePath(root, path);
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            throw new InvalidOperationException($"output {path} is outside {root}");
        if (outputs.ContainsKey(relative)) return true;
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
            outputs[relative] = ActionOutput.Symlink(relative, target);
        else if (Directory.Exists(path))
            outputs[relative] = ActionOutput.Directory(relative, File.GetUnixFileMode(path));
        else if (info.Exists)
        {
            var sha256 = FileHash.Sha256(path);
            outputs[relative] = ActionOutput.File(relative, File.GetUnixFileMode(path), info.Length, sha256);
            sources.TryAdd(sha256, path);
        }
        else return false;
        return true;
    }
}
