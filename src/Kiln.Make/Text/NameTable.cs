using System.Collections.Concurrent;

namespace Kiln.Make.Text;

/// <summary>Interns variable names so that parsed trees and variable tables share one string per name.</summary>
public static class NameTable
{
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    public static string Intern(string name) => name.Length == 0 ? "" : Names.GetOrAdd(name, name);
}
