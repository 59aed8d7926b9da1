using System.Runtime.InteropServices;
using System.Text;
using Kiln.Core.Files;

namespace Kiln.Make.Inputs;

/// <summary>
/// What a cache key holds of the environment. A result records the variables its evaluation looked up: those found
/// by their values (<see cref="EnvironmentReadInput"/>), those not found by their names (<see cref="InputLog.Missing"/>),
/// so that any other variable can come and go (a new terminal, an ssh session) without setting the result aside. What
/// no lookup shows is in the key: the variables make reads as it starts (MAKEFLAGS, MAKELEVEL, MAKEFILES...) and the
/// locale and time zone every command follows.
/// </summary>
/// <remarks>
/// A name not found is kept as 64 bits of FNV-1a, not as text: the feeds look up tens of thousands of names that are
/// not set (CONFIG_PACKAGE_..., one package's hooks), and a collision only sets a result aside for nothing. Only names
/// a shell can export are kept (a letter or _, then letters, digits and _): the others, such as Package/foo/install,
/// never come from a user's environment.
/// </remarks>
public static class EnvironmentKey
{
    public static void Append(StringBuilder key, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var name in environment.Keys.Where(AffectsEveryEvaluation).Order(StringComparer.Ordinal))
            key.Append(name).Append('=').Append(environment[name]).Append('\0');
    }

    /// <summary>What stands for a name looked up and not found; null for a name no shell exports.</summary>
    public static ulong? MissingName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0])) return null;
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return null;
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>Whether the environment still has none of <paramref name="missing"/> (sorted, as <see cref="Sorted"/> gives them).</summary>
    public static bool StillMissing(ReadOnlySpan<ulong> missing, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var name in environment.Keys)
            if (MissingName(name) is { } hash && missing.BinarySearch(hash) >= 0) return false;
        return true;
    }

    public static ulong[] Sorted(IEnumerable<ulong> missing)
    {
        var sorted = missing.Distinct().ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static void Write(BinaryWriter writer, ulong[] sorted)
    {
        writer.Write(sorted.Length);
        writer.Write(MemoryMarshal.AsBytes(sorted.AsSpan()));
    }

    public static ulong[] Read(ref RecordReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > int.MaxValue / sizeof(ulong)) throw new FormatException("damaged list of names");
        return MemoryMarshal.Cast<byte, ulong>(reader.ReadBytes(count * sizeof(ulong))).ToArray();
    }

    private static bool AffectsEveryEvaluation(string name) =>
        name.StartsWith("MAKE", StringComparison.Ordinal) || name.StartsWith("LC_", StringComparison.Ordinal)
        || name is "MFLAGS" or "GNUMAKEFLAGS" or "SHELL" or "LANG" or "LANGUAGE" or "TZ";
}
