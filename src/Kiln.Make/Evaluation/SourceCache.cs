using System.Collections.Concurrent;
using Kiln.Make.Syntax;
using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>
/// Makefiles parsed once per run and shared by every evaluation (and thread) that includes them.
/// A file is keyed by its full path; its text is read once.
/// </summary>
public sealed class SourceCache
{
    private readonly ConcurrentDictionary<string, Lazy<SourceText?>> _files = new(StringComparer.Ordinal);

    /// <summary>The parsed file at <paramref name="osPath"/> reported as <paramref name="displayName"/>, or null if it cannot be read.</summary>
    public SourceText? Get(string osPath, string displayName, out Exception? error)
    {
        Exception? failure = null;
        var lazy = _files.GetOrAdd(osPath + "\0" + displayName, _ => new Lazy<SourceText?>(() =>
        {
            try
            {
                return SourceText.FromFile(displayName, ByteText.ReadFile(osPath));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = e;
                return null;
            }
        }));
        var text = lazy.Value;
        error = text is null ? failure ?? new FileNotFoundException(osPath) : null;
        if (text is null) _files.TryRemove(osPath + "\0" + displayName, out _);
        return text;
    }

    /// <summary>Text that does not live on disk (a built-in makefile), parsed once under its path and name.</summary>
    public SourceText GetBuiltin(string osPath, string displayName, string content) =>
        _files.GetOrAdd(osPath + "\0" + displayName, _ => new Lazy<SourceText?>(() => SourceText.FromFile(displayName, content))).Value!;
}
