using Kiln.Core.Errors;

namespace Kiln.Pipeline.ImageBuilder;

/// <summary>
/// A directory <c>kiln imagebuilder export</c> wrote: what <c>kiln image</c> needs for one subtarget and nothing to compile
/// (the .config, target/linux, scripts, the host programs the tree built, the kernel, the package feeds, the build key), as
/// OpenWrt's Image Builder holds. Its marker file names the subtarget.
/// </summary>
public sealed class ImageBuilderDirectory
{
    /// <summary>The file that makes a directory an Image Builder to Kiln.</summary>
    public const string MarkerName = "kiln-imagebuilder";

    private const string TargetKey = "target = ";

    private ImageBuilderDirectory(string top, string targetId)
    {
        Top = top;
        TargetId = targetId;
    }

    public string Top { get; }

    /// <summary>The subtarget (BOARD/SUBTARGET) it makes images for.</summary>
    public string TargetId { get; }

    /// <summary>The package feeds, in OpenWrt's repositories.conf format.</summary>
    public string Repositories => Path.Combine(Top, "repositories.conf");

    /// <summary>The public keys feed indexes are verified with, each file named by its usign fingerprint.</summary>
    public string Keys => Path.Combine(Top, "keys");

    /// <summary>Where http(s) feeds are kept once fetched and verified: one directory per feed.</summary>
    public string FeedCache => Path.Combine(Top, "dl", "feeds");

    /// <summary>The tree's package metadata the image's CycloneDX SBOM reads (written only when the .config asks for SBOMs).</summary>
    public string PackageMetadata => Path.Combine(Top, "package-metadata.json");

    /// <summary>The Image Builder at <paramref name="top"/>, or null when it is not one (a tree).</summary>
    public static ImageBuilderDirectory? Open(string top)
    {
        var marker = Path.Combine(top, MarkerName);
        if (!File.Exists(marker)) return null;
        foreach (var line in File.ReadLines(marker))
            if (line.StartsWith(TargetKey, StringComparison.Ordinal)) return new ImageBuilderDirectory(top, line[TargetKey.Length..].Trim());
        throw new UserError($"{marker}: names no target (a '{TargetKey}BOARD/SUBTARGET' line)");
    }

    /// <summary>The marker's text for an Image Builder of <paramref name="targetId"/>.</summary>
    internal static string MarkerText(string targetId) =>
        "# An Image Builder written by 'kiln imagebuilder export': make images here with 'kiln image'.\n" + TargetKey + targetId + "\n";

    /// <summary>What a build is told here: an Image Builder has neither the Makefiles nor the compilers.</summary>
    public string BuildsNothing =>
        $"{Top} is an Image Builder for {TargetId}: it builds no packages (it has no Makefiles and needs no compilers); " +
        $"make images with: kiln image --target {TargetId}";

    /// <summary>Stops when a command asks for another subtarget than the one it holds.</summary>
    public void Require(string targetId)
    {
        if (targetId != TargetId)
            throw new UserError($"{Top} is an Image Builder for {TargetId}: it cannot make images of {targetId} " +
                $"(export one for it from the tree: kiln imagebuilder export --target {targetId} DIR)");
    }
}
