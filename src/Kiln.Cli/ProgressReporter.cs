namespace Kiln.Cli;

/// <summary>A one-line "N/M" progress display on stderr, only when stderr is a terminal.</summary>
public static class ProgressReporter
{
    public static Action<int, int>? ForStderr(string label)
    {
        if (Console.IsErrorRedirected) return null;
        var gate = new Lock();
        return (done, total) =>
        {
            lock (gate)
            {
                Console.Error.Write($"\r{label}: {done}/{total}");
                if (done == total) Console.Error.Write("\r\x1b[K");
            }
        };
    }
}
