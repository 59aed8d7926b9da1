namespace Kiln.Packages.Model;

/// <summary>
/// The order OpenWrt applies a patch directory in: the names listed in its <c>series</c> file
/// (comments and blank lines skipped) when that file is not empty, otherwise every file in byte order.
/// </summary>
public static class PatchSeries
{
    public static IReadOnlyList<string> InOrder(string patchDirectory)
    {
        if (!Directory.Exists(patchDirectory)) return [];
        var series = Path.Combine(patchDirectory, "series");
        if (File.Exists(series) && new FileInfo(series).Length > 0)
        {
            return File.ReadAllLines(series)
                .Select(line => line.Split('#')[0].Trim())
                .Where(line => line.Length > 0)
                .Select(line => line.Split([' ', '\t'])[0])
                .ToList();
        }
        return Directory.GetFiles(patchDirectory).Select(Path.GetFileName).Where(name => name != "series")
            .Order(StringComparer.Ordinal).ToList()!;
    }
}
