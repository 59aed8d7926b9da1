using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.OpenWrt.Configuration;
using Kiln.OpenWrt.Evaluation;
using Kiln.Targets.Plans;

namespace Kiln.Targets.Devices;

/// <summary>
/// Reads a subtarget's image Makefile (target/linux/BOARD/image) the way a firmware build reads
/// it, with a configuration, and returns its devices as BuildImage leaves them, with their plans.
/// </summary>
public sealed class DeviceReader
{
    private readonly MakefileDump _dump;

    /// <param name="config">The .config of the build (it selects the board, subtarget, file systems...).</param>
    public DeviceReader(string topDirectory, DotConfig config, TimeSpan shellTimeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        _dump = new MakefileDump(topDirectory, environment, shellTimeout, config);
    }

    public string TopDirectory => _dump.TopDirectory;

    /// <summary>
    /// The devices of BOARD/SUBTARGET, with their build plans; the configuration must be for that
    /// subtarget. A device that cannot be read or planned (undefined, a make error in its block, a
    /// size that is not one, a pipeline naming a command that does not exist) has an error instead,
    /// and the others are still planned. An error outside the devices stops the whole reading.
    /// </summary>
    /// <param name="subtarget">Null for a board without subtargets.</param>
    public DeviceSet Read(string board, string? subtarget)
    {
        var relative = $"target/linux/{board}/image";
        var directory = ExistingDirectory.Require(_dump.TopDirectory, relative);
        var collector = new DeviceCollector();
        string configured = "", kernelDirectory = "", binDirectory = "";
        var plans = new List<DevicePlan>();
        var errors = new List<DeviceError>();
        var result = _dump.Run(directory, relative, ["TARGET_BUILD=1"], functions: collector.Functions, inspect: ev =>
        {
            configured = $"{ev.ValueOf("BOARD")}/{ev.ValueOf("SUBTARGET")}";
            kernelDirectory = ev.ValueOf("KDIR") ?? "";
            binDirectory = ev.ValueOf("BIN_DIR") ?? "";
            Plan(ev, collector.Devices, plans, errors);
        });
        if (result.Error is not null) throw new UserError(SourceLocation.None, result.Error);
        var wanted = $"{board}/{subtarget}";
        // A board without subtargets is BOARD/generic in OpenWrt's menus.
        if (configured != wanted && !(subtarget == "generic" && configured == board + "/"))
            throw new UserError(SourceLocation.None,
                $"the configuration is for {(configured == "/" ? "no target" : configured.TrimEnd('/'))}, not {wanted.TrimEnd('/')}");
        errors.InsertRange(0, collector.Errors);
        var physical = ByteText.FromOs(directory);
        var located = errors.Select(e => e with { Location = FromTree(e.Location, physical, relative) })
            .OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ToList();
        var devices = collector.Devices.Select(d => d with { Definition = FromTree(d.Definition, physical, relative) }).ToList();
        return new DeviceSet(board, subtarget, devices, plans, located, kernelDirectory, binDirectory, result.Stderr);
    }

    /// <summary>
    /// Plans each device on the evaluator that read the image Makefile (once reading is over); a device that cannot be
    /// planned gets an error instead, and the evaluator is as it was before it.
    /// </summary>
    public static void Plan(Evaluator evaluator, IEnumerable<Device> devices, List<DevicePlan> plans, List<DeviceError> errors)
    {
        var builder = new PlanBuilder(evaluator);
        foreach (var device in devices)
        {
            if (evaluator.Attempt(() => plans.Add(builder.Build(device))) is { } error)
                errors.Add(new DeviceError(device.Name, device.Definition, error.Reason));
        }
    }

    /// <summary>A file of the image directory named from the tree (target/linux/BOARD/image/generic.mk).</summary>
    private static SourceLocation FromTree(SourceLocation location, string directory, string relative) =>
        location.File is not { } file ? location
        : file.Length > 0 && file[0] != '/' ? location with { File = relative + "/" + file }
        : file.StartsWith(directory + "/", StringComparison.Ordinal) ? location with { File = relative + file[directory.Length..] }
        : location;
}

/// <summary>The devices of one subtarget, their plans (and the errors of those that have none), and where its build puts files.</summary>
public sealed record DeviceSet(
    string Board,
    string? Subtarget,
    IReadOnlyList<Device> Devices,
    IReadOnlyList<DevicePlan> Plans,
    IReadOnlyList<DeviceError> Errors,
    string KernelDirectory,
    string BinDirectory,
    string Diagnostics)
{
    public string Target => Subtarget is null ? Board : $"{Board}/{Subtarget}";
}
