using System.Text;
using System.Text.Json;

namespace Kiln.Build.Cache;

/// <summary>
/// What one cached step produced: its outputs (files are blobs named by their SHA-256) and
/// free-form metadata. Encoded as canonical JSON — outputs sorted by path, metadata by name, fixed
/// member order, no whitespace — so that the same outputs always make the same bytes on every
/// machine; parsing refuses anything that is not exactly such a record, since a record read from a
/// shared server is untrusted input.
/// </summary>
public sealed class ActionRecord
{
    private const int FormatVersion = 1;

    public IReadOnlyList<ActionOutput> Outputs { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <exception cref="ArgumentException">an output is malformed or two outputs share a path.</exception>
    public ActionRecord(IEnumerable<ActionOutput> outputs, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var sorted = outputs.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Problem() is { } problem) throw new ArgumentException(problem, nameof(outputs));
            if (i > 0 && sorted[i - 1].Path == sorted[i].Path) throw new ArgumentException($"output path '{sorted[i].Path}' appears twice", nameof(outputs));
        }
        Outputs = sorted;
        Metadata = new SortedDictionary<string, string>(metadata?.ToDictionary() ?? [], StringComparer.Ordinal);
    }

    /// <summary>The blobs this record's files are stored as, each once, sorted.</summary>
    public IReadOnlyList<string> Blobs() =>
        Outputs.Where(o => o.Kind == OutputKind.File).Select(o => o.Sha256!).Distinct().Order(StringComparer.Ordinal).ToList();

    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartArray("outputs");
            foreach (var output in Outputs)
            {
                json.WriteStartObject();
                json.WriteString("path", output.Path);
                json.WriteString("kind", KindName(output.Kind));
                json.WriteString("mode", Convert.ToString((int)output.Mode, 8).PadLeft(4, '0'));
                if (output.Kind == OutputKind.File)
                {
                    json.WriteNumber("size", output.Size);
                    json.WriteString("sha256", output.Sha256);
                }
                if (output.Kind == OutputKind.Symlink) json.WriteString("target", output.LinkTarget);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("metadata");
            foreach (var (name, value) in Metadata) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The record these bytes encode, or null with the reason they are not one.</summary>
    public static ActionRecord? TryParse(ReadOnlySpan<byte> bytes, out string? problem)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read()) throw new FormatException("content follows the record");
            var record = Read(document.RootElement);
            problem = null;
            return record;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            problem = $"malformed action record: {e.Message}";
            return null;
        }
    }

    private static ActionRecord Read(JsonElement root)
    {
        RequireMembers(root, "record", ["version", "outputs", "metadata"]);
        if (root.GetProperty("version").GetInt32() != FormatVersion)
            throw new FormatException($"version {root.GetProperty("version")} is not {FormatVersion}");
        var outputs = new List<ActionOutput>();
        foreach (var item in Array(root.GetProperty("outputs"), "outputs"))
        {
            var kind = ParseKind(Text(item, "kind"));
            var required = kind switch
            {
                OutputKind.File => new[] { "path", "kind", "mode", "size", "sha256" },
                OutputKind.Symlink => ["path", "kind", "mode", "target"],
                _ => ["path", "kind", "mode"],
            };
            RequireMembers(item, "output", required);
            var modeText = Text(item, "mode");
            if (modeText.Length != 4) throw new FormatException($"mode '{modeText}' is not four octal digits");
            var mode = (UnixFileMode)Convert.ToInt32(modeText, 8);
            outputs.Add(new ActionOutput(Text(item, "path"), kind, mode,
                kind == OutputKind.File ? item.GetProperty("size").GetInt64() : 0,
                kind == OutputKind.File ? Text(item, "sha256") : null,
                kind == OutputKind.Symlink ? Text(item, "target") : null));
        }
        var metadataElement = root.GetProperty("metadata");
        if (metadataElement.ValueKind != JsonValueKind.Object) throw new FormatException("metadata is not an object");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in metadataElement.EnumerateObject())
            if (!metadata.TryAdd(member.Name, member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : throw new FormatException($"metadata '{member.Name}' is not a string")))
                throw new FormatException($"metadata '{member.Name}' appears twice");
        return new ActionRecord(outputs, metadata);
    }

    private static void RequireMembers(JsonElement element, string what, string[] required)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new FormatException($"{what} is not an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!seen.Add(member.Name)) throw new FormatException($"{what} member '{member.Name}' appears twice");
            if (System.Array.IndexOf(required, member.Name) < 0)
                throw new FormatException($"{what} has an unknown member '{member.Name}'");
        }
        foreach (var name in required)
            if (!seen.Contains(name)) throw new FormatException($"{what} has no '{name}'");
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new FormatException($"{what} is not an array");

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"'{name}' is not a string");

    private static string KindName(OutputKind kind) => kind switch
    {
        OutputKind.File => "file",
        OutputKind.Directory => "directory",
        _ => "symlink",
    };

    private static OutputKind ParseKind(string name) => name switch
    {
        "file" => OutputKind.File,
        "directory" => OutputKind.Directory,
        "symlink" => OutputKind.Symlink,
        _ => throw new FormatException($"unknown output kind '{name}'"),
    };

    public override string ToString() => Encoding.UTF8.GetString(Encode());
}
