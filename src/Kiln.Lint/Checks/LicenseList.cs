using System.Text.Json;

namespace Kiln.Lint.Checks;

/// <summary>
/// The SPDX license and exception identifiers (current and deprecated), embedded from the SPDX
/// project's published lists (Checks/Spdx/README.md says which version). Compared without regard
/// to case, as SPDX compares them.
/// </summary>
public sealed class LicenseList
{
    private readonly HashSet<string> _licenses;
    private readonly HashSet<string> _exceptions;

    private LicenseList(HashSet<string> licenses, HashSet<string> exceptions)
    {
        _licenses = licenses;
        _exceptions = exceptions;
    }

    public static LicenseList Load()
    {
        var licenses = Read("licenses");
        licenses.UnionWith(Read("deprecated-licenses"));
        var exceptions = Read("exceptions");
        exceptions.UnionWith(Read("deprecated-exceptions"));
        return new LicenseList(licenses, exceptions);
    }

    private static HashSet<string> Read(string name)
    {
        using var stream = typeof(LicenseList).Assembly.GetManifestResourceStream($"Spdx.{name}.json")
            ?? throw new InvalidOperationException($"the SPDX list {name} is not embedded in Kiln.Lint");
        using var list = JsonDocument.Parse(stream);
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in list.RootElement.EnumerateArray()) ids.Add(id.GetString()!);
        return ids;
    }

    /// <summary>An SPDX license id (a listed one, with or without a + for "or later", or a LicenseRef-).</summary>
    public bool IsLicense(string id) =>
        _licenses.Contains(id) || id.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase)
        || (id.EndsWith('+') && _licenses.Contains(id[..^1]));

    public bool IsException(string id) => _exceptions.Contains(id);
}
