using Kiln.Build.HostTools;
using Kiln.Targets.Devices;

namespace Kiln.Images.Devices;

/// <summary>
/// What a device recipe's command needs before it runs: the host tools it calls (HostToolset's
/// table says which, and where each comes from), with those a script of the tree's that it runs
/// calls in turn, and the device trees it reads from KDIR. Checked first so that a missing one is
/// said plainly, not as a shell's "not found" (or, behind make's '-', not at all).
/// </summary>
public static class RecipeInputs
{
    /// <summary>The tree's scripts that recipes run, and the host tools they call in turn (from PATH, staging_dir/host/bin first).</summary>
    private static readonly Dictionary<string, string[]> ScriptsCalling = new(StringComparer.Ordinal)
    {
        ["gen_image_generic.sh"] = ["ptgen", "make_ext4fs", "mkfs.fat", "mcopy", "mmd"],
    };

    /// <summary>Why the command cannot run for lack of a host tool, or null.</summary>
    /// <param name="hostBin">staging_dir/host/bin.</param>
    public static string? MissingTools(string command, string hostBin) =>
        HostToolset.MissingFor(command + CalledByScripts(command), hostBin) is { Count: > 0 } missing ? HostToolset.MissingMessage(missing) : null;

    /// <summary>The tools the command's scripts call, each as a command line of its own, as the table reads a recipe.</summary>
    private static string CalledByScripts(string command)
    {
        var called = "";
        foreach (var word in command.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var bare = word.Trim('"', '\'', '(', ')', ';');
            if (bare.Contains("/scripts/", StringComparison.Ordinal) && ScriptsCalling.TryGetValue(Path.GetFileName(bare), out var tools))
                called += "\n" + string.Join('\n', tools);
        }
        return called;
    }

    /// <summary>A device tree of the device (DEVICE_DTS) that the command reads from KDIR and that is not there.</summary>
    public static string? MissingDeviceTree(string command, Device device, string kernelDirectory)
    {
        foreach (var tree in device.Words("DEVICE_DTS"))
        {
            var file = $"image-{tree}.dtb";
            if (command.Contains(file, StringComparison.Ordinal) && !File.Exists(Path.Combine(kernelDirectory, file))) return file;
        }
        return null;
    }
}
