using Kiln.Make.Evaluation;
using Kiln.Make.Functions;

namespace Kiln.Targets.Devices;

/// <summary>
/// Takes each device when Kiln's image.mk builds it (<c>$(kiln-device NAME)</c> from
/// Device/Build), with the values OpenWrt's image rules would take at that moment.
/// </summary>
public sealed class DeviceCollector
{
    /// <summary>Besides the exported variables: what plans and profiles read.</summary>
    private static readonly string[] ExtraVariables =
    [
        "DEVICE_TITLE", "DEVICE_ALT0_TITLE", "DEVICE_ALT1_TITLE", "DEVICE_ALT2_TITLE", "DEVICE_ALT3_TITLE",
        "DEVICE_ALT4_TITLE", "DEVICE_ALT5_TITLE", "DEVICE_DESCRIPTION", "IMAGES", "ARTIFACTS", "FILESYSTEMS",
        "COMPILE", "KERNEL_NAME", "KERNEL_SUFFIX", "KERNEL_IMAGE", "KERNEL_INSTALL", "KERNEL_DEPENDS",
        "KERNEL_INITRAMFS_NAME", "KERNEL_INITRAMFS_SUFFIX", "KDIR_KERNEL_IMAGE", "BROKEN", "DEFAULT", "_PROFILE_SET",
    ];

    private readonly List<Device> _devices = [];

    public IReadOnlyList<Device> Devices => _devices;

    /// <summary>Adds <c>kiln-device</c>; call it before any image Makefile is parsed (again is harmless).</summary>
    public static void Register() =>
        FunctionTable.Extend("kiln-device", 1, 1, (ev, args) =>
        {
            (ev.Options.HostContext as DeviceCollector)?.Take(ev, args[0].Trim());
            return "";
        });

    private void Take(Evaluator ev, string name)
    {
        var exported = Words(ev, "DEVICE_VARS").Concat(Words(ev, "DEFAULT_DEVICE_VARS")).Distinct(StringComparer.Ordinal).ToList();
        var variables = exported.Concat(ExtraVariables).Distinct(StringComparer.Ordinal)
            .Select(v => KeyValuePair.Create(v, ev.ValueOf(v) ?? "")).ToList();

        var pipelines = new List<KeyValuePair<string, string>>();
        void Pipeline(string variable)
        {
            if (ev.Variables.Lookup(variable) is not null) pipelines.Add(KeyValuePair.Create(variable, ev.ValueOf(variable) ?? ""));
        }
        Pipeline("KERNEL");
        Pipeline("KERNEL_INITRAMFS");
        foreach (var compile in Words(ev, "COMPILE")) Pipeline("COMPILE/" + compile);

        // As Device/Build/image names and feeds each image: file systems the build makes, in the device's order.
        var filesystems = Words(ev, "TARGET_FILESYSTEMS");
        var images = new List<DeviceImage>();
        foreach (var image in Words(ev, "IMAGES"))
        {
            foreach (var fs in Words(ev, "FILESYSTEMS").Where(filesystems.Contains))
            {
                var temporary = ev.Expand($"$(call DEVICE_IMG_NAME,{fs},{image})");
                var gzip = ev.Expand($"$(if $(filter %dtb %gz,{image}),,$(if $(and $(findstring ext4,{fs}),$(CONFIG_TARGET_IMAGES_GZIP)),.gz))");
                var pipeline = ev.ValueOf($"IMAGE/{image}/{fs}") is { Length: > 0 } specific ? specific : ev.ValueOf($"IMAGE/{image}") ?? "";
                var rootfs = ev.Expand($"$(KDIR)/root.{fs}$(strip $(if $(FS_OPTIONS/{fs}),+fs=$(call param_mangle,$(FS_OPTIONS/{fs}))))" +
                    $"$(strip $(if $(TARGET_PER_DEVICE_ROOTFS),+pkg=$(ROOTFS_ID/{name})))");
                // The json rule's FILE_NAME takes the image's name unexpanded, so a deferred part of it is only
                // expanded when the recipe runs, with the values the last device left.
                var recorded = ev.ExpandWith($"$(call DEVICE_IMG_NAME,{fs},$(kiln_image))", [KeyValuePair.Create("kiln_image", image)]);
                images.Add(new DeviceImage(image, fs, temporary, temporary + gzip, recorded, pipeline, rootfs));
            }
        }
        var prefix = ev.ValueOf("DEVICE_IMG_PREFIX") ?? "";
        var artifacts = Words(ev, "ARTIFACTS").Select(a => new DeviceArtifact(a, $"{prefix}-{a}", ev.ValueOf("ARTIFACT/" + a) ?? "")).ToList();

        var definition = ev.Variables.Lookup("Device/" + name)?.Location ?? ev.ReadingLocation;
        _devices.Add(new Device(name, definition, exported, variables, pipelines, images, artifacts));
    }

    private static string[] Words(Evaluator ev, string variable) =>
        (ev.ValueOf(variable) ?? "").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
