using System.Text;
using Kiln.Core.Files;

namespace Kiln.Images.Outputs;

/// <summary>An image's .manifest: its installed packages as <c>opkg list-installed</c> prints them (<c>NAME - VERSION</c>, by name).</summary>
public static class Manifest
{
    public static void Write(string path, IEnumerable<(string Name, string Version)> packages)
    {
        var sorted = packages.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var text = new StringBuilder();
        foreach (var (name, version) in sorted) text.Append(name).Append(" - ").Append(version).Append('\n');
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text.ToString()));
    }
}
