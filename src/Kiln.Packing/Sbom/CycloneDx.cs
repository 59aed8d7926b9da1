using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kiln.Core.Text;

namespace Kiln.Packing.Sbom;

/// <summary>
/// A package as OpenWrt 24.10's package-metadata.pl reads it for a CycloneDX SBOM. Values are byte text (one char per
/// byte, as the script reads its input files), each as the script's field pattern captured it: null where the field is
/// missing.
/// </summary>
/// <param name="Key">The name the package is listed under (a feed's Package, an image's installed name): the SBOM's
/// sort key, and what makes a kernel or kmod- version short.</param>
/// <param name="Name">The component's name.</param>
/// <param name="Type">The component's type (the script's mapping of section or category), null for none.</param>
public sealed record SbomPackage(string Key, string Name, string? Version, string? License, string? CpeId, string? Type);

/// <summary>
/// CycloneDX 1.4 SBOMs as OpenWrt 24.10 writes them (<c>CONFIG_JSON_CYCLONEDX_SBOM</c>): one line of JSON without a
/// final newline, the components sorted by name ignoring ASCII case, each with its version (without the -rN release;
/// a kernel's or kmod's only MAJOR.MINOR.PATCH), its licenses (the license field split at blanks, one each), its CPE
/// (the CPE id and the version) and its type.
/// <para>
/// What the script leaves to chance is fixed: keys are in the schema's order (Perl's hash order differs each run),
/// the timestamp is SOURCE_DATE_EPOCH rather than the clock, and the serial number's random digits are drawn from a
/// SHA-256 of the rest, within the ranges the script draws them from, so that every serial Kiln writes is one the
/// script could write and the same inputs make the same bytes.
/// </para>
/// </summary>
public static class CycloneDx
{
    /// <summary>A feed's SBOM, beside its Packages.manifest.</summary>
    public const string FeedFileName = "Packages.bom.cdx.json";

    /// <summary>What an image's SBOM name ends with (after IMG_PREFIX).</summary>
    public const string Extension = ".bom.cdx.json";

    /// <summary>The SBOM of some packages (with none, its components are an empty list).</summary>
    public static byte[] Write(IEnumerable<SbomPackage> packages, long epoch)
    {
        var sorted = packages.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(AsciiUpper(a.Key), AsciiUpper(b.Key)) is var c && c != 0 ? c
            : string.CompareOrdinal(a.Key, b.Key));

        var components = new StringBuilder("[");
        foreach (var package in sorted)
        {
            if (components.Length > 1) components.Append(',');
            Component(components, package);
        }
        components.Append(']');
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var json = new StringBuilder();
        json.Append("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"serialNumber\":\"urn:uuid:")
            .Append(Serial(timestamp, components.ToString()))
            .Append("\",\"version\":1,\"metadata\":{\"timestamp\":");
        String(json, timestamp);
        json.Append("},\"components\":").Append(components).Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>
    /// A feed's SBOM from its Packages.manifest; no packages there: no bytes (the script fails without writing, and
    /// OpenWrt's recipe leaves the file it redirected to empty).
    /// </summary>
    public static byte[] ForFeed(byte[] manifest, long epoch) => FeedPackages(manifest) is { Count: > 0 } packages ? Write(packages, epoch) : [];

