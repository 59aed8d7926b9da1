namespace Kiln.Core.Errors;

/// <summary>Which failures are the user's to fix, and how they are told of them.</summary>
public static class ErrorKinds
{
    /// <summary>
    /// A <see cref="UserError"/>, or a file-system problem the tree or the arguments caused (a file
    /// where a directory belongs, no permission, a full disk): the user can fix it, so it is reported
    /// as a message, never as a bug.
    /// </summary>
    public static bool IsUserCaused(Exception e) => e is UserError or IOException or UnauthorizedAccessException;

    /// <summary>What went wrong, in make's form when a makefile line is to blame.</summary>
    public static string Message(Exception e) => e switch
    {
        UserError { Location.IsKnown: true } located => located.MakeStyle("kiln"),
        UserError user => user.Reason,
        DirectoryNotFoundException when FileInTheWay(QuotedPath(e.Message)) is { } file => InTheWay(file),
        // What Directory.CreateDirectory says when the directory's own name is taken by a file.
        IOException when IsAlreadyExists(e.Message) && FileInTheWay(QuotedPath(e.Message)) is { } file => InTheWay(file),
        _ => e.Message,
    };

    /// <summary>The one line that reports a user-caused failure (see <see cref="IsUserCaused"/>).</summary>
    public static string Describe(Exception e) => e is UserError { Location.IsKnown: true } ? Message(e) : "kiln: " + Message(e);

    private static string InTheWay(string file) => $"{file}: is a file, where a directory belongs";

    private static bool IsAlreadyExists(string message) =>
        message.StartsWith("The file '", StringComparison.Ordinal) && message.EndsWith("' already exists.", StringComparison.Ordinal);

    /// <summary>The path .NET quotes in a file-system message ("... path '/x/y'." or "The file '/x' already exists.").</summary>
    private static string? QuotedPath(string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }

    /// <summary>The path itself or the nearest of its parents that is a regular file, so no directory can be made there.</summary>
    private static string? FileInTheWay(string? path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
            if (File.Exists(p)) return p;
        return null;
    }
}
