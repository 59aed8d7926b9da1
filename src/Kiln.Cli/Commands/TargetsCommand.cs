using System.CommandLine;
using Kiln.Cli.Output;
using Kiln.Make.Text;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln targets</c>: every board and subtarget of the tree, as a table.</summary>
public static class TargetsCommand
{
    public static Command Create()
    {
        var command = new Command("targets", "List the tree's targets: each subtarget with its architecture, kernel and number of devices.");
        command.SetAction(result => Run(GlobalOptions.TargetScan(result)));
        return command;
    }

    private static int Run(TargetScanOptions scan)
    {
        var catalog = TargetCatalog.Read(scan);
        var table = new TextTable("TARGET", "ARCH", "PACKAGES", "LINUX", "DEVICES", "NAME");
        // A board with subtargets is listed through them; its own entry only holds their defaults.
        var listed = catalog.Targets.Where(t => t.Subtarget is not null || !catalog.Targets.Any(s => s.Board == t.Board && s.Subtarget is not null));
        var count = 0;
        foreach (var target in listed)
        {
            var devices = target.Devices.Count();
            table.Add(Os(target.Id), Os(target.Arch), Os(target.ArchPackages), Os(target.LinuxVersion), devices > 0 ? devices.ToString() : "-",
                Os(target.Name));
            count++;
        }
        Console.Out.Write(table.ToString());
        var boards = catalog.Targets.Select(t => t.Board).Distinct().Count();
        Console.Out.WriteLine($"{count} target{(count == 1 ? "" : "s")} on {boards} board{(boards == 1 ? "" : "s")}");
        foreach (var failure in catalog.Failures) Console.Error.WriteLine(Os(failure));
        return catalog.Failures.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Os(string byteText) => ByteText.ToOs(byteText);
}
