using System.CommandLine;
using Kiln.Cli.Errors;
using Kiln.Core.Errors;
using Kiln.Lint;
using Kiln.Lint.Reports;
using Kiln.Lint.Rules;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln lint [PATH...] [--json | --sarif] [--built]</c>: OpenWrt's packaging guidelines checked on packages of the tree.</summary>
public static class LintCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Package directories, or directories holding packages (a feed, a category), relative to the tree; default: every package of the tree.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };
        var sarif = new Option<bool>("--sarif") { Description = "Print the findings as SARIF 2.1.0, for code-scanning tools." };
        var built = new Option<bool>("--built") { Description = "Also check what the build produced: patches against the source, the .ipk files and their programs and libraries." };
        var rules = new Option<bool>("--rules") { Description = "List the rules (id, severity, what they check, the guideline) and exit." };
        var command = new Command("lint", "Check packages against OpenWrt's packaging guidelines; exit status 1 when an error is found.") { paths, json, sarif, built, rules };
        command.SetAction(result =>
        {
            if (result.GetValue(rules)) return ListRules();
            if (result.GetValue(json) && result.GetValue(sarif)) throw new UserError("--json and --sarif: choose one output format");
            var topDir = GlobalOptions.Tree(result);
            var options = new LintOptions(topDir, CommandLineErrors.Operands(result.GetValue(paths) ?? []), directory => GlobalOptions.Scan(result, directory))
            {
                Built = result.GetValue(built),
            };
            LintResult lint;
            using (var progress = ProgressReporter.ForStderr("Linting"))
                lint = Linter.Default.Run(options, progress is null ? null : (done, _) => progress.Report(done));
            Write(lint, topDir, result.GetValue(json), result.GetValue(sarif));
            return lint.Failed ? ExitCodes.FindingsFailed : ExitCodes.Success;
        });
        return command;
    }

    private static void Write(LintResult lint, string topDir, bool json, bool sarif)
    {
        if (json || sarif)
        {
            using var stdout = Console.OpenStandardOutput();
            if (json) JsonReport.Write(lint, stdout);
            else SarifReport.Write(lint, topDir, stdout);
            return;
        }
        TextReport.Write(lint, Console.Out);
    }

    private static int ListRules()
    {
        foreach (var rule in LintRules.All)
            Console.WriteLine($"{rule.Id,-36} {rule.Severity.Word(),-8} {rule.Summary}{(rule.NeedsBuild ? " (--built)" : "")}\n{"",-46}{rule.Guideline}");
        return ExitCodes.Success;
    }
}
