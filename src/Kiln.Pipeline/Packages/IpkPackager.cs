using Kiln.Build.Packages;
using Kiln.Build.Steps;
using Kiln.Core.Files;
using Kiln.Packing.Feeds;
using Kiln.Packing.Ipk;
using Kiln.Packing.Sbom;
using Kiln.Packing.Signing;

namespace Kiln.Pipeline.Packages;

/// <summary>The build's packer: each installed package becomes an .ipk; each directory written to gets a signed index.</summary>
public sealed class IpkPackager(string topDirectory) : IPackager
{
    public string Identity => "ipk 3";

    public string FileName(PackageToPack package) =>
        $"{package.InstalledName}_{ControlFile.Parse(package.Control)["Version"]}_{package.Architecture}.ipk";

    public void Pack(PackageToPack package)
    {
        var control = ControlFile.Parse(package.Control);
        // Depends follows Package and Version.
        if (package.Depends.Count > 0) control.Set("Depends", string.Join(", ", package.Depends), before: control.Fields.Count > 2
            ? control.Fields[2].Key : null);
        control.Set("Description", Description(package.Description));
        IpkWriter.Write(package.InstallDirectory, control, package.Scripts, DateTimeOffset.FromUnixTimeSeconds(package.SourceDateEpoch),
            Path.Combine(package.OutputDirectory, FileName(package)));
    }

    /// <summary>Each directory's Packages index, signed; with <c>CONFIG_JSON_CYCLONEDX_SBOM</c>, its CycloneDX SBOM from Packages.manifest.</summary>
    public void Index(IReadOnlyCollection<string> directories, BuildContext context) =>
        Index(directories, context.Config.IsEnabled(CycloneDxSymbol), context.Epoch);

    /// <param name="cycloneDx">Whether each directory gets its SBOM too.</param>
    /// <param name="epoch">The SBOMs' time (SOURCE_DATE_EPOCH).</param>
    public void Index(IReadOnlyCollection<string> directories, bool cycloneDx, long epoch)
    {
        var key = BuildKey.Secret(topDirectory);
        foreach (var directory in directories)
        {
            FeedIndex.Write(directory, key);
            if (cycloneDx)
                AtomicFile.Write(Path.Combine(directory, CycloneDx.FeedFileName),
                    CycloneDx.ForFeed(File.ReadAllBytes(Path.Combine(directory, FeedIndex.ManifestName)), epoch));
        }
    }

    /// <summary>The .config symbol that asks for CycloneDX SBOMs of the feeds and images.</summary>
    public const string CycloneDxSymbol = "JSON_CYCLONEDX_SBOM";

    /// <summary>The description as OpenWrt's packer writes it: each line's leading blanks become one space.</summary>
    public static string Description(string text) =>
        string.Join("\n", text.Trim('\n').Split('\n').Select(line => " " + line.TrimStart(' ', '\t')));
}
