using System.CommandLine;
using Kiln.Cli.Commands;
using Kiln.Cli.Errors;

namespace Kiln.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Kiln: builds OpenWrt packages and firmware images from their unchanged Makefiles.");
        root.Options.Add(GlobalOptions.TopDir);
        root.Options.Add(GlobalOptions.NoCache);
        root.Subcommands.Add(MakeEvalCommand.Create());
        root.Subcommands.Add(DumpCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(TargetsCommand.Create());
        root.Subcommands.Add(FeedsCommand.Create());
        root.Subcommands.Add(MenuconfigCommand.Create());
        foreach (var command in DeviceCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in BuildCommand.Create()) root.Subcommands.Add(command);
        foreach (var command in ImageCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(ImageBuilderCommand.Create());
        foreach (var command in PackageFileCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in ConfigCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(LintCommand.Create());
        root.Subcommands.Add(CacheCommand.Create());
        // Failures go to the one handler, not System.CommandLine's, which prints stack traces.
        return TopLevelHandler.Run(() =>
        {
            var parsed = root.Parse(args);
            CommandLineErrors.Check(parsed);
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        });
    }
}
