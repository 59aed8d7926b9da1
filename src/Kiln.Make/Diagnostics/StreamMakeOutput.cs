namespace Kiln.Make.Diagnostics;

/// <summary>Writes $(info) to one stream and diagnostics to another, as byte text, keeping their order on a shared terminal.</summary>
public sealed class StreamMakeOutput(Stream stdout, Stream stderr) : IMakeOutput
{
    private readonly Lock _lock = new();

    private static readonly Lazy<StreamMakeOutput> ProcessOutput =
        new(() => new StreamMakeOutput(System.Console.OpenStandardOutput(), System.Console.OpenStandardError()));

    /// <summary>This process's stdout and stderr.</summary>
    public static StreamMakeOutput Process => ProcessOutput.Value;

    public void Info(string text)
    {
        lock (_lock) WriteLine(stdout, text);
    }

    public void Diagnostic(string line)
    {
        lock (_lock) WriteLine(stderr, line);
    }

    public void ErrorText(string text)
    {
        lock (_lock)
        {
            stderr.Write(Text.ByteText.GetBytes(text));
            stderr.Flush();
        }
    }

    private static void WriteLine(Stream stream, string text)
    {
        var bytes = new byte[text.Length + 1];
        Text.ByteText.Encoding.GetBytes(text, 0, text.Length, bytes, 0);
        bytes[^1] = (byte)'\n';
        stream.Write(bytes);
        stream.Flush();
    }
}

/// <summary>Collects output in memory, for tests and for evaluations whose output is used later.</summary>
public sealed class CollectingMakeOutput : IMakeOutput
{
    private readonly System.Text.StringBuilder _stdout = new();
    private readonly System.Text.StringBuilder _stderr = new();

    public string Stdout => _stdout.ToString();

    public string Stderr => _stderr.ToString();

    public void Info(string text) => _stdout.Append(text).Append('\n');

    public void Diagnostic(string line) => _stderr.Append(line).Append('\n');

    public void ErrorText(string text) => _stderr.Append(text);
}
