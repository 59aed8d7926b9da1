namespace Kiln.Make.Text;

/// <summary>strerror-style wording for file errors, as make prints them.</summary>
public static class SystemErrors
{
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ when e.HResult == 21 || e.Message.Contains("directory", StringComparison.OrdinalIgnoreCase) => "Is a directory",
        // .NET appends " : 'PATH'" to the system's own text.
        _ => e.Message.IndexOf(" : '", StringComparison.Ordinal) is var end and > 0 ? e.Message[..end] : e.Message,
    };
}
