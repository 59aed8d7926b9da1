using Kiln.Packages.Feeds;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Model;

/// <summary>Every source package of a tree: package/ (the base feed), then the feeds in priority order.</summary>
public static class TreePackages
{
    /// <param name="optionsFor">The scan options for a directory of the tree (package, feeds/NAME).</param>
    public static List<SourcePackage> Read(string topDirectory, Func<string, ScanOptions> optionsFor)
    {
        var sources = new List<SourcePackage>();
        foreach (var directory in ScanDirectories(topDirectory))
        {
            var options = optionsFor(directory);
            sources.AddRange(PackageModel.Build(options, new MetadataScanner(options).Run()));
        }
        return sources;
    }

    public static IEnumerable<string> ScanDirectories(string topDirectory)
    {
        if (Directory.Exists(Path.Combine(topDirectory, "package"))) yield return "package";
        foreach (var feed in FeedList.Read(topDirectory)) yield return "feeds/" + feed;
    }
}
