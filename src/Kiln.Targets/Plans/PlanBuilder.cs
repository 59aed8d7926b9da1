using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Text;
using Kiln.Make.Variables;
using Kiln.Targets.Devices;

namespace Kiln.Targets.Plans;

/// <summary>
/// Turns a device into the files its build makes, each with its recipe expanded as make would
/// expand it when building: the rule's own commands, then each pipeline step ("cmd args" between
/// '|') as Build/cmd expands with the device's exported values, $@ and $^. Runs on the evaluator
/// that read the image Makefile, once reading is over (recipes see the final global values).
/// </summary>
public sealed class PlanBuilder(Evaluator evaluator)
{
    private Evaluator Evaluator { get; } = evaluator;

    private readonly string _kernelDirectory = evaluator.ValueOf("KDIR") ?? "";
    private readonly string _makefile = (evaluator.ValueOf("CURDIR") ?? "") + "/Makefile";
    private readonly bool _initramfs = !string.IsNullOrEmpty(evaluator.ValueOf("CONFIG_TARGET_ROOTFS_INITRAMFS"));
    private readonly bool _perDeviceRootfs = !string.IsNullOrEmpty(evaluator.ValueOf("TARGET_PER_DEVICE_ROOTFS"));
    private readonly string _apiCommands = (evaluator.ValueOf("INCLUDE_DIR") ?? "") + "/image-commands.mk";

    /// <summary>The device's plan; a size that is not one, or a pipeline naming a command that does not exist, stops it (a make error).</summary>
    public DevicePlan Build(Device device)
    {
        foreach (var size in (string[])["IMAGE_SIZE", "KERNEL_SIZE"])
        {
            var value = device.Variable(size);
            if (value.Length > 0 && !IsSize(value))
                throw new UserError(device.Definition, $"{size} \"{value}\" is not a size (a number, optionally followed by k, m or g)");
        }
        var files = new List<PlannedFile> { Kernel(device) };
        if (_initramfs && device.Variable("KERNEL_INITRAMFS").Length > 0) files.Add(Initramfs(device));
        files.AddRange(device.Images.Select(image => Image(device, image)));
        files.AddRange(device.Artifacts.Select(artifact => Artifact(device, artifact)));
        return new DevicePlan(device.Name, device.Variable("DEVICE_NAME"), files);
    }

