using System.Text;
using System.Text.RegularExpressions;
using Kiln.Core.Files;
using Kiln.Packing.Sbom;

namespace Kiln.Images.Outputs;

/// <summary>
/// A package as the tree's .packageinfo describes it: its Package name and the text of its fields after <c>FIELD: </c>
/// (byte text, as the metadata scan gives it), null where the package has none.
/// </summary>
public sealed record PackageInfo(string Name, string? Version, string? License, string? CpeId, string? Category, string? AbiVersion);

/// <summary>
/// An image's CycloneDX SBOM (IMG_PREFIX.bom.cdx.json beside IMG_PREFIX.manifest, with
/// <c>CONFIG_JSON_CYCLONEDX_SBOM</c>) as OpenWrt 24.10's <c>package-metadata.pl imgcyclonedxsbom</c> writes it from
/// .packageinfo and the manifest: each installed package the tree describes (found by its installed name, or by its
/// name and ABI version run together), with the manifest's version and a type from its category; the kernel is the
/// Linux kernel whatever the tree says of it. The JSON is <see cref="CycloneDx"/>'s.
/// </summary>
public static class CycloneDxSbom
{
    public static string PathFor(string manifestPath) => Path.ChangeExtension(manifestPath, null) + CycloneDx.Extension;

    /// <summary>Writes the SBOM of the image whose manifest (<c>NAME - VERSION</c> lines) is at <paramref name="manifestPath"/>.</summary>
    public static void Write(string path, string manifestPath, IEnumerable<PackageInfo> tree, long epoch) =>
        AtomicFile.Write(path, Sbom(File.ReadAllBytes(manifestPath), tree, epoch));

    /// <summary>The SBOM's bytes; a manifest without packages: none (the script fails before writing).</summary>
    public static byte[] Sbom(byte[] manifest, IEnumerable<PackageInfo> tree, long epoch)
    {
        var installed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.Latin1.GetString(manifest).Split('\n'))
            if (ManifestLine.Match(line) is { Success: true } match) installed[match.Groups[1].Value] = match.Groups[2].Value;
        if (installed.Count == 0) return [];

        var known = new Dictionary<string, PackageInfo>(StringComparer.Ordinal);
        foreach (var package in tree)
            known[package.Name] = package with
            {
                Version = CycloneDx.FieldValue(package.Version),
                License = CycloneDx.FieldValue(package.License),
                CpeId = CycloneDx.FieldValue(package.CpeId),
                Category = CycloneDx.FieldValue(package.Category),
                AbiVersion = CycloneDx.FieldValue(package.AbiVersion),
            };
        known["kernel"] = Kernel;
        // The script runs name and ABI version together, without the '-' a name ending in a digit is installed with.
        var byAbiName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in known.Values)
            if (package.AbiVersion is { } abi) byAbiName[package.Name + abi] = package.Name;

        var components = new List<SbomPackage>();
        foreach (var (name, version) in installed)
        {
            if (!known.TryGetValue(name, out var package)
                && !(byAbiName.TryGetValue(name, out var baseName) && known.TryGetValue(baseName, out package))) continue;
            var type = !CycloneDx.Truthy(package.Category) ? null
                : package.Category switch
                {
                    "operating-system" => "operating-system",
                    "Firmware" => "firmware",
                    "Libraries" => "library",
                    _ => "application",
                };
            components.Add(new SbomPackage(name, package.Name, CycloneDx.Truthy(version) ? version : package.Version, package.License,
                package.CpeId, type));
        }
        return CycloneDx.Write(components, epoch);
    }

    private static readonly PackageInfo Kernel = new("kernel", null, "GPL-2.0", "cpe:/o:linux:linux_kernel", "operating-system", null);

    private static readonly Regex ManifestLine = new("^(.+?) - (.+)$", RegexOptions.CultureInvariant);
}
