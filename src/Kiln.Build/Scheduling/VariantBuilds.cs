using Kiln.Packages.Model;

namespace Kiln.Build.Scheduling;

/// <summary>
/// One build of a source package: its variant (BUILD_VARIANT, "" for a source without variants), the variants selected
/// (ALL_VARIANTS), and the selected binary packages it packs.
/// </summary>
/// <param name="EveryVariant">The packages with VARIANT:=* among <paramref name="Packages"/>: packed by each build whose Makefile
/// installs them.</param>
public sealed record VariantBuild(string Variant, IReadOnlyList<string> AllVariants, IReadOnlyList<string> Packages,
    IReadOnlySet<string> EveryVariant);

/// <summary>
/// The builds of a source package as OpenWrt's package/Makefile and include/subdir.mk run them: once per variant (VARIANT) of
/// its selected packages, in the order of its packages; the default variant when none of them has one but the source has
/// variants; else one build without a variant. In a variant build a package is packed when its VARIANT is that variant, when it
/// has none and the build is the first variant selected, or when it is "*" (package-pack.mk's TARGET_VARIANT).
/// </summary>
public static class VariantBuilds
{
    /// <param name="selected">The names of its binary packages the build selected, in the order they are installed.</param>
    public static IReadOnlyList<VariantBuild> Of(SourcePackage source, IReadOnlyList<string> selected)
    {
        var variantOf = source.Packages.Where(p => selected.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Variant, StringComparer.Ordinal);
        var allVariants = source.Packages.Where(p => variantOf.ContainsKey(p.Name)).Select(p => p.Variant)
            .Where(v => v.Length > 0 && v != "*").Distinct(StringComparer.Ordinal).ToList();
        var everyVariant = selected.Where(p => variantOf.GetValueOrDefault(p) == "*").ToHashSet(StringComparer.Ordinal);
        if (allVariants.Count == 0) return [new VariantBuild(source.DefaultVariant, [], selected, everyVariant)];
        bool Packs(string build, string package) =>
            variantOf.GetValueOrDefault(package, "") is var own && (own == build || own == "*" || (own.Length == 0 && build == allVariants[0]));
        return allVariants.Select(build => new VariantBuild(build, allVariants, selected.Where(p => Packs(build, p)).ToList(), everyVariant))
            .ToList();
    }
}
