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
public sealed class StepInputs
{
    private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Entries => _entries;

    public StepInputs Add(string name, string value)
    {
        _entries[name] = value.Replace('\n', ' ');
        return this;
    }

    /// <summary>A text input, by its hash (recipes are long).</summary>
    public StepInputs AddText(string name, string text) => Add(name, Hash(text));

    /// <summary>
    /// Every file below a directory (or the file itself), by content and modification time (a
    /// touched file counts as changed, as OpenWrt's find_md5 has it), named relative to <paramref name="root"/>.
    /// </summary>
    public StepInputs AddTree(string path, string root)
    {
        if (File.Exists(path))
        {
            Add("file " + Path.GetRelativePath(root, path), FileHash.Sha256(path) + " " + File.GetLastWriteTimeUtc(path).Ticks);
            return this;
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
            else if (File.Exists(entry)) Add(name, FileHash.Sha256(entry) + " " + info.LastWriteTimeUtc.Ticks);
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
    public string Digest()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _entries) text.Append(name).Append('\t').Append(value).Append('\n');
        return Hash(text.ToString());
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
