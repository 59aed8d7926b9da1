namespace Kiln.Make.Text;

/// <summary>
/// Interns variable names so that parsed trees and variable tables share one string per name.
/// The table is small and lossy (one name per slot, the newest wins): the names every makefile
/// uses stay shared, while the thousands that appear once in a long scan (a package's own
/// variables) are not kept alive by it.
/// </summary>
public static class NameTable
{
    private const int Size = 1 << 13;
    private static readonly string?[] Slots = new string?[Size];

    public static string Intern(string name)
    {
        if (name.Length == 0) return "";
        ref var slot = ref Slots[name.GetHashCode() & (Size - 1)];
        var existing = Volatile.Read(ref slot);
        if (existing is not null && existing == name) return existing;
        Volatile.Write(ref slot, name);
        return name;
    }
}
