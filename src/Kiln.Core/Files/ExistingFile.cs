using Kiln.Core.Errors;

namespace Kiln.Core.Files;

/// <summary>A file the user named, which must be there and be a file.</summary>
public static class ExistingFile
{
    /// <summary>The path, or a user error saying what is there instead (<paramref name="kind"/> names what was wanted).</summary>
    public static string Require(string path, string kind = "file") =>
        File.Exists(path) ? path
            : throw new UserError(Directory.Exists(path) ? $"{path}: is a directory, not a {kind}" : $"{path}: no such file");
}
