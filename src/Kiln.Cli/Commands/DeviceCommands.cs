using System.CommandLine;
using System.Text;
using Kiln.Cli.Output;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Make.Text;
using Kiln.OpenWrt.Evaluation;
using Kiln.Pipeline.Devices;
using Kiln.Targets.Devices;
using Kiln.Targets.Plans;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln devices</c>, <c>kiln device</c> and <c>kiln plan</c>: a subtarget's devices read from
/// its image Makefiles, and what building each of them makes, step by step.
/// </summary>
public static class DeviceCommands
{
    private static readonly Option<string?> Config = new("--config")
    {
        Description = "The .config to read the images with "
            + "(default: TREE/.config when it is for this target, else every device with Kconfig's defaults).",
        HelpName = "FILE",
    };

    public static IEnumerable<Command> Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: id, vars, images with their steps." };

        var devicesTarget = Target();
        var devices = new Command("devices", "List the devices of a target, or print them all as JSON.") { devicesTarget, json, Config };
        devices.SetAction(result => Run(result, result.GetValue(devicesTarget)!, set =>
        {
            if (result.GetValue(json)) DeviceJson.Write(Stdout(), set, set.Devices, detailed: false);
            else Console.Out.Write(DeviceTable(set));
        }));
        yield return devices;

        var deviceTarget = Target();
        var name = new Argument<string>("NAME") { Description = "The device's name (as in TARGET_DEVICES)." };
        var deviceJson = new Option<bool>("--json") { Description = "Print JSON: vars, images with their steps and shell commands." };
        var device = new Command("device", "Show one device, fully expanded, with its build plan.") { deviceTarget, name, deviceJson, Config };
        device.SetAction(result => Run(result, result.GetValue(deviceTarget)!, set =>
        {
            var found = Find(set, result.GetValue(name)!);
            if (result.GetValue(deviceJson)) DeviceJson.Write(Stdout(), set, [found], detailed: true);
            else Console.Out.Write(DeviceText.Describe(set, found));
        }, onlyDevice: result.GetValue(name)));
        yield return device;

        var planTarget = Target();
        var only = new Option<string?>("--device") { Description = "Only this device.", HelpName = "NAME" };
        var compare = new Option<string?>("--compare")
        {
            Description = "Compare the plans with a dry run of OpenWrt's image build (make -n; @TOPDIR@ stands for the tree) "
                + "and report the devices that differ.",
            HelpName = "DRYRUN",
        };
        var plan = new Command("plan", "Print what building each device makes: its files, and the steps of each, one per line.")
        {
            planTarget, only, compare, Config,
        };
        plan.SetAction(result => Run(result, result.GetValue(planTarget)!, set =>
        {
            if (result.GetValue(compare) is { } dryRun) return Compare(set, dryRun, GlobalOptions.Tree(result));
            var device = result.GetValue(only);
            var plans = device is null ? set.Plans : set.Plans.Where(p => p.Device == Find(set, device).Name);
            var text = new StringBuilder();
            foreach (var p in plans) text.Append(DeviceText.Plan(p));
            Console.Out.Write(ByteText.ToOs(text.ToString()));
            return ExitCodes.Success;
        }, onlyDevice: result.GetValue(only)));
        yield return plan;
    }

    private static Argument<string> Target() => new("TARGET") { Description = "BOARD/SUBTARGET, e.g. ath79/generic." };

    private static int Run(ParseResult result, string target, Action<DeviceSet> show, string? onlyDevice = null) =>
        Run(result, target, set =>
        {
            show(set);
            return ExitCodes.Success;
        }, onlyDevice);

    /// <summary>
    /// Reads the target's devices, runs <paramref name="show"/>, then reports the devices that
    /// failed (only the one asked for, if any).
    /// </summary>
    private static int Run(ParseResult result, string target, Func<DeviceSet, int> show, string? onlyDevice = null)
    {
        var topDir = GlobalOptions.Tree(result);
        var (chosen, set) = SubtargetDevices.Load(topDir, ByteText.FromOs(target), result.GetValue(Config), TimeSpan.FromSeconds(60),
            GlobalOptions.CacheDirectory(result));
        var errors = set.Errors.Where(e => onlyDevice is null || e.Device == ByteText.FromOs(onlyDevice)).ToList();
        Console.Error.Write(ByteText.ToOs(set.Diagnostics));
        var status = errors.Count > 0 && onlyDevice is not null ? ExitCodes.Failure : show(set);
        foreach (var error in errors)
            Console.Error.WriteLine(ByteText.ToOs($"{error.Location.File}:{error.Location.Line}: *** Device/{error.Device}: {error.Reason}."));
        if (chosen.IsDefault && File.Exists(Path.Combine(topDir, ".config")))
            Console.Error.WriteLine($"kiln: note: {target} read with {chosen} (the tree's .config is for another target)");
        return errors.Count > 0 ? ExitCodes.Failure : status;
    }

    private static Device Find(DeviceSet set, string name) =>
        set.Devices.FirstOrDefault(d => d.Name == ByteText.FromOs(name))
        ?? throw new UserError($"{set.Target} has no device {name}"
            + (set.Errors.Any(e => e.Device == ByteText.FromOs(name)) ? " that could be read" : ""));

    private static string DeviceTable(DeviceSet set)
    {
        var table = new TextTable("DEVICE", "SELECTED", "IMAGES", "TITLE");
        var plans = set.Plans.ToDictionary(p => p.Device, StringComparer.Ordinal);
        foreach (var device in set.Devices)
        {
            var images = plans.TryGetValue(device.Name, out var plan) ? plan.Files.Count(f => f.Kind != FileKind.Kernel).ToString() : "-";
            table.Add(ByteText.ToOs(device.Name), device.Selected ? "yes" : "no", images, ByteText.ToOs(device.Variable("DEVICE_TITLE")));
        }
        return table + $"{set.Devices.Count} devices, {set.Devices.Count(d => d.Selected)} selected\n";
    }

    private static int Compare(DeviceSet set, string dryRunFile, string topDir)
    {
        var tree = ByteText.FromOs(MakefileTree(topDir));
        var text = ByteText.Encoding.GetString(File.ReadAllBytes(ExistingFile.Require(dryRunFile)));
        var lines = text.Split('\n').Select(l => l.Replace("@TOPDIR@", tree)).ToList();
        var results = DryRunComparison.Compare(lines, set.Plans);
        foreach (var result in results.Where(r => !r.Matches))
        {
            Console.Out.WriteLine(ByteText.ToOs(result.Device));
            foreach (var problem in result.Problems) Console.Out.WriteLine("  " + ByteText.ToOs(problem.Replace(tree + "/", "")));
        }
        var matching = results.Count(r => r.Matches);
        Console.Out.WriteLine($"{matching}/{results.Count} devices match ({(results.Count == 0 ? 0 : 100.0 * matching / results.Count):0.0}%)");
        return matching == results.Count ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string MakefileTree(string topDir) => MakefileDump.Canonical(topDir);

    private static Stream Stdout() => Console.OpenStandardOutput();
}
