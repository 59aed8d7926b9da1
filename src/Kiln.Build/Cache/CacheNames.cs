namespace Kiln.Build.Cache;

/// <summary>
/// Action keys and blob names: lower-case hex SHA-256, as the Bazel remote-cache protocol names
/// its entries. Checked before any name becomes part of a URL or a path.
/// </summary>
public static class CacheNames
{
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length != 64) return false;
        foreach (var c in name)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }

    public static void Require(string name, string what)
    {
        if (!IsValid(name)) throw new ArgumentException($"a cache {what} is a lower-case hex SHA-256, not '{name}'", what);
    }
}
