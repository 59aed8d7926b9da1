using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Runs packages' maintainer scripts against the root as OpenWrt does (IPKG_INSTROOT set to the
/// root, the working directory the root), but so that they cannot touch the build host: a clean
/// environment, and, when bubblewrap is installed and works here, a sandbox in which only the
/// root is writable (the host's /tmp is a private, empty tmpfs). Each script's output goes to the
/// log; a failing script stops the install with its last lines.
/// </summary>
internal sealed class MaintainerScripts : IDisposable
{
    private const string SystemPath = "/usr/sbin:/usr/bin:/sbin:/bin";
    private const int TailLines = 5;

    private readonly string _root;
    private readonly long _epoch;
    private readonly TextWriter _log;
    private readonly string? _logPath;
    private readonly string _bash;
    private readonly string? _bubblewrap;

    private MaintainerScripts(string root, long epoch, TextWriter log, string? logPath, string bash, string? bubblewrap)
    {
        _root = root;
        _epoch = epoch;
        _log = log;
        _logPath = logPath;
        _bash = bash;
        _bubblewrap = bubblewrap;
    }

    /// <summary>Whether the scripts run in a bubblewrap sandbox.</summary>
    public bool Sandboxed => _bubblewrap is not null;

    /// <summary>Opens the log (replacing an older one) and finds out whether a sandbox can be made.</summary>
    public static MaintainerScripts Start(string root, long epoch, string? logPath)
    {
        TextWriter log = TextWriter.Null;
        if (logPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
            log = new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        }
        // rootfs.mk runs postinsts with bash (its scripts may use bash's extensions); sh when there is none.
        var bash = FindProgram("bash") ?? "/bin/sh";
        var scripts = new MaintainerScripts(root, epoch, log, logPath, bash, null);
        var bubblewrap = FindProgram("bwrap");
        if (bubblewrap is null)
        {
            log.WriteLine("bwrap (bubblewrap) is not installed: maintainer scripts run without a sandbox");
            return scripts;
        }
        string? failure;
        try
        {
            var probe = scripts.Run([bubblewrap, .. SandboxArguments(root), "/bin/sh", "-c", "exit 0"], []);
            failure = probe.ExitCode == 0 ? null : $"exit status {probe.ExitCode}: {probe.Output.Trim()}";
        }
        catch (UserError e)
        {
            failure = e.Message;
        }
        if (failure is not null)
        {
            log.WriteLine($"bwrap cannot make a sandbox here ({failure}); maintainer scripts run without one");
            return scripts;
        }
        return new MaintainerScripts(root, epoch, log, logPath, bash, bubblewrap);
    }

    private const string ScriptMark = "==> postinst of ";
    private const string StatusMark = "==> exit status ";

    /// <summary>
    /// The postinsts in the root, in turn, as rootfs.mk runs them: <c>bash ./usr/lib/opkg/info/NAME.postinst</c>
    /// from the root, stopping at the first that fails. One shell (one sandbox) runs them all, as rootfs.mk's
    /// loop does; marks between them say whose output is whose.
    /// </summary>
    public void RunPostinsts(IReadOnlyList<(string Package, string ScriptInsideRoot)> scripts)
    {
        if (scripts.Count == 0) return;
        var loop = new StringBuilder("exec 2>&1\n");
        foreach (var (name, script) in scripts)
            loop.Append($"echo {Quoted(ScriptMark + name + ": " + script)}; {Quoted(_bash)} {Quoted(script)}; status=$?; ")
                .Append($"echo \"{StatusMark}$status\"; [ $status -eq 0 ] || exit $status\n");
        string[] shell = [_bash, "-c", loop.ToString()];
        var result = Run(_bubblewrap is null ? shell : [_bubblewrap, .. SandboxArguments(_root), .. shell], []);
        _log.Write(result.Output);
        _log.Flush();
        if (result.ExitCode == 0) return;
        // The last script that started is the one that failed; its output is what follows its mark.
        var start = result.Output.LastIndexOf(ScriptMark, StringComparison.Ordinal);
        if (start < 0) throw Failure("postinst", "(the shell that runs them)", result.ExitCode, result.Output);
        var header = result.Output.IndexOf('\n', start);
        var package = result.Output[(start + ScriptMark.Length)..result.Output.IndexOf(':', start)];
        var end = result.Output.IndexOf(StatusMark, header < 0 ? start : header, StringComparison.Ordinal);
        var output = header < 0 ? "" : result.Output[(header + 1)..(end < 0 ? result.Output.Length : end)];
        throw Failure("postinst", package, result.ExitCode, output);
    }

