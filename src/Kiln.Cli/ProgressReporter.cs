namespace Kiln.Cli;

/// <summary>A one-line "N done" progress display on stderr, only when stderr is a terminal.</summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly string _label;
    private readonly Lock _gate = new();
    private bool _shown;

    private ProgressReporter(string label) => _label = label;

    /// <summary>A reporter, or null when stderr is not a terminal; disposing it clears the line.</summary>
    public static ProgressReporter? ForStderr(string label) => Console.IsErrorRedirected ? null : new ProgressReporter(label);

    public void Report(int done)
    {
        lock (_gate)
        {
            Console.Error.Write($"\r{_label}: {done}");
            _shown = true;
        }
    }

    public void Dispose()
    {
        if (_shown) Console.Error.Write("\r\x1b[K");
    }
}
