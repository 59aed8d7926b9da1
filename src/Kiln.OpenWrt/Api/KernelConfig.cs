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
/// variables directly. Each file is read and hashed, and each list merged, once per API instance (one scan or build).
/// </summary>
public sealed class KernelConfig
{
    private const string NotSet = "#undef";
    private readonly ConcurrentDictionary<string, Lazy<KeyValuePair<string, string>[]>> _merged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<KeyValuePair<string, string>[]>> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]?> _hashes = new(StringComparer.Ordinal);

    /// <summary>The options that end up set (in name order), from files given as byte text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Merge(IReadOnlyList<string> files) =>
        _merged.GetOrAdd(string.Join('\n', files), _ => new Lazy<KeyValuePair<string, string>[]>(() => Compute(files))).Value;

    /// <summary>Defines the merged options as an included file of CONFIG_X=value lines would.</summary>
    internal void Define(Evaluator ev, IReadOnlyList<string> files)
    {
        if (ev.Options.Inputs is { } inputs)
        {
            foreach (var file in files)
                if (Hash(file) is { } hash) inputs.FileRead(ByteText.ToOs(file), hash);
        }
        foreach (var (name, value) in Merge(files))
            ev.Variables.Define(name, value, Origin.File, recursive: true, ev.ReadingLocation);
    }

    private KeyValuePair<string, string>[] Compute(IReadOnlyList<string> files)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var (name, value) in Read(file))
                options[name] = value;
        return options.Where(o => o.Value != NotSet).OrderBy(o => o.Key, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The SHA-256 of a file there is, hashed once per run (every subtarget reads the generic files).</summary>
    private byte[]? Hash(string file) => _hashes.GetOrAdd(file, static f => FileHash.DigestIfReadable(ByteText.ToOs(f)));

    /// <summary>One config file's options in file order, "is not set" ones as <see cref="NotSet"/>; read once per run.</summary>
    private KeyValuePair<string, string>[] Read(string file) =>
        _files.GetOrAdd(file, _ => new Lazy<KeyValuePair<string, string>[]>(() =>
        {
            var options = new List<KeyValuePair<string, string>>();
            foreach (var line in ByteText.Encoding.GetString(File.ReadAllBytes(ByteText.ToOs(file))).Split('\n'))
            {
                if (line.StartsWith("CONFIG_", StringComparison.Ordinal))
                {
                    var equals = line.IndexOf('=');
                    if (equals > "CONFIG_".Length && equals < line.Length - 1) options.Add(KeyValuePair.Create(line[..equals],
                        line[(equals + 1)..].TrimEnd('\r')));
                }
                else if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.IndexOf(" is not set",
                    StringComparison.Ordinal) is var end and > 9)
                {
                    options.Add(KeyValuePair.Create(line[2..end], NotSet));
                }
            }
            return options.ToArray();
        })).Value;
}
