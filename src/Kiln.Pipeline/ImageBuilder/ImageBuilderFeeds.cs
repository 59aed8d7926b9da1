using System.Text.Json;
using System.Text.Json.Serialization;
using Kiln.Core.Errors;
using Kiln.Images.Outputs;
using Kiln.Images.Rootfs;
using Kiln.OpenWrt.Configuration;
using Kiln.Pipeline.Packages;

namespace Kiln.Pipeline.ImageBuilder;

/// <summary>
/// What <c>kiln image</c> reads in an Image Builder instead of a tree's bin/ and package Makefiles: the feeds its
/// repositories.conf lists (http(s) ones fetched and verified), and the package metadata exported for the SBOM.
/// </summary>
public static class ImageBuilderFeeds
{
    /// <summary>The feeds as local directories, in repositories.conf's order; http(s) feeds' signed indexes fetched into dl/feeds.</summary>
    public static IReadOnlyList<string> Directories(ImageBuilderDirectory builder, Action<string> progress)
    {
        var directories = new List<string>();
        foreach (var repository in RepositoriesConf.Read(builder.Repositories, builder.Top))
        {
            if (repository.IsRemote)
            {
                progress($"feed {repository.Name}: fetching the index of {repository.Location}");
                directories.Add(RemoteFeed.Materialise(repository, builder.FeedCache, builder.Keys));
            }
            else if (Directory.Exists(repository.Location))
                directories.Add(repository.Location);
            else
                throw new UserError($"{builder.Repositories}: feed {repository.Name}: {repository.Location}: " +
                    (File.Exists(repository.Location) ? "is a file, not a feed directory" : "no such directory"));
        }
        if (directories.Count == 0) throw new UserError($"{builder.Repositories} lists no feed (src/gz NAME URL lines)");
        return directories;
    }

    /// <summary>The .ipk files the install plan takes from http(s) feeds, fetched (only those) and checked against the signed indexes.</summary>
    public static void FetchPackages(ImageBuilderDirectory builder, PackageFeed available, IReadOnlyList<PackageRequest> installs,
        IReadOnlyList<PackageRequest> removals, Action<string> progress)
    {
        var cache = Path.GetFullPath(builder.FeedCache).TrimEnd('/') + "/";
        if (!available.Packages.Any(p => p.IpkPath.StartsWith(cache, StringComparison.Ordinal))) return;
        var plan = InstallPlanner.Resolve(available, installs, removals);
        RemoteFeed.FetchPackages(plan.Packages.Select(p => p.Package), cache, progress);
    }

    /// <summary>With <c>CONFIG_JSON_CYCLONEDX_SBOM</c>, the tree's package metadata as the export wrote it (an Image Builder has no Makefiles to scan).</summary>
    public static List<PackageInfo>? SbomPackages(ImageBuilderDirectory builder, DotConfig config)
    {
        if (!config.IsEnabled(IpkPackager.CycloneDxSymbol)) return null;
        if (!File.Exists(builder.PackageMetadata))
            throw new UserError($"{builder.PackageMetadata}: not there, and the .config asks for SBOMs (CONFIG_JSON_CYCLONEDX_SBOM): " +
                "export the Image Builder again with a .config that does");
        return JsonSerializer.Deserialize(File.ReadAllText(builder.PackageMetadata), SbomPackagesJson.Default.ListPackageInfo)
            ?? throw new UserError($"{builder.PackageMetadata}: no package list");
    }

    /// <summary>The SBOM's package metadata as <see cref="SbomPackages"/> reads it back.</summary>
    internal static string SbomText(IReadOnlyList<PackageInfo> packages) =>
        JsonSerializer.Serialize(packages, SbomPackagesJson.Default.IReadOnlyListPackageInfo) + "\n";
}

/// <summary>The SBOM's package metadata in JSON, its reader and writer generated at compile time (kiln is compiled ahead of time).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<PackageInfo>))]
[JsonSerializable(typeof(IReadOnlyList<PackageInfo>))]
internal sealed partial class SbomPackagesJson : JsonSerializerContext;
