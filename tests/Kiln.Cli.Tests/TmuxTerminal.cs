using System.Diagnostics;

namespace Kiln.Cli.Tests;

/// <summary>
/// A program run in a tmux terminal as a person runs it: keys typed with send-keys, the screen read
/// with capture-pane. Each terminal has a tmux server of its own (its own socket), ended with it.
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    private readonly string _socket = "kiln-test-" + Guid.NewGuid().ToString("N");

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a terminal of the given size.</summary>
    public TmuxTerminal(string directory, string command, int width = 120, int height = 40)
    {
        // The shell stays after the program so that its last screen and exit status can be read.
        Tmux("new-session", "-d", "-x", width.ToString(), "-y", height.ToString(), "-c", directory,
            $"{command}; echo \"exit status: $?\"; sleep 600");
    }

    public void Keys(params string[] keys) => Tmux(["send-keys", "-t", "0", .. keys]);

    /// <summary>Typed as text, not as key names.</summary>
    public void Type(string text) => Tmux("send-keys", "-t", "0", "-l", text);

    public string Screen() => Tmux("capture-pane", "-p", "-t", "0");

    /// <summary>The screen once it shows <paramref name="text"/>; fails the case with the screen after the timeout.</summary>
    public string WaitFor(string text, double seconds = 20) =>
        WaitUntil(screen => screen.Contains(text, StringComparison.Ordinal), $"show \"{text}\"", seconds);

    /// <summary>The screen once <paramref name="text"/> is gone from it (a dialog closed).</summary>
    public string WaitForGone(string text, double seconds = 20) =>
        WaitUntil(screen => !screen.Contains(text, StringComparison.Ordinal), $"stop showing \"{text}\"", seconds);

    private string WaitUntil(Func<string, bool> done, string what, double seconds)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen();
            if (done(screen)) return screen;
            if (clock.Elapsed.TotalSeconds > seconds) Assert.Fail($"the screen did not {what} within {seconds} s:\n{screen}");
            Thread.Sleep(100);
        }
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var tmux = Process.Start(start)!;
        var output = tmux.StandardOutput.ReadToEnd();
        var errors = tmux.StandardError.ReadToEnd();
        tmux.WaitForExit();
        if (tmux.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: {errors}");
        return output;
    }

    public void Dispose() => Tmux("kill-server");
}
