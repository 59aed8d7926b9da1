using Kiln.Core.Processes;

namespace Kiln.Lint.Patching;

/// <summary>Applies a patch to a source tree as OpenWrt's Build/Patch does: <c>patch -p1 -E --no-backup-if-mismatch -f -N</c>.</summary>
public static class PatchApplier
{
    private static readonly HostProgram Patch = new("patch", "patch");

    /// <remarks>In the C locale, so that its report reads as <see cref="PatchOutcome.Parse"/> expects.</remarks>
    public static PatchOutcome Apply(string sourceDirectory, string patchFile)
    {
        var result = Patch.Run(["-p1", "-E", "--no-backup-if-mismatch", "-f", "-N", "-d", sourceDirectory, "-i", Path.GetFullPath(patchFile)],
            environment: new Dictionary<string, string?> { ["LC_ALL"] = "C" },
            timeout: TimeSpan.FromMinutes(5));
        return PatchOutcome.Parse(result.Succeeded, result.Output);
    }
}
