using System.Collections.Concurrent;
using Kiln.Core.Files;
using Kiln.Make.Functions;
using Kiln.Make.Syntax;
using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Makefiles parsed once per run and shared by every evaluation (and thread) that includes them.
/// A file is keyed by its device and inode (and the name its messages use), so it is read once
/// however many paths lead to it.
/// </summary>
public sealed class SourceCache
{
    private readonly ConcurrentDictionary<(ulong Device, ulong Inode, string DisplayName), Lazy<SourceText?>> _files = new();
    private readonly ConcurrentDictionary<(string Path, string DisplayName), Lazy<SourceText?>> _builtins = new();

    /// <summary>The parsed file at <paramref name="osPath"/> (of <paramref name="status"/>) reported as <paramref name="displayName"/>, or null if it
    /// cannot be read.</summary>
    internal SourceText? Get(string osPath, PathStatus status, string displayName, out Exception? error)
    {
        // Keyed by the file itself: feed helpers are included as "../x.mk" from hundreds of directories.
        var key = (status.Device, status.Inode, displayName);
        Exception? failure = null;
        var lazy = _files.GetOrAdd(key, _ => new Lazy<SourceText?>(() => Read(osPath, displayName, out failure)));
        var text = lazy.Value;
        error = text is null ? failure ?? new FileNotFoundException(osPath) : null;
        if (text is null) _files.TryRemove(key, out _);
        return text;
    }

    /// <summary>
    /// The file read and parsed without keeping it: a makefile that only one evaluation reads (a
    /// package's own Makefile in a scan) would otherwise stay in memory for the whole run.
    /// </summary>
    public static SourceText? Read(string osPath, string displayName, out Exception? error)
    {
        try
        {
            error = null;
            return Parse(displayName, File.ReadAllBytes(osPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e;
            return null;
        }
    }

    /// <summary>A makefile's bytes parsed, with their hash (an input of the evaluation that reads them).</summary>
    public static SourceText Parse(string displayName, byte[] bytes) =>
        SourceText.FromFile(displayName, ByteText.Encoding.GetString(bytes), System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>Text that does not live on disk (a built-in makefile), parsed once under its path and name.</summary>
    public SourceText GetBuiltin(string osPath, string displayName, string content) =>
        _builtins.GetOrAdd((osPath, displayName), _ => new Lazy<SourceText?>(() => SourceText.FromFile(displayName, content))).Value!;
}
