using Kiln.Core.Files;
using Kiln.Make.Text;
using Kiln.OpenWrt.Scanning;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Packages.Feeds;

/// <summary>A target a feed brings (its .targetindex): the board or subtarget and its name.</summary>
public sealed record FeedTarget(string Id, string Name);

/// <summary>
/// A feed's index as scripts/feeds update writes it: feeds/NAME.index, a link to
/// feeds/NAME.tmp/.packageinfo (the feed's packages, the text <c>kiln dump packages feeds/NAME</c>
/// prints), and feeds/NAME.targetindex, a link to its .targetinfo (its targets, scanned with
/// TARGET_BUILD=1). The packages of a feed are read from its index, not by scanning it again.
/// </summary>
public sealed class FeedMetadata
{
    private FeedMetadata(string feed, IReadOnlyList<SourcePackage> sources, IReadOnlyList<FeedTarget> targets)
    {
        Feed = feed;
        Sources = sources;
        Targets = targets;
    }

    public string Feed { get; }

    public IReadOnlyList<SourcePackage> Sources { get; }

    public IReadOnlyList<FeedTarget> Targets { get; }

    public static string IndexPath(string topDirectory, string feed) => Path.Combine(topDirectory, "feeds", feed + ".index");

    /// <summary>Scans feeds/NAME and writes its index files; returns the Makefiles that could not be read (left out, as OpenWrt's scan leaves them out).</summary>
    /// <param name="packages">The package scan of feeds/NAME.</param>
    public static IReadOnlyList<MakefileScan> Write(ScanOptions packages, string feed)
    {
        var top = packages.TopDirectory;
        var temporary = Path.Combine(top, "feeds", feed + ".tmp");
        var packageScan = new MetadataScanner(packages).Run();
        // The targets' scan is not cached: its results would replace the packages' in the directory's one cache file.
        var targetScan = new MetadataScanner(packages with { Calls = MakefileFinder.TargetCalls, ExtraVariables = ["TARGET_BUILD=1"], CacheDirectory = null })
            .Run();
        Publish(Path.Combine(temporary, ".packageinfo"), IndexPath(top, feed), packageScan);
        Publish(Path.Combine(temporary, ".targetinfo"), Path.Combine(top, "feeds", feed + ".targetindex"), targetScan);
        return [.. packageScan.Failures, .. targetScan.Failures];
    }

    private static void Publish(string file, string link, ScanResult scan)
    {
        AtomicFile.Write(file, ByteText.GetBytes(string.Concat(scan.Makefiles.Where(m => !m.Failed).Select(m => m.Block))));
        var target = Path.GetRelativePath(Path.GetDirectoryName(link)!, file);
        if (new FileInfo(link).LinkTarget == target) return;
        File.Delete(link);
        File.CreateSymbolicLink(link, target);
    }

    /// <summary>The feed's packages and targets from its index files, or null when it has no index (it was never updated).</summary>
    public static FeedMetadata? Read(string topDirectory, string feed)
    {
        var index = IndexPath(topDirectory, feed);
        if (!File.Exists(index)) return null;
        var sources = Blocks(index).Select(b => PackageInfoParser.ParseBlock(b.Makefile, b.Text) with { Feed = feed }).ToList();
        var targetIndex = Path.Combine(topDirectory, "feeds", feed + ".targetindex");
        var targets = new List<FeedTarget>();
        if (File.Exists(targetIndex))
            foreach (var (_, text) in Blocks(targetIndex))
            {
                string? id = null;
                foreach (var line in text.Split('\n'))
                {
                    if (line.StartsWith("Target: ", StringComparison.Ordinal)) id = line["Target: ".Length..];
                    else if (line.StartsWith("Target-Name: ", StringComparison.Ordinal) && id is not null) targets.Add(new FeedTarget(id, line["Target-Name: ".Length..]));
                }
            }
        return new FeedMetadata(feed, sources, targets);
    }

    /// <summary>The blocks of a .packageinfo or .targetinfo file, each the text after its Source-Makefile line.</summary>
    private static IEnumerable<(string Makefile, string Text)> Blocks(string file)
    {
        const string header = "Source-Makefile: ";
        var text = ByteText.Encoding.GetString(File.ReadAllBytes(file));
        string? makefile = null;
        var body = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(header, StringComparison.Ordinal))
            {
                if (makefile is not null) yield return (makefile, body.ToString());
                makefile = line[header.Length..];
                body.Clear();
            }
            else if (makefile is not null)
            {
                body.Append(line).Append('\n');
            }
        }
        if (makefile is not null) yield return (makefile, body.ToString());
    }
}
