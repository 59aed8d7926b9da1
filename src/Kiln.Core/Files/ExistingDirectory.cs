using Kiln.Core.Errors;

namespace Kiln.Core.Files;

/// <summary>A directory of a tree that a command needs, which must be there and be a directory.</summary>
public static class ExistingDirectory
{
    /// <summary>
    /// The full path of <paramref name="relative"/> in <paramref name="top"/>, or a user error that says what is there
    /// instead: a file where the directory belongs, or nothing at all.
    /// </summary>
    public static string Require(string top, string relative)
    {
        var full = Path.Combine(top, relative);
        if (Directory.Exists(full)) return full;
        throw new UserError(File.Exists(full) ? $"{relative}: is a file, not a directory" : $"{relative}: no such directory in {top}");
    }
}
