namespace Kiln.Lint.Built;

/// <summary>The names of shared objects: <c>libfoo.so</c>, <c>libfoo.so.1.2.3</c>, <c>libfoo-1.2.so</c>.</summary>
public static class SharedObjectName
{
    /// <summary>The file name of <paramref name="path"/> when it names a shared object (ends in .so or has .so. in it), else null.</summary>
    public static string? Of(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal) ? name : null;
    }

    /// <summary>
    /// The ABI version a SONAME carries, as OpenWrt's ABI_VERSION spells it: what follows
    /// <c>.so.</c> (libevent-2.1.so.7 is 7, libbz2.so.1.0 is 1.0: the loader matches that part,
    /// not the name's), else for a SONAME that puts its version in the name before a plain
    /// <c>.so</c> (libfoo-1.2.so) the part after the last '-'; null for an unversioned SONAME.
    /// </summary>
    public static string? AbiVersion(string soname)
    {
        var so = soname.IndexOf(".so.", StringComparison.Ordinal);
        if (so >= 0) return soname[(so + 4)..];
        if (!soname.EndsWith(".so", StringComparison.Ordinal)) return null;
        var stem = soname[..^3];
        var dash = stem.LastIndexOf('-');
        return dash >= 0 && dash + 1 < stem.Length && char.IsAsciiDigit(stem[dash + 1]) ? stem[(dash + 1)..] : null;
    }

    /// <summary>
    /// Whether <paramref name="abiVersion"/> is the version <paramref name="soname"/> carries
    /// (<see cref="AbiVersion"/>), or ends the SONAME's name before <c>.so</c>: liblua5.4.so.0.0.0
    /// never changes what follows .so, so lua5.4 sets ABI_VERSION 5.4, the version in its name.
    /// </summary>
    public static bool Carries(string soname, string abiVersion)
    {
        if (AbiVersion(soname) == abiVersion) return true;
        var so = soname.IndexOf(".so", StringComparison.Ordinal);
        var name = so < 0 ? soname : soname[..so];
        return name.Length > abiVersion.Length && name.EndsWith(abiVersion, StringComparison.Ordinal)
            && !char.IsAsciiDigit(name[^(abiVersion.Length + 1)]) && name[^(abiVersion.Length + 1)] != '.';
    }

    /// <summary>
    /// Whether <paramref name="longer"/> is <paramref name="shorter"/> with more version numbers
    /// after it (libfoo.so.1 and libfoo.so.1.2.3, libfoo.so and libfoo.so.1): the names of a library's links.
    /// </summary>
    public static bool Extends(string shorter, string longer)
    {
        if (longer.Length <= shorter.Length + 1 || !longer.StartsWith(shorter, StringComparison.Ordinal) || longer[shorter.Length] != '.') return false;
        foreach (var c in longer.AsSpan(shorter.Length + 1))
            if (!char.IsAsciiDigit(c) && c != '.') return false;
        return true;
    }
}