    /// <summary>A preinst, run as opkg runs it before unpacking the package: <c>sh -c "SCRIPT install"</c>, with opkg's variables.</summary>
    public void RunPreinst(string package, string hostScript) =>
        RunScript("preinst", package, "/bin/sh", ["exec 2>&1; exec \"$0\" install", hostScript],
            [("IPKG_NO_SCRIPT", "1"), ("PKG_ROOT", _root + "/"), ("PKG_UPGRADE", "0")]);

    /// <param name="shellArguments">
    /// What follows <c>SHELL -c</c>: the command (which sends stderr to stdout, so the log keeps their order) and its $0.
    /// </param>
    private void RunScript(string kind, string package, string shell, string[] shellArguments, (string Name, string Value)[] extra)
    {
        string[] command = _bubblewrap is null
            ? [shell, "-c", .. shellArguments]
            : [_bubblewrap, .. SandboxArguments(_root), shell, "-c", .. shellArguments];
        _log.WriteLine($"==> {kind} of {package}: {shellArguments[^1]}");
        var result = Run(command, extra);
        _log.Write(result.Output);
        _log.WriteLine($"==> exit status {result.ExitCode}");
        _log.Flush();
        if (result.ExitCode == 0) return;
        throw Failure(kind, package, result.ExitCode, result.Output);
    }

    private UserError Failure(string kind, string package, int status, string output)
    {
        var where = _logPath is null ? "" : $" (all of it is in {_logPath})";
        var tail = Tail(output);
        return new UserError($"{kind} script of package '{package}' failed with exit status {status}" +
            (tail.Length == 0 ? $", printing nothing{where}" : $"; its last output: {tail}{where}"));
    }

    private sealed record Result(int ExitCode, string Output);

    private Result Run(string[] command, (string Name, string Value)[] extra)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = _root,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        for (var i = 1; i < command.Length; i++) start.ArgumentList.Add(command[i]);
        start.Environment.Clear();
        start.Environment["PATH"] = SystemPath;
        start.Environment["IPKG_INSTROOT"] = _root;
        start.Environment["SOURCE_DATE_EPOCH"] = _epoch.ToString(CultureInfo.InvariantCulture);
        start.Environment["TMPDIR"] = _root + "/tmp";
        // OpenWrt's top Makefile exports these; scripts that sort or format dates behave alike everywhere.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";
        start.Environment["TZ"] = "UTC";
        foreach (var (name, value) in extra) start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new UserError($"cannot start {command[0]}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UserError($"cannot start {command[0]}: {e.Message}");
        }
        using var running = process;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output + errors.Result);
    }

    /// <summary>
    /// bubblewrap's view of the host: everything read-only, a private /dev and /tmp, the root
    /// writable (bound after /tmp, so a root under /tmp stays visible).
    /// </summary>
    private static string[] SandboxArguments(string root) =>
        ["--ro-bind", "/", "/", "--dev", "/dev", "--tmpfs", "/tmp", "--bind", root, root, "--die-with-parent", "--chdir", root, "--"];

    private static string Quoted(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var from = Math.Max(0, lines.Length - TailLines);
        return string.Join(" | ", lines[from..]);
    }

    /// <summary>A program in the standard system directories (the build's own PATH may hold wrappers).</summary>
    private static string? FindProgram(string name)
    {
        foreach (var directory in SystemPath.Split(':'))
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    public void Dispose() => _log.Dispose();
}
