using System.Text;
using Kiln.Core.Files;

namespace Kiln.Images.Outputs;

/// <summary>
/// bin/targets/BOARD/SUBTARGET/sha256sums as OpenWrt writes it: every file below the directory
/// (packages/ included, sha256sums itself not), by path in byte order, one <c>HASH *PATH</c>
/// line each, so that <c>sha256sum -c sha256sums</c> checks them all.
/// </summary>
public static class Sha256Sums
{
    public const string FileName = "sha256sums";

    public static void Write(string directory)
    {
        var paths = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path);
            if (relative != FileName) paths.Add(relative);
        }
        paths.Sort(StringComparer.Ordinal);
        var hashes = new string[paths.Count];
        Parallel.For(0, paths.Count, i => hashes[i] = FileHash.Sha256(Path.Combine(directory, paths[i])));
        var text = new StringBuilder();
        for (var i = 0; i < paths.Count; i++) text.Append(hashes[i]).Append(" *").Append(paths[i]).Append('\n');
        AtomicFile.Write(Path.Combine(directory, FileName), Encoding.UTF8.GetBytes(text.ToString()));
    }
}
