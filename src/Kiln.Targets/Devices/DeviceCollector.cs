using Kiln.Core.Errors;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;
using Kiln.OpenWrt.Names;

namespace Kiln.Targets.Devices;

/// <summary>
/// Takes each device when Kiln's image.mk builds it (<c>$(kiln-device NAME)</c> from
/// Device/Build), with the values OpenWrt's image rules would take at that moment.
/// </summary>
public sealed class DeviceCollector : DeviceErrors
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

    /// <summary>The API's device functions, reporting to this collector.</summary>
    public FunctionSet Functions => FunctionSet.Empty
        .With(ApiNames.Functions.Device, 1, 1, (ev, args) =>
        {
            Take(ev, args[0].Trim());
            return "";
        })
        .With(ApiNames.Functions.Devices, 1, 1, (ev, args) =>
        {
            ReadDevices(ev, Words(args[0]), this);
            return "";
        });

    /// <summary>
    /// The device functions for a scan, which records no device: a failing device goes to
    /// <paramref name="errors"/> when given, else stops the reading.
    /// </summary>
    public static FunctionSet ScanFunctions(DeviceErrors? errors) => FunctionSet.Empty
        .With(ApiNames.Functions.Device, 1, 1, (_, _) => "")
        .With(ApiNames.Functions.Devices, 1, 1, (ev, args) =>
        {
            ReadDevices(ev, Words(args[0]), errors);
            return "";
        });

    /// <summary>
    /// BuildImage's devices: every device's text made first (so what a block expands at once sees
    /// the board's values, never those another device left), then each text read on its own.
    /// When the reading keeps device errors (collecting devices, or a scan for them), a device
    /// that fails is set aside and the rest go on; otherwise the first error stops the reading,
    /// as it stops OpenWrt's scan.
    /// </summary>
    private static void ReadDevices(Evaluator ev, string[] names, DeviceErrors? errors)
    {
        void Guarded(string name, Action work)
        {
            if (errors is null)
            {
                work();
                return;
            }
            if (ev.Attempt(work) is { } error)
            {
                (errors as DeviceCollector)?._devices.RemoveAll(d => d.Name == name);
                errors.Add(new DeviceError(name, ev.Variables.Lookup("Device/" + name)?.Location ?? ev.ReadingLocation, error.Reason));
            }
        }

        var texts = new List<string>();
        foreach (var name in names)
        {
            if (errors is not null && ev.Variables.Lookup("Device/" + name) is null)
            {
                errors.Add(new DeviceError(name, ListingLocation(ev, name), $"Device/{name} is listed in TARGET_DEVICES but never defined"));
                continue;
            }
            Guarded(name, () =>
            {
                ev.Expand($"$(eval kiln_device_text/{name} := $$(call Device,{name}))");
                texts.Add(name);
            });
        }
        foreach (var name in texts) Guarded(name, () => ev.Expand($"$(eval $(kiln_device_text/{name}))"));
    }

    /// <summary>Where the image Makefiles add the device to TARGET_DEVICES (the first line naming it), else where the reading is.</summary>
    private static SourceLocation ListingLocation(Evaluator ev, string name)
    {
        foreach (var file in Words(ev, "MAKEFILE_LIST").Distinct(StringComparer.Ordinal))
        {
            var path = ev.ResolvePath(file);
            if (!File.Exists(path)) continue;
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
                if (lines[i].Contains("TARGET_DEVICES", StringComparison.Ordinal) && Words(lines[i]).Contains(name, StringComparer.Ordinal))
                    return new SourceLocation(file, i + 1);
        }
        return ev.ReadingLocation;
    }

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
                // Two images of one name (listed twice, or a name without the file system) are one
                // rule, and make runs the recipe it was given last.
                var made = new DeviceImage(image, fs, temporary, temporary + gzip, recorded, pipeline, rootfs);
                var same = images.FindIndex(i => i.TemporaryName == temporary);
                if (same >= 0) images[same] = made;
                else images.Add(made);
            }
        }
        var prefix = ev.ValueOf("DEVICE_IMG_PREFIX") ?? "";
        var artifacts = Words(ev, "ARTIFACTS").Select(a => new DeviceArtifact(a, $"{prefix}-{a}", ev.ValueOf("ARTIFACT/" + a) ?? "")).ToList();

        var definition = ev.Variables.Lookup("Device/" + name)?.Location ?? ev.ReadingLocation;
        _devices.Add(new Device(name, definition, exported, variables, pipelines, images, artifacts));
    }

    private static string[] Words(Evaluator ev, string variable) => Words(ev.ValueOf(variable) ?? "");

    private static string[] Words(string text) => text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A device that could not be read or planned: where it is defined (or listed) and why.</summary>
public sealed record DeviceError(string Device, SourceLocation Location, string Reason);

/// <summary>
/// Devices that could not be read (undefined, or a make error in their block), kept while the
/// others are read all the same.
/// </summary>
public class DeviceErrors
{
    private readonly List<DeviceError> _errors = [];

    public IReadOnlyList<DeviceError> Errors => _errors;

    internal void Add(DeviceError error) => _errors.Add(error);
}
