namespace Kiln.Lint.Patching;

/// <summary>
/// What <c>patch</c> said applying one patch: whether it applied, and each hunk that did not
/// apply exactly (fuzz, offset) or at all, in patch's words with the file it was patching.
/// </summary>
public sealed record PatchOutcome(bool Applied, IReadOnlyList<string> Failed, IReadOnlyList<string> Inexact)
{
    private const string MissingFile = "a file it patches is not in the source";

    /// <summary>Reads GNU patch's report: "patching file F", then "Hunk #N succeeded at L with fuzz F (offset O lines)." or "Hunk #N FAILED at L.".</summary>
    public static PatchOutcome Parse(bool succeeded, string output)
    {
        var failed = new List<string>();
        var inexact = new List<string>();
        var file = "";
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("patching file ", StringComparison.Ordinal)) file = line["patching file ".Length..].Trim('\'', '\u2018', '\u2019');
            else if (line.StartsWith("Hunk #", StringComparison.Ordinal))
            {
                var hunk = $"{file}: {char.ToLowerInvariant(line[0])}{line[1..].TrimEnd('.')}";
                if (line.Contains(" FAILED", StringComparison.Ordinal)) failed.Add(hunk);
                else if (line.Contains("fuzz", StringComparison.Ordinal) || line.Contains("offset", StringComparison.Ordinal)) inexact.Add(hunk);
            }
            else if (line.StartsWith("Reversed (or previously applied) patch detected", StringComparison.Ordinal))
                failed.Add($"{file}: already applied (the source has this change)");
            else if (line.StartsWith("can't find file to patch", StringComparison.Ordinal) || line.StartsWith("No file to patch", StringComparison.Ordinal))
            {
                if (!failed.Contains(MissingFile)) failed.Add(MissingFile);
            }
        }
        if (!succeeded && failed.Count == 0)
        {
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            failed.Add(lines.Length > 0 ? lines[^1] : "patch failed");
        }
        return new PatchOutcome(succeeded, failed, inexact);
    }
}
