using Kiln.Lint.Packages;

namespace Kiln.Lint.Findings;

/// <summary>
/// <c># kiln-lint: ignore=ID</c> (or <c>ignore=ID1,ID2</c>) on the line before a finding's line
/// silences that finding: the maintainer has read it and disagrees, and says so where the next
/// reader will see it.
/// </summary>
public static class Suppressions
{
    public const string Marker = "kiln-lint:";

    public static bool Silences(Finding finding, SourceLines lines)
    {
        if (finding.Location.File is not { } file || finding.Location.Line < 2) return false;
        var text = lines.Line(file, finding.Location.Line - 1).AsSpan().Trim();
        if (!text.StartsWith("#")) return false;
        text = text[1..].TrimStart();
        if (!text.StartsWith(Marker)) return false;
        text = text[Marker.Length..].TrimStart();
        if (!text.StartsWith("ignore=")) return false;
        foreach (var range in text["ignore=".Length..].Split(','))
            if (text["ignore=".Length..][range].Trim().SequenceEqual(finding.Rule.Id)) return true;
        return false;
    }
}
