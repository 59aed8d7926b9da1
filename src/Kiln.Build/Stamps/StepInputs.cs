using System.Security.Cryptography;
using System.Text;
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
        foreach (var entry in Directory.EnumerateFileSystemEntries(path, "*", new EnumerationOptions { RecurseSubdirectories = true,
            AttributesToSkip = 0 }))
        {
            var info = new FileInfo(entry);
            var name = "file " + Path.GetRelativePath(root, entry);
            if (info.LinkTarget is { } target) Add(name, "-> " + target);
            else if (File.Exists(entry)) Add(name, FileHash.Sha256(entry) + " " + info.LastWriteTimeUtc.Ticks);
        }
        return this;
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
