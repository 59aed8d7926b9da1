using Kiln.Make.Diagnostics;
using Kiln.Make.Text;
using Kiln.Packages.Scanning;
using Kiln.Targets.Plans;

namespace Kiln.Targets.Devices;

/// <summary>
/// Reads a subtarget's image Makefile (target/linux/BOARD/image) the way a firmware build reads
/// it, with a configuration, and returns its devices as BuildImage leaves them.
/// </summary>
public sealed class DeviceReader
{
    private readonly MakefileDump _dump;

    /// <param name="configFile">The .config of the build (it selects the board, subtarget, file systems...); null: the tree's.</param>
    public DeviceReader(string topDirectory, string? configFile, TimeSpan shellTimeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        DeviceCollector.Register();
        _dump = new MakefileDump(topDirectory, environment, shellTimeout, configFile);
    }

    public string TopDirectory => _dump.TopDirectory;

    /// <summary>
    /// The devices of BOARD/SUBTARGET, with their build plans; the configuration must be for that
    /// subtarget. A device whose plan cannot be made (a pipeline naming a command that does not
    /// exist) has an error instead, and the others are still planned.
    /// </summary>
    public DeviceSet Read(string board, string subtarget)
    {
        var relative = $"target/linux/{board}/image";
        var directory = Path.Combine(_dump.TopDirectory, relative);
        if (!Directory.Exists(directory))
            throw new MakeErrorException(SourceLocation.None, $"{relative}: no such directory in {_dump.TopDirectory}");
        var collector = new DeviceCollector();
        string configured = "", kernelDirectory = "", binDirectory = "";
        var plans = new List<DevicePlan>();
        var errors = new List<string>();
        var result = _dump.Run(directory, relative, ["TARGET_BUILD=1"], hostContext: collector, inspect: ev =>
        {
            configured = $"{ev.ValueOf("BOARD")}/{ev.ValueOf("SUBTARGET")}";
            kernelDirectory = ev.ValueOf("KDIR") ?? "";
            binDirectory = ev.ValueOf("BIN_DIR") ?? "";
            var builder = new PlanBuilder(ev);
            foreach (var device in collector.Devices)
            {
                try
                {
                    plans.Add(builder.Build(device));
                }
                catch (MakeErrorException e)
                {
                    errors.Add(Relative(e.Format("make"), relative));
                }
            }
        });
        if (result.Error is not null) throw new MakeErrorException(SourceLocation.None, result.Error);
        if (configured != $"{board}/{subtarget}")
            throw new MakeErrorException(SourceLocation.None, $"the configuration is for {(configured == "/" ? "no target" : configured)}, not {board}/{subtarget} (give one with --config)");
        return new DeviceSet(board, subtarget, collector.Devices, plans, errors, kernelDirectory, binDirectory, result.Stderr);
    }

    /// <summary>A message about one of the image directory's own files names it from the tree.</summary>
    private static string Relative(string message, string relativeDirectory) =>
        message.Length > 0 && message[0] != '/' ? relativeDirectory + "/" + message : message;
}

/// <summary>The devices of one subtarget, their plans (and the errors of those that have none), and where its build puts files.</summary>
public sealed record DeviceSet(
    string Board,
    string Subtarget,
    IReadOnlyList<Device> Devices,
    IReadOnlyList<DevicePlan> Plans,
    IReadOnlyList<string> Errors,
    string KernelDirectory,
    string BinDirectory,
    string Diagnostics);
