using Kiln.Build.HostTools;
using Kiln.Make.Evaluation;
using Kiln.Targets.Devices;

namespace Kiln.Images.Devices;

/// <summary>A program a recipe command calls that is not there, and how to get it.</summary>
public sealed record MissingProgram(string Name, string Remedy);

/// <summary>
/// What a device recipe's command needs before it runs: the programs it calls (by a path into
/// staging_dir/host/bin, or by the name of a known host tool at the start of a command) and the
/// device trees it reads from KDIR. Checked first so that a missing one is said plainly, not as a
/// shell's "not found" (or, behind make's '-', not at all).
/// </summary>
public static class RecipeInputs
{
    /// <summary>Host tools image recipes call by name (from PATH, where OpenWrt puts staging_dir/host/bin first); usign and ucert only sign when the tree has a certificate, so they are left to the recipe.</summary>
    private static readonly HashSet<string> CalledByName = new(StringComparer.Ordinal) { "fwtool", "mkimage", "dtc", "ptgen" };

    /// <summary>The tree's scripts that recipes run, and the host tools they call in turn (from PATH).</summary>
    private static readonly Dictionary<string, string[]> ScriptsCalling = new(StringComparer.Ordinal)
    {
        ["gen_image_generic.sh"] = ["ptgen", "make_ext4fs", "mkfs.fat", "mcopy", "mmd"],
    };

    /// <param name="hostBin">staging_dir/host/bin.</param>
    public static MissingProgram? MissingProgram(string command, string hostBin, IReadOnlyDictionary<string, string> environment)
    {
        var path = hostBin + ":" + environment.GetValueOrDefault("PATH", "");
        foreach (var program in Programs(command, hostBin))
        {
            var found = program.Contains('/') ? File.Exists(program) : Executables.Locate(program, path) is not null;
            if (found) continue;
            var name = Path.GetFileName(program);
            var tool = HostToolset.All.FirstOrDefault(t => t.Name == name);
            return new MissingProgram(name, tool is not null
                ? $"Debian package {tool.DebianPackage}: apt-get install {tool.DebianPackage}"
                : "OpenWrt builds it in the tree's tools/ (or package/): build it there, or put it in staging_dir/host/bin");
        }
        return null;
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

    /// <summary>
    /// Paths into staging_dir/host/bin anywhere in the command, known tools named first in a command or a pipe, and
    /// the tools a script of the tree's that the command runs calls.
    /// </summary>
    private static IEnumerable<string> Programs(string command, string hostBin)
    {
        var atStart = true;
        foreach (var word in command.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var bare = word.Trim('"', '\'', '(', ')', ';');
            if (bare.StartsWith(hostBin + "/", StringComparison.Ordinal)) yield return bare;
            else if (atStart && CalledByName.Contains(bare)) yield return bare;
            else if (bare.Contains("/scripts/", StringComparison.Ordinal) && ScriptsCalling.TryGetValue(Path.GetFileName(bare), out var called))
                foreach (var tool in called) yield return tool;
            atStart = word is "|" or "||" or "&&" or ";" or "{" or "then" or "do" || word.EndsWith(';');
        }
    }
}