    /// <summary>What exp_units and the shell's arithmetic accept: decimal or 0x hex digits, then k, m or g at most.</summary>
    internal static bool IsSize(string value)
    {
        var digits = value.Length > 0 && value[^1] is 'k' or 'm' or 'g' ? value[..^1] : value;
        if (digits.StartsWith("0x", StringComparison.Ordinal)) return digits.Length > 2 && digits[2..].All(char.IsAsciiHexDigit);
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    private PlannedFile Kernel(Device device)
    {
        var target = device.Variable("KDIR_KERNEL_IMAGE");
        string[] inputs = [$"{_kernelDirectory}/{device.Variable("KERNEL_NAME")}", _makefile, .. device.Words("KERNEL_DEPENDS"), "image_prepare"];
        var recipe = new Recipe(this, device, filesystem: "", target, inputs);
        recipe.Pipeline(device.Pipeline("KERNEL") ?? "");
        if (device.Variable("KERNEL_SIZE").Length > 0) recipe.Step("check-size " + device.Variable("KERNEL_SIZE"), viaBuildCommand: false);
        var name = device.Variable("KERNEL_INSTALL").Length > 0 ? device.Variable("KERNEL_IMAGE") : "";
        return recipe.File(FileKind.Kernel, name, "kernel", null, profile: []);
    }

    private PlannedFile Initramfs(Device device)
    {
        var name = device.Variable("KERNEL_INITRAMFS_IMAGE");
        var rootfsId = _perDeviceRootfs ? "." + Evaluator.ValueOf($"ROOTFS_ID/{device.Name}") : "";
        string[] inputs = [$"{_kernelDirectory}/{device.Variable("KERNEL_INITRAMFS_NAME")}{rootfsId}", _makefile, .. device.Words("KERNEL_DEPENDS"),
            "image_prepare"];
        // OpenWrt exports the device's name as FILESYSTEM to the initramfs rule.
        var recipe = new Recipe(this, device, filesystem: device.Name, $"{_kernelDirectory}/tmp/{name}", inputs);
        recipe.Pipeline(device.Variable("KERNEL_INITRAMFS"));
        return recipe.File(FileKind.Initramfs, name, "kernel", "initramfs", Profile(device, name, "kernel", "initramfs"));
    }

    private PlannedFile Image(Device device, DeviceImage image)
    {
        string[] inputs = [device.Variable("KDIR_KERNEL_IMAGE"), image.RootFilesystem, .. _initramfs ? [$"{device.Name}-initramfs-images"]
            : Array.Empty<string>()];
        var recipe = new Recipe(this, device, image.Filesystem, $"{_kernelDirectory}/tmp/{image.TemporaryName}", inputs);
        recipe.Command("[ -f $(word 1,$^) -a -f $(word 2,$^) ]");
        recipe.Pipeline(image.Pipeline);
        // Like the file name, the type reaches the profiles.json recipe unexpanded.
        var type = Evaluator.Expand(Evaluator.ExpandWith("$(word 1,$(subst ., ,$(kiln_image)))", [KeyValuePair.Create("kiln_image", image.Image)]));
        return recipe.File(FileKind.Image, image.FileName, type, image.Filesystem, Profile(device, Evaluator.Expand(image.RecordedName), type,
            image.Filesystem));
    }

    private PlannedFile Artifact(Device device, DeviceArtifact artifact)
    {
        string[] inputs = [device.Variable("KDIR_KERNEL_IMAGE"), .. _initramfs ? [$"{device.Name}-initramfs-images"] : Array.Empty<string>(),
            $"{device.Name}-images"];
        var recipe = new Recipe(this, device, filesystem: "", $"{_kernelDirectory}/tmp/{artifact.FileName}", inputs);
        recipe.Pipeline(artifact.Pipeline);
        return recipe.File(FileKind.Artifact, artifact.FileName, artifact.Artifact, null, Profile(device, artifact.FileName, artifact.Artifact,
            null));
    }

    private Device? _variablesOf;
    private VariableSet? _deviceVariables;

    /// <summary>The device's exported values as its targets see them; made once for all of its recipes.</summary>
    private VariableSet DeviceVariables(Device device)
    {
        if (_variablesOf != device)
        {
            _deviceVariables = Evaluator.LocalVariables(device.Exported.Select(name => KeyValuePair.Create(name, device.Variable(name))));
            _variablesOf = device;
        }
        return _deviceVariables!;
    }

    /// <summary>What scripts/json_add_image_info.py receives for the file (profiles.json).</summary>
    private List<KeyValuePair<string, string>> Profile(Device device, string fileName, string type, string? filesystem)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("DEVICE_ID", device.Variable("DEVICE_NAME")),
            new("FILE_NAME", fileName),
            new("FILE_TYPE", type),
        };
        if (filesystem is not null) fields.Add(new("FILE_FILESYSTEM", filesystem));
        foreach (var name in (string[])["DEVICE_IMG_PREFIX", "DEVICE_VENDOR", "DEVICE_MODEL", "DEVICE_VARIANT"])
            fields.Add(new(name, device.Variable(name)));
        for (var n = 0; n <= 5; n++)
            foreach (var part in (string[])["VENDOR", "MODEL", "VARIANT"])
                fields.Add(new($"DEVICE_ALT{n}_{part}", device.Variable($"DEVICE_ALT{n}_{part}")));
        fields.Add(new("DEVICE_TITLE", device.Variable("DEVICE_TITLE")));
        fields.Add(new("DEVICE_PACKAGES", device.Variable("DEVICE_PACKAGES")));
        fields.Add(new("TARGET", Evaluator.ValueOf("BOARD") ?? ""));
        fields.Add(new("SUBTARGET", Evaluator.ValueOf("SUBTARGET") ?? ""));
        fields.Add(new("VERSION_NUMBER", Evaluator.ValueOf("VERSION_NUMBER") ?? ""));
        fields.Add(new("VERSION_CODE", Evaluator.ValueOf("VERSION_CODE") ?? ""));
        fields.Add(new("SUPPORTED_DEVICES", device.Variable("SUPPORTED_DEVICES")));
        return fields;
    }

    /// <summary>A recipe being expanded: the target's variables, $@ and $^, and the commands so far.</summary>
    private sealed class Recipe
    {
        private readonly PlanBuilder _builder;
        private readonly string _target;
        private readonly IReadOnlyList<string> _inputs;
        private readonly VariableSet _deviceVariables;
        private readonly VariableSet _ruleVariables;
        private readonly List<PlanStep> _steps = [];
        private readonly List<RecipeCommand> _commands = [];

        public Recipe(PlanBuilder builder, Device device, string filesystem, string target, IReadOnlyList<string> inputs)
        {
            _builder = builder;
            _target = target;
            _inputs = inputs;
            var prerequisites = inputs.Distinct(StringComparer.Ordinal).ToList();
            _deviceVariables = builder.DeviceVariables(device);
            _ruleVariables = builder.Evaluator.LocalVariables(
            [
                new("FILESYSTEM", filesystem),
                new("@", target),
                new("^", string.Join(' ', prerequisites)),
                new("+", string.Join(' ', inputs)),
                new("<", prerequisites.FirstOrDefault() ?? ""),
            ]);
            Command("rm -f $@");
        }

        /// <summary>A command the rule itself has (not a pipeline step).</summary>
        public void Command(string text) => Add(Expand(text), step: -1);

        /// <summary>The steps of a pipeline, split as OpenWrt's split_args splits it once expanded.</summary>
        public void Pipeline(string pipeline)
        {
            var expanded = Expand(pipeline);
            foreach (var group in expanded.Replace(' ', '^').Replace('|', ' ').Split((char[])[' ', '\t', '\n'],
                StringSplitOptions.RemoveEmptyEntries))
            {
                var step = string.Join(' ', group.Replace('^', ' ').Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
                if (step.Length > 0) Step(step, viaBuildCommand: true);
            }
        }

        /// <summary>One step "cmd args": build_cmd checks that Build/cmd exists, then calls it.</summary>
        public void Step(string step, bool viaBuildCommand)
        {
            var words = step.Split(' ');
            var definition = _builder.Evaluator.Variables.Lookup("Build/" + words[0])?.Location.File;
            _steps.Add(new PlanStep(words[0], words[1..], definition is not null && definition != _builder._apiCommands));
            var stepVariables = _builder.Evaluator.LocalVariables([new("kiln_step", step)]);
            var text = _builder.Evaluator.ExpandWith(viaBuildCommand ? BuildCommand : DirectCommand,
                [_deviceVariables, _ruleVariables, stepVariables]);
            Add(text, _steps.Count - 1);
        }

        private const string BuildCommand = "$(call build_cmd,$(kiln_step))";
        private const string DirectCommand = "$(call Build/$(firstword $(kiln_step)),$(wordlist 2,$(words $(kiln_step)),$(kiln_step)))";

        private string Expand(string text) => _builder.Evaluator.ExpandWith(text, [_deviceVariables, _ruleVariables]);

        public PlannedFile File(FileKind kind, string name, string type, string? filesystem, IReadOnlyList<KeyValuePair<string, string>> profile) =>
            new(kind, name, type, filesystem, _target, _inputs, _steps, _commands, profile);

        /// <summary>
        /// Each line of expanded recipe text is a command, as make runs it: leading blanks and @-+
        /// (in any mix) removed, '-' remembered; empty ones, and shell comments, which run nothing, dropped.
        /// </summary>
        private void Add(string text, int step)
        {
            foreach (var line in text.Split('\n'))
            {
                // A line after a backslash continues the command before it: its '-' is no prefix.
                var continuation = _commands.Count > 0 && _commands[^1].Command.EndsWith('\\');
                var command = line.TrimStart(' ', '\t', '@', '-', '+');
                var ignoreErrors = !continuation && line.AsSpan(0, line.Length - command.Length).Contains('-');
                if (command.Length > 0 && command[0] != '#') _commands.Add(new RecipeCommand(command, step, ignoreErrors));
            }
        }
    }
}
