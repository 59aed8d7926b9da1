using System.Collections.Concurrent;
using Kiln.Core.Files;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.OpenWrt.Api;

/// <summary>
/// A target's kernel configuration: the generic, board and subtarget config files merged as
/// OpenWrt's scripts/kconfig.pl merges them ("+ + a b c": a later file's value, "is not set"
/// included, replaces an earlier one). OpenWrt writes the merge to tmp/.kconfig-TARGET and
/// includes it; Kiln's target.mk calls <c>$(kiln-kconfig FILES)</c>, which defines the same
/// variables directly. Each file is read and hashed, and each list merged, once per API instance (one scan or build);
/// a list is merged from the merge of all its files but the last, which the lists of a board's subtargets share.
/// </summary>
public sealed class KernelConfig
{
    private const string NotSet = "#undef";
    private readonly ConcurrentDictionary<string, Lazy<KeyValuePair<string, string>[]>> _merged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<KeyValuePair<string, string>[]>> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]?> _hashes = new(StringComparer.Ordinal);

    /// <summary>The options that end up set (in name order), from files given as byte text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Merge(IReadOnlyList<string> files) => files.Count == 0 ? [] :
        _merged.GetOrAdd(string.Join('\n', files), _ => new Lazy<KeyValuePair<string, string>[]>(() => Apply(Merge(files.Take(files.Count - 1).ToList()),
            Read(files[^1])))).Value;

    /// <summary>Defines the merged options as an included file of CONFIG_X=value lines would.</summary>
    internal void Define(Evaluator ev, IReadOnlyList<string> files)
    {
        if (ev.Options.Inputs is { } inputs)
        {
            foreach (var file in files)
                if (Hash(file) is { } hash) inputs.FileRead(ByteText.ToOs(file), hash);
        }
        var options = Merge(files);
        ev.Variables.Global.MakeRoomFor(options.Count);
        foreach (var (name, value) in options)
            ev.Variables.Define(name, value, Origin.File, recursive: true, ev.ReadingLocation);
    }

    /// <summary>
    /// Options set (in name order) with one file's applied: its values replace those set, its "is not set" removes them.
    /// Both lists are in name order: one pass merges them.
    /// </summary>
    private static KeyValuePair<string, string>[] Apply(IReadOnlyList<KeyValuePair<string, string>> set, KeyValuePair<string, string>[] file)
    {
        var merged = new List<KeyValuePair<string, string>>(set.Count + file.Length);
        int i = 0, j = 0;
        while (i < set.Count || j < file.Length)
        {
            var order = i == set.Count ? 1 : j == file.Length ? -1 : string.CompareOrdinal(set[i].Key, file[j].Key);
            if (order < 0)
            {
                merged.Add(set[i++]);
                continue;
            }
            if (file[j].Value != NotSet) merged.Add(file[j]);
            if (order == 0) i++;
            j++;
        }
        return [.. merged];
    }

    /// <summary>The SHA-256 of a file there is, hashed once per run (every subtarget reads the generic files).</summary>
    private byte[]? Hash(string file) => _hashes.GetOrAdd(file, static f => FileHash.DigestIfReadable(ByteText.ToOs(f)));

    /// <summary>
    /// One config file's options in name order, the last of each name winning, "is not set" ones as <see cref="NotSet"/>;
    /// read once per run.
    /// </summary>
    private KeyValuePair<string, string>[] Read(string file) =>
        _files.GetOrAdd(file, _ => new Lazy<KeyValuePair<string, string>[]>(() =>
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in ByteText.Encoding.GetString(File.ReadAllBytes(ByteText.ToOs(file))).Split('\n'))
            {
                if (line.StartsWith("CONFIG_", StringComparison.Ordinal))
                {
                    var equals = line.IndexOf('=');
                    if (equals > "CONFIG_".Length && equals < line.Length - 1) options[line[..equals]] = line[(equals + 1)..].TrimEnd('\r');
                }
                else if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.IndexOf(" is not set",
                    StringComparison.Ordinal) is var end and > 9)
                {
                    options[line[2..end]] = NotSet;
                }
            }
            var sorted = options.ToArray();
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return sorted;
        })).Value;
}
