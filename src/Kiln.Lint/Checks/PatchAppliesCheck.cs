using Kiln.Core.Errors;
using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Patching;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Checks;

/// <summary>
/// <c>layout/patch-applies</c>: the package's source archive (PKG_SOURCE, from dl/) unpacked
/// into a temporary directory and its patches applied in order, as the build applies them: a
/// patch that fails stops there (an error at the patch); one that needs fuzz or an offset applies,
/// but will break on the next update, so it is said too. A source not downloaded, not a tar
/// archive, unpacked its own way (TAR_OPTIONS, TAR_CMD, PKG_UNPACK, UNPACK_CMD: icu unpacks one
/// subdirectory) or prepared by a Build/Prepare of the package's own is not checked.
/// </summary>
public sealed class PatchAppliesCheck : IPackageCheck
{
    public IEnumerable<Finding> Check(LintedPackage package)
    {
        var patches = package.Source.Files.Patches;
        if (package.Built is null || patches.Count == 0 || !UnpacksAndPatchesByDefault(package)) return [];
        if (package.Variable("PKG_SOURCE") is not { Length: > 0 } sourceName || !UnpackedSource.IsTarArchive(sourceName)) return [];
        var archive = Path.Combine(package.TopDirectory, "dl", sourceName);
        if (!File.Exists(archive)) return [];

        var (source, error) = UnpackedSource.Unpack(archive);
        if (source is null)
            return [new Finding(LintRules.PatchApplies, package.Where("PKG_SOURCE"), $"dl/{sourceName} cannot be unpacked, so its patches were not tried: {error}")];
        using (source)
        {
            var findings = new List<Finding>();
            var refresh = $"make package/{Path.GetFileName(package.Source.Directory)}/refresh";
            for (var i = 0; i < patches.Count; i++)
            {
                var name = Path.GetFileName(patches[i]);
                var outcome = PatchApplier.Apply(source.Root, Path.Combine(package.TopDirectory, patches[i]));
                var location = new SourceLocation(patches[i], 1);
                if (!outcome.Applied)
                {
                    var rest = patches.Count - i - 1;
                    findings.Add(new Finding(LintRules.PatchApplies, location,
                        $"{name} does not apply to {sourceName}: {string.Join("; ", outcome.Failed)}" +
                        (rest > 0 ? $" ({rest} later patch{(rest == 1 ? " was" : "es were")} not tried)" : "") +
                        $": rebase it on this version"));
                    break;
                }
                if (outcome.Inexact.Count > 0)
                    findings.Add(new Finding(LintRules.PatchApplies, location,
                        $"{name} applies to {sourceName} only inexactly: {string.Join("; ", outcome.Inexact)}: refresh the patches ({refresh})"));
            }
            return findings;
        }
    }

    /// <summary>The variables that change how the source is unpacked: with any of them set, the check cannot unpack it as the build does.</summary>
    private static readonly string[] UnpackVariables = ["TAR_OPTIONS", "TAR_CMD", "PKG_UNPACK", "UNPACK_CMD"];

    /// <summary>
    /// Whether the source is unpacked and patched the default way: none of <see cref="UnpackVariables"/>
    /// set by the package, and no Build/Prepare of its own, or one that still calls the default or Build/Patch.
    /// </summary>
    private static bool UnpacksAndPatchesByDefault(LintedPackage package)
    {
        foreach (var variable in UnpackVariables)
            if (package.Own(variable) is not null) return false;
        return package.Own("Build/Prepare") is not { } prepare
            || prepare.RawValue.Contains("Build/Prepare/Default", StringComparison.Ordinal)
            || prepare.RawValue.Contains("Build/Patch", StringComparison.Ordinal);
    }
}
