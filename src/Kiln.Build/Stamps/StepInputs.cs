using System.Security.Cryptography;
using System.Text;
using System.IO.Enumeration;
using Kiln.Build.HostTools;
using Kiln.Core.Files;

namespace Kiln.Build.Stamps;

/// <summary>
/// What a step's result depends on, as named entries (a file and its hash, a config symbol and
/// its value, the recipe's hash, the previous step's stamp). Two runs with equal inputs would do
/// the same, so the step is skipped; the entries that differ say why it runs (--explain).
/// </summary>
/// <remarks>
/// Beside each entry it keeps its portable value, what a shared build cache keys the step's
/// outputs with (<see cref="PortableDigest"/>): the tree's own path (<paramref name="treeDirectory"/>)
/// in a value or a recipe replaced by <see cref="TreeToken"/>, and files by content alone (a
/// checkout's modification times differ from machine to machine).
/// </remarks>
public sealed class StepInputs(string? treeDirectory = null)
{
    /// <summary>What stands for the tree's path in portable values.</summary>
    public const string TreeToken = "${TOPDIR}";

    private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _portable = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Entries => _entries;

    public StepInputs Add(string name, string value) => Add(name, value, Portable(value));

    private StepInputs Add(string name, string value, string portable)
    {
        _entries[name] = value.Replace('\n', ' ');
        _portable[name] = portable.Replace('\n', ' ');
        return this;
    }

    /// <summary>A text input, by its hash (recipes are long).</summary>
    public StepInputs AddText(string name, string text) => Add(name, Hash(text), Hash(Portable(text)));

    /// <summary>The step this one builds on: its stamp digest, and its portable digest for the cache key.</summary>
    public StepInputs AddAfter(StepInputs previous) => Add("after", previous.Digest(), previous.PortableDigest());

    /// <summary>
    /// Every file below a directory (or the file itself), by content and modification time (a
    /// touched file counts as changed, as OpenWrt's find_md5 has it), named relative to <paramref name="root"/>.
    /// </summary>
    public StepInputs AddTree(string path, string root)
    {
        if (File.Exists(path))
        {
            var hash = FileHash.Sha256(path);
            return Add("file " + Path.GetRelativePath(root, path), hash + " " + File.GetLastWriteTimeUtc(path).Ticks, hash);
        }
        if (!Directory.Exists(path)) return Add("missing " + Path.GetRelativePath(root, path), "");
        var entries = new FileSystemEnumerable<string>(path, (ref FileSystemEntry e) => e.ToFullPath(),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            // A link counts by its target's name, and a linked directory is not walked (find_md5's
            // find does not follow links either): git-src, a link to a repository, is no tree of files.
            ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var entry in entries)
        {
            var info = new FileInfo(entry);
            var name = "file " + Path.GetRelativePath(root, entry);
            if (info.LinkTarget is { } target) Add(name, "-> " + target);
            else if (File.Exists(entry))
            {
                var hash = FileHash.Sha256(entry);
                Add(name, hash + " " + info.LastWriteTimeUtc.Ticks, hash);
            }
        }
        return this;
    }

    /// <summary>
    /// A git repository's index, which <c>git checkout .</c> writes out (each entry's mode, object
    /// and path; not the index file, which git rewrites whenever it looks at the files), by its hash.
    /// </summary>
    public StepInputs AddGitIndex(string name, string gitDirectory)
    {
        var (status, output) = HostCommand.Run("git", ["--git-dir=" + gitDirectory, "ls-files", "--stage"], Path.GetTempPath());
        return AddText(name, $"{status}\n{output}");
    }

    /// <summary>One hash over all entries: what the next step records of this one.</summary>
    public string Digest() => HashOf(_entries);

    /// <summary>One hash over the portable values: the same for the same step in any tree, on any machine.</summary>
    public string PortableDigest() => HashOf(_portable);

    private static string HashOf(SortedDictionary<string, string> entries)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in entries) text.Append(name).Append('\t').Append(value).Append('\n');
        return Hash(text.ToString());
    }

    private string Portable(string text) =>
        treeDirectory is { Length: > 0 } tree ? text.Replace(tree, TreeToken, StringComparison.Ordinal) : text;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
