namespace Kiln.Targets.Plans;

/// <summary>What building one device makes: its kernel, initramfs, images and artifacts.</summary>
/// <param name="Device">The device's name (Device/NAME).</param>
/// <param name="DeviceId">Its DEVICE_NAME, what profiles.json and the image rules call it (the name unless its block sets another).</param>
public sealed record DevicePlan(string Device, string DeviceId, IReadOnlyList<PlannedFile> Files);

/// <summary>The kinds of file a device's build makes.</summary>
public enum FileKind
{
    Kernel,
    Initramfs,
    Image,
    Artifact,
}

/// <summary>
/// One file a device's build makes: its recipe as commands (the steps of its pipeline, each with
/// the shell commands it expands to, between the fixed commands the image rules add), where it
/// goes, what it is made from, and what profiles.json records of it.
/// </summary>
/// <param name="Name">The file's name in bin/targets/BOARD/SUBTARGET (empty for a kernel that is not installed).</param>
/// <param name="Type">What profiles.json calls it: kernel, sysupgrade, factory, combined, rootfs...</param>
/// <param name="Filesystem">The root file system of an image (squashfs, ext4...), else null.</param>
/// <param name="Target">The file the recipe makes (in the kernel build directory).</param>
/// <param name="Inputs">What it is made from: the kernel, then the root file system image.</param>
/// <param name="Recipe">Each command of the recipe, in order, with the step it belongs to.</param>
/// <param name="Profile">The fields scripts/json_add_image_info.py records for profiles.json, or none.</param>
public sealed record PlannedFile(
    FileKind Kind,
    string Name,
    string Type,
    string? Filesystem,
    string Target,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<RecipeCommand> Recipe,
    IReadOnlyList<KeyValuePair<string, string>> Profile);

/// <summary>One pipeline step: Build/COMMAND called with ARGUMENTS (after expansion).</summary>
/// <param name="BoardDefined">The command is the board's own (defined in its image Makefiles), not one of Kiln's.</param>
public sealed record PlanStep(string Command, IReadOnlyList<string> Arguments, bool BoardDefined)
{
    public override string ToString() => Arguments.Count == 0 ? Command : Command + " " + string.Join(' ', Arguments);
}

/// <summary>A shell command of a recipe, and the step it comes from (-1 for the commands the rule itself adds).</summary>
/// <param name="IgnoreErrors">The line had make's '-' prefix: its failure does not stop the recipe.</param>
public sealed record RecipeCommand(string Command, int Step, bool IgnoreErrors = false);
