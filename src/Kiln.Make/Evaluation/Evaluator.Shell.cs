using System.ComponentModel;
using System.Diagnostics;
using Kiln.Make.Diagnostics;
using Kiln.Make.Functions;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

public sealed partial class Evaluator
{
    /// <summary>
    /// Runs a command for $(shell) or <c>!=</c> with make's environment, sets .SHELLSTATUS, and
    /// returns its output folded onto one line. A command that outlives the shell timeout fails the evaluation.
    /// </summary>
    internal string RunShell(string command, bool trimAllNewlines)
    {
        var shell = ValueOf("SHELL") ?? "";
        var flags = ValueOf(".SHELLFLAGS") ?? "-c";
        var argv = ShellCommand.Build(command, shell, flags);
        if (argv is null) return "";

        var (program, error) = Executables.Resolve(argv[0], Environment.GetValueOrDefault("PATH"), WorkingDirectory);
        if (program is null)
        {
            Output.Diagnostic($"{ProgramName}: {argv[0]}: {Executables.Describe(error)}");
            SetShellStatus(127);
            return "";
        }

        Process process;
        try
        {
            process = Start(program, argv.Skip(1));
        }
        catch (Win32Exception e) when (e.NativeErrorCode == 8)
        {
            // A script without "#!": execvp hands it to /bin/sh, and so does make.
            process = Start("/bin/sh", argv.Skip(1).Prepend(program));
        }
        catch (Win32Exception e)
        {
            Output.Diagnostic($"{ProgramName}: {argv[0]}: {Executables.Describe(e.NativeErrorCode)}");
            SetShellStatus(127);
            return "";
        }

        using (process)
        {
            using var output = new MemoryStream();
            using var errors = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var copyErrors = process.StandardError.BaseStream.CopyToAsync(errors);
            if (!process.WaitForExit(Options.ShellTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new MakeErrorException(ReadingLocation,
                    $"$(shell {command}) did not finish within {Options.ShellTimeout.TotalSeconds:0} seconds and was stopped");
            }
            copy.Wait();
            copyErrors.Wait();
            if (errors.Length > 0) Output.ErrorText(ByteText.Encoding.GetString(errors.GetBuffer(), 0, (int)errors.Length));
            var status = process.ExitCode;
            SetShellStatus(status);
            var text = ByteText.Encoding.GetString(output.GetBuffer(), 0, (int)output.Length);
            // make reads the output as a C string: it ends at a NUL byte.
            var nul = text.IndexOf('\0');
            if (nul >= 0) text = text[..nul];
            if (status == 127)
            {
                // make treats 127 as a failed exec and shows what the command printed on stderr.
                Output.ErrorText(text);
                return "";
            }
            return ShellFunction.FoldNewlines(text, trimAllNewlines);
        }
    }

    private Process Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(ByteText.ToOs(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ByteText.ToOs(WorkingDirectory),
        };
        foreach (var arg in arguments) start.ArgumentList.Add(ByteText.ToOs(arg));
        start.Environment.Clear();
        foreach (var (name, value) in Environment) start.Environment[ByteText.ToOs(name)] = ByteText.ToOs(value);
        return Process.Start(start)!;
    }

    private void SetShellStatus(int status) =>
        Variables.Define(".SHELLSTATUS", status.ToString(System.Globalization.CultureInfo.InvariantCulture), Origin.Override, recursive: false, SourceLocation.None);
}
