using System.Security.Cryptography;
using Kiln.Core.Errors;

namespace Kiln.Build.Sources;

/// <summary>PKG_HASH and PKG_MIRROR_HASH: a sha256 (64 hex digits), an md5 (32), or <c>skip</c>.</summary>
public static class SourceHash
{
    public static bool IsSkip(string expected) => expected == "skip";

    /// <summary>Stops when a package that downloads a source gives no usable hash for it.</summary>
    public static void CheckDeclared(string expected, string package, string file)
    {
        if (IsSkip(expected) || expected.Length is 64 or 32 && expected.All(Uri.IsHexDigit)) return;
        throw new UserError(expected is "" or "x"
            ? $"{package}: no hash for {file}: set PKG_HASH (or PKG_MIRROR_HASH for a version-control source), or 'skip'"
            : $"{package}: '{expected}' is not a sha256 or md5 hash (for {file})");
    }

    /// <summary>The file's hash in the kind the expected hash is (sha256 for skip).</summary>
    public static string Of(string path, string expected)
    {
        using var stream = File.OpenRead(path);
        var digest = expected.Length == 32 ? MD5.HashData(stream) : SHA256.HashData(stream);
        return Convert.ToHexStringLower(digest);
    }

    public static bool Matches(string actual, string expected) =>
        IsSkip(expected) || string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
}
