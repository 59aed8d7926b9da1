using System.Security.Cryptography;
using System.Text;

namespace Kiln.Service.Requests;

/// <summary>
/// ASU's request hash (get_request_hash): SHA-256 over the fields that decide the image, in ASU's order and with
/// Python's text for each (package names sorted without duplicates, <c>str()</c> of booleans, None, lists and dicts),
/// so the same request has the same hash here as on an ASU server, and package order does not matter.
/// </summary>
public static class RequestHash
{
    public static string Of(BuildRequest request)
    {
        var text = new StringBuilder()
            .Append(request.Distro)
            .Append(request.Version)
            .Append(request.VersionCode)
            .Append(request.Target)
            .Append(request.Profile)
            .Append(Sha256(string.Join(' ', request.RequestedPackages.Select(p => p.TrimStart('+')).Distinct().Order(StringComparer.Ordinal))))
            .Append(Sha256(SortedJson(request.PackagesVersions)))
            .Append(request.DiffPackages ? "True" : "False")
            .Append(request.Filesystem ?? "")
            .Append(Sha256(request.Defaults ?? ""))
            .Append(request.RootfsSizeMb is { } size ? size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None")
            .Append('[').Append(string.Join(", ", request.RepositoryKeys.Select(Repr))).Append(']')
            .Append('{').Append(string.Join(", ", request.Repositories.Select(r => Repr(r.Key) + ": " + Repr(r.Value)))).Append('}')
            .Append(request.RepositoriesMode);
        return Sha256(text.ToString());
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Python's <c>json.dumps(d, sort_keys=True)</c> of a dict of strings (ASCII escapes as ensure_ascii writes them).</summary>
    private static string SortedJson(IReadOnlyDictionary<string, string> map) =>
        "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonString(p.Key) + ": " + JsonString(p.Value))) + "}";

    private static string JsonString(string text)
    {
        var output = new StringBuilder("\"");
        foreach (var c in text)
            output.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when c < 0x20 || c > 0x7e => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return output.Append('"').ToString();
    }

    /// <summary>Python's <c>repr()</c> of a str: single quotes unless the text has one and no double quote.</summary>
    private static string Repr(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var output = new StringBuilder().Append(quote);
        foreach (var c in text)
            output.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ when c < 0x20 || c == 0x7f => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        return output.Append(quote).ToString();
    }
}