    /// <summary>
    /// A feed's packages as the script's <c>pkgcyclonedxsbom</c> reads its Packages.manifest: line by line, the last
    /// Package of a name winning, its type from its Section (firmware, libs: library, any other: application).
    /// </summary>
    public static List<SbomPackage> FeedPackages(byte[] manifest)
    {
        var packages = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var line in Encoding.Latin1.GetString(manifest).Split('\n'))
        {
            if (PackageLine.Match(line) is { Success: true } package)
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                packages[package.Groups[1].Value] = current;
                continue;
            }
            if (current is null) continue;
            foreach (var field in ManifestFields)
                if (line.StartsWith(field + ":", StringComparison.Ordinal) && FieldValue(line[(field.Length + 1)..]) is { } value)
                    current[field] = value;
        }
        return packages.Select(p =>
        {
            var section = p.Value.GetValueOrDefault("Section");
            var type = !Truthy(section) ? null : section switch { "firmware" => "firmware", "libs" => "library", _ => "application" };
            return new SbomPackage(p.Key, p.Key, p.Value.GetValueOrDefault("Version"), p.Value.GetValueOrDefault("License"),
                p.Value.GetValueOrDefault("CPE-ID"), type);
        }).ToList();
    }

    private static readonly Regex PackageLine = new("^Package:[\t\n\v\f\r ]*(.+?)[\t\n\v\f\r ]*$", RegexOptions.CultureInvariant);
    private static readonly string[] ManifestFields = ["Version", "License", "Section", "CPE-ID"];

    private static void Component(StringBuilder json, SbomPackage package)
    {
        var version = package.Version;
        if (Truthy(version)) version = ReleaseSuffix.Replace(version!, "");
        if (KernelName.IsMatch(package.Key) && ShortVersion.Match(version ?? "") is { Success: true } match) version = match.Groups[1].Value;
        var licenses = PerlSplit(package.License);

        json.Append('{');
        if (Truthy(package.Type))
        {
            json.Append("\"type\":");
            String(json, package.Type);
            json.Append(',');
        }
        json.Append("\"name\":");
        String(json, package.Name);
        json.Append(",\"version\":");
        String(json, version);
        if (licenses.Count > 0)
        {
            json.Append(",\"licenses\":[");
            for (var i = 0; i < licenses.Count; i++)
            {
                if (i > 0) json.Append(',');
                json.Append("{\"license\":{\"name\":");
                String(json, licenses[i]);
                json.Append("}}");
            }
            json.Append(']');
        }
        if (Truthy(package.CpeId))
        {
            json.Append(",\"cpe\":");
            String(json, package.CpeId + ":" + version);
        }
        json.Append('}');
    }

    /// <summary>
    /// The serial number's digits as the script prints its random draws (<c>%04x</c> of eight draws: rand(0xffff), but
    /// the fourth rand(0x0fff) | 0x4000 and the fifth rand(0x3fff) | 0x8000), each draw taken from the hash instead.
    /// </summary>
    private static string Serial(string timestamp, string components)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("kiln-cyclonedx\0" + timestamp + "\0" + components));
        var draws = new int[8];
        for (var i = 0; i < 8; i++)
        {
            var value = (hash[2 * i] << 8) | hash[2 * i + 1];
            draws[i] = i switch
            {
                3 => value % 0x0fff | 0x4000,
                4 => value % 0x3fff | 0x8000,
                _ => value % 0xffff,
            };
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{draws[0]:x4}{draws[1]:x4}-{draws[2]:x4}-{draws[3]:x4}-{draws[4]:x4}-{draws[5]:x4}{draws[6]:x4}{draws[7]:x4}");
    }

    /// <summary>A JSON string as Perl's JSON::PP writes one (null for undef): <c>"</c>, <c>\</c> and the control characters escaped, nothing else.</summary>
    private static void String(StringBuilder json, string? value)
    {
        if (value is null)
        {
            json.Append("null");
            return;
        }
        JsonStrings.Append(json, value, escapeBeyondAscii: false);
    }

    // Perl's \s and \d on byte strings: ASCII only (.NET's would take Unicode blanks and digits too).
    private const string Blank = "[\t\n\v\f\r ]";
    private static readonly Regex ReleaseSuffix = new("-r[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex KernelName = new("^(kernel|kmod-)", RegexOptions.CultureInvariant);
    private static readonly Regex ShortVersion = new(@"^([0-9]+\.[0-9]+\.[0-9]+)", RegexOptions.CultureInvariant);
    private static readonly Regex FieldPattern = new($"^{Blank}*(.+){Blank}*$", RegexOptions.CultureInvariant);
    private static readonly Regex Blanks = new($"{Blank}+", RegexOptions.CultureInvariant);

    /// <summary>
    /// What the script's <c>/^FIELD:\s*(.+)\s*$/</c> captures of the text after <c>FIELD:</c> (leading blanks dropped,
    /// trailing ones kept), or null when it does not match (nothing there).
    /// </summary>
    public static string? FieldValue(string? text) =>
        text is not null && FieldPattern.Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Perl's truth of a string: defined, and neither "" nor "0".</summary>
    public static bool Truthy(string? value) => value is not null and not "" and not "0";

    /// <summary>Perl's <c>split(/\s+/, TEXT)</c>: a leading empty field kept, trailing ones dropped.</summary>
    private static List<string> PerlSplit(string? text)
    {
        var fields = text is null ? [] : Blanks.Split(text).ToList();
        while (fields.Count > 0 && fields[^1].Length == 0) fields.RemoveAt(fields.Count - 1);
        return fields;
    }

    /// <summary>Perl's <c>uc</c> of a byte string: only a-z change.</summary>
    private static string AsciiUpper(string text) => string.Create(text.Length, text, (span, s) =>
    {
        for (var i = 0; i < s.Length; i++) span[i] = char.IsAsciiLetterLower(s[i]) ? (char)(s[i] - 32) : s[i];
    });
}
