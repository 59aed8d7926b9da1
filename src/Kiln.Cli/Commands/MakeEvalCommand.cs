using System.CommandLine;
using Kiln.Make.Diagnostics;
using Kiln.Make.Driver;
using Kiln.Make.Syntax;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln make-eval</c>: reads makefiles exactly as GNU make does before it builds anything
/// (as <c>make -s</c>), printing what reading prints; optionally shows variables afterwards.
/// </summary>
public static class MakeEvalCommand
{
    public static Command Create()
    {
        var files = new Option<string[]>("-f", "--file", "--makefile") { Description = "Read FILE as a makefile.", HelpName = "FILE" };
        var dirs = new Option<string[]>("-C", "--directory") { Description = "Change to DIR before reading makefiles.", HelpName = "DIR" };
        var includes = new Option<string[]>("-I", "--include-dir") { Description = "Search DIR for included makefiles.", HelpName = "DIR" };
        var print = new Option<string[]>("--print") { Description = "After reading, print the expanded value of VAR.", HelpName = "VAR" };
        var dump = new Option<bool>("--dump") { Description = "After reading, print every makefile variable (flavour and unexpanded value), " +
            "sorted." };
        var silent = new Option<bool>("-s", "--silent", "--quiet") { Description = "Accepted for compatibility; make-eval is always silent." };
        var envOverrides = new Option<bool>("-e", "--environment-overrides") { Description = "Environment variables override makefiles." };
        var noRules = new Option<bool>("-r", "--no-builtin-rules") { Description = "No built-in rules (as make -r)." };
        var noVariables = new Option<bool>("-R", "--no-builtin-variables") { Description = "No built-in rule variables (as make -R)." };
        var timeout = new Option<int>("--shell-timeout") { Description = "Seconds one $(shell) command may run.", DefaultValueFactory = _ => 120 };
        var rest = new Argument<string[]>("VAR=VALUE|GOAL") { Arity = ArgumentArity.ZeroOrMore,
            Description = "Variable assignments and goals, as for make." };

        var command = new Command("make-eval", "Read makefiles as GNU make 4.3 does and print what reading prints.")
        {
            files, dirs, includes, print, dump, silent, envOverrides, noRules, noVariables, timeout, rest,
        };
        command.SetAction(result =>
        {
            var positional = result.GetValue(rest) ?? [];
            var assignments = positional.Where(IsAssignment).ToArray();
            var settings = new MakeRun.Settings(
                result.GetValue(files) ?? [],
                result.GetValue(dirs) ?? [],
                result.GetValue(includes) ?? [],
                assignments,
                positional.Where(p => !IsAssignment(p)).ToArray(),
                result.GetValue(print) ?? [],
                result.GetValue(dump),
                result.GetValue(envOverrides),
                TimeSpan.FromSeconds(result.GetValue(timeout)),
                result.GetValue(noRules) || result.GetValue(noVariables),
                result.GetValue(noVariables));
            return MakeRun.Run(settings, StreamMakeOutput.Process);
        });
        return command;
    }

    private static bool IsAssignment(string arg) => CommandLineAssignment.IsAssignment(arg);
}
