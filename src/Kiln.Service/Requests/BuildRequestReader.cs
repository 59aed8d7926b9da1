using System.Text.Json;

namespace Kiln.Service.Requests;

/// <summary>
/// A build request's JSON read as ASU's pydantic model reads it: unknown fields ignored, defaults filled in, a missing
/// required field, a wrong type or a value outside its pattern refused (422) with a message naming the field. Package
/// names are held to OpenWrt's own shape, so that no name can be a path or an option.
/// </summary>
public static class BuildRequestReader
{
    public static readonly string[] Filesystems = ["squashfs", "ext4", "ubifs", "erofs", "jffs2", "jffs2-nand", "targz", "cpiogz"];

    /// <summary>The request, or the problem with it.</summary>
    public static (BuildRequest? Request, ApiProblem? Problem) Read(ReadOnlySpan<byte> body, ServiceLimits limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, ApiProblem.Invalid(body.IsEmpty ? "body: field required (a JSON object)" : $"body: not JSON ({FirstSentence(e.Message)})"));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, ApiProblem.Invalid("body: must be a JSON object"));
            var fields = new Fields(document.RootElement);
            try
            {
                return (Read(fields, limits), null);
            }
            catch (FieldException e)
            {
                return (null, ApiProblem.Invalid(e.Message));
            }
        }
    }

    private static BuildRequest Read(Fields fields, ServiceLimits limits)
    {
        var packages = fields.StringList("packages", limits.MaxPackages, (name, where) => PackageName(name, where, limits)).Select(p => p.TrimStart('+')).ToList();
        var versions = fields.StringMap("packages_versions", limits.MaxPackages,
            (name, where) => PackageName(name, where, limits), (value, where) => Pattern(value, where, IsVersionChar));
        var defaults = fields.OptionalString("defaults");
        if (defaults is not null && defaults.Length > limits.MaxDefaultsLength)
            throw new FieldException($"defaults: {defaults.Length} characters, at most {limits.MaxDefaultsLength} are accepted");
        var size = fields.OptionalInteger("rootfs_size_mb");
        if (size is < 1) throw new FieldException($"rootfs_size_mb: {size} is less than 1");
        if (size > limits.MaxRootfsSizeMb) throw new FieldException($"rootfs_size_mb: {size} is more than {limits.MaxRootfsSizeMb}");
        var filesystem = fields.OptionalString("filesystem");
        if (filesystem is not null && !Filesystems.Contains(filesystem))
            throw new FieldException($"filesystem: '{filesystem}' is none of {string.Join(", ", Filesystems)}");
        var mode = fields.OptionalString("repositories_mode") ?? "replace";
        if (mode is not ("append" or "replace")) throw new FieldException($"repositories_mode: '{mode}' is neither append nor replace");
        return new BuildRequest(
            Distro: Pattern(fields.OptionalString("distro") ?? "openwrt", "distro", IsWordChar),
            Version: Pattern(fields.RequiredString("version"), "version", IsWordChar),
            VersionCode: Pattern(fields.OptionalString("version_code") ?? "", "version_code", IsWordChar),
            Target: Target(fields.RequiredString("target")),
            // ASU sanitises the profile before anything else (older LuCI clients send "vendor,model").
            Profile: Pattern(fields.RequiredString("profile"), "profile", IsWordChar).Replace(',', '_'),
            Packages: packages,
            PackagesVersions: versions,
            DiffPackages: fields.Boolean("diff_packages"),
            Defaults: defaults,
            RootfsSizeMb: size,
            Filesystem: filesystem,
            Repositories: fields.StringMap("repositories", 64, (name, where) => Pattern(name, where, c => IsWordChar(c) && c != ','),
                (url, where) => (url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal))
                    && !url.Any(char.IsWhiteSpace) ? url : throw new FieldException($"{where}: '{url}' is not an http(s) URL")),
            RepositoriesMode: mode,
            RepositoryKeys: fields.StringList("repository_keys", 64, (key, _) => key),
            Client: fields.OptionalString("client"));
    }

    /// <summary>OpenWrt's package names: <c>[a-z0-9][a-z0-9.+_-]*</c>, with Image Builder's "-" to remove one and ASU's "+" to add one.</summary>
    private static string PackageName(string word, string where, ServiceLimits limits)
    {
        var name = word.StartsWith('-') || word.StartsWith('+') ? word[1..] : word;
        var valid = name.Length > 0 && name.Length <= limits.MaxNameLength && IsNameStart(name[0]);
        for (var i = 1; valid && i < name.Length; i++) valid = IsNameStart(name[i]) || name[i] is '.' or '+' or '_' or '-';
        return valid ? word
            : throw new FieldException($"{where}: '{Shown(word)}' is not a package name (one is [a-z0-9][a-z0-9.+_-]*, at most {limits.MaxNameLength} " +
                "characters; a leading '-' leaves a default package out)");
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    /// <summary>ASU's BOARD/SUBTARGET pattern (word characters, one slash).</summary>
    private static string Target(string target)
    {
        var slash = target.IndexOf('/');
        return slash >= 0 && target.IndexOf('/', slash + 1) < 0 && target.Replace("/", "").All(IsWord) ? target
            : throw new FieldException($"target: '{Shown(target)}' is not BOARD/SUBTARGET");
    }

    /// <summary>ASU's STRING_PATTERN <c>^[\w.,-]*$</c> (ASCII word characters here).</summary>
    private static bool IsWordChar(char c) => IsWord(c) || c is '.' or ',' or '-';

    /// <summary>ASU's PKG_VERSION_PATTERN <c>^[\w+.,~-]*$</c>.</summary>
    private static bool IsVersionChar(char c) => IsWordChar(c) || c is '+' or '~';

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string Pattern(string value, string where, Func<char, bool> allowed) =>
        value.All(allowed) ? value : throw new FieldException($"{where}: '{Shown(value)}' has a character that is not allowed there");

    /// <summary>A refused value as the message shows it: control characters escaped, long values cut.</summary>
    private static string Shown(string value)
    {
        var text = JsonEncodedText.Encode(value.Length > 80 ? value[..80] + "..." : value).ToString();
        return text;
    }

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');

    /// <summary>A field that is not what the model says (the message names it).</summary>
    private sealed class FieldException(string message) : Exception(message);

    /// <summary>The request object's fields, read by type.</summary>
    private sealed class Fields(JsonElement root)
    {
        private JsonElement? Get(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        public string RequiredString(string name) =>
            root.TryGetProperty(name, out _) ? OptionalString(name) ?? throw new FieldException($"{name}: must be a string, not null")
                : throw new FieldException($"{name}: field required");

        public string? OptionalString(string name) => Get(name) is not { } value ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()!
            : throw new FieldException($"{name}: must be a string, not {Kind(value)}");

        public int? OptionalInteger(string name) => Get(name) is not { } value ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
            : throw new FieldException($"{name}: must be an integer, not {Kind(value)}");

        public bool Boolean(string name) => Get(name) is not { } value ? false
            : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
            : throw new FieldException($"{name}: must be true or false, not {Kind(value)}");

        public List<string> StringList(string name, int most, Func<string, string, string> check)
        {
            var list = new List<string>();
            if (Get(name) is not { } value) return list;
            if (value.ValueKind != JsonValueKind.Array) throw new FieldException($"{name}: must be a list, not {Kind(value)}");
            if (value.GetArrayLength() > most) throw new FieldException($"{name}: {value.GetArrayLength()} entries, at most {most} are accepted");
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var where = $"{name}[{index++}]";
                if (item.ValueKind != JsonValueKind.String) throw new FieldException($"{where}: must be a string, not {Kind(item)}");
                list.Add(check(item.GetString()!, where));
            }
            return list;
        }

        public Dictionary<string, string> StringMap(string name, int most, Func<string, string, string> checkKey, Func<string, string, string> checkValue)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Get(name) is not { } value) return map;
            if (value.ValueKind != JsonValueKind.Object) throw new FieldException($"{name}: must be an object, not {Kind(value)}");
            foreach (var property in value.EnumerateObject())
            {
                if (map.Count >= most) throw new FieldException($"{name}: more than {most} entries");
                var where = $"{name}.{Shown(property.Name)}";
                if (property.Value.ValueKind != JsonValueKind.String) throw new FieldException($"{where}: must be a string, not {Kind(property.Value)}");
                map[checkKey(property.Name, name)] = checkValue(property.Value.GetString()!, where);
            }
            return map;
        }

        private static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Array => "a list",
            JsonValueKind.Object => "an object",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
