namespace Kiln.Lint.Packages;

/// <summary>
/// A patch of patches/ read as a unified diff: the files it changes (the <c>+++</c> names without
/// their first path component, as <c>patch -p1</c> takes them), each with its header's line and
/// the text of its hunks.
/// </summary>
public sealed record PatchFile(string Path, bool IsUnifiedDiff, IReadOnlyList<PatchedFile> Files)
{
    public static PatchFile Read(string treePath, string[] lines)
    {
        var files = new List<PatchedFile>();
        var unified = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("+++ ", StringComparison.Ordinal) || i == 0 || !lines[i - 1].StartsWith("--- ", StringComparison.Ordinal)) continue;
            var hunks = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && !(lines[j].StartsWith("--- ", StringComparison.Ordinal) && j + 1 < lines.Length && lines[j + 1].StartsWith("+++ ", StringComparison.Ordinal)); j++)
            {
                if (lines[j].StartsWith("@@ ", StringComparison.Ordinal)) unified = true;
                hunks.Add(lines[j]);
            }
            files.Add(new PatchedFile(StripFirstComponent(NameOf(lines[i])), i + 1, hunks));
            i = j - 1;
        }
        return new PatchFile(treePath, unified, files);
    }

    /// <summary>The name on a <c>+++ NAME[\tDATE]</c> line.</summary>
    private static string NameOf(string header)
    {
        var name = header[4..];
        var tab = name.IndexOf('\t');
        return (tab >= 0 ? name[..tab] : name).Trim();
    }

    private static string StripFirstComponent(string name)
    {
        var slash = name.IndexOf('/');
        return slash >= 0 ? name[(slash + 1)..] : name;
    }
}

/// <summary>One file a patch changes: its path in the source, the line of its <c>+++</c> header in the patch, and its hunks' lines.</summary>
public sealed record PatchedFile(string Name, int HeaderLine, IReadOnlyList<string> HunkLines)
{
    public string FileName => System.IO.Path.GetFileName(Name);
}
