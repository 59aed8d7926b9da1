namespace Kiln.Core.Errors;

/// <summary>
/// Where a bug's details go: the whole exception, with the command line, in a file of the system's
/// temporary directory, so the user sees one line and a report can carry everything.
/// </summary>
public static class InternalErrorLog
{
    /// <summary>The one line that says a bug happened, and where its details went.</summary>
    public static string Report(Exception bug, string? context = null)
    {
        var summary =
            $"kiln: internal error (a bug in Kiln, please report it){(context is null ? "" : " in " + context)}: {bug.GetType().Name}: {bug.Message}";
        try
        {
            var log = Path.Combine(Path.GetTempPath(),
                $"kiln-internal-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
            File.WriteAllText(log, $"kiln {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n{DateTime.UtcNow:O}\n{context}\n\n{bug}\n");
            return $"{summary} (details: {log})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return summary;
        }
    }
}
