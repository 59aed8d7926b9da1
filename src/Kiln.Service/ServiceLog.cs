namespace Kiln.Service;

/// <summary>The service's log: one line per request and per job, on stderr.</summary>
public sealed class ServiceLog(TextWriter output)
{
    private readonly object _lock = new();

    public void Line(string text)
    {
        lock (_lock)
        {
            output.WriteLine($"kiln serve: {DateTime.UtcNow:HH:mm:ss.fff} {text}");
            output.Flush();
        }
    }
}
