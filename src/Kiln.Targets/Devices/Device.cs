using Kiln.Core.Errors;
using Kiln.Make.Text;

namespace Kiln.Targets.Devices;

/// <summary>
/// A device as its board's image Makefile defines it, read the way OpenWrt's BuildImage reads
/// it (the per-device defaults, Device/Default, then its own block) and taken when the device is
/// built: every variable its recipes see (<see cref="Exported"/>: DEVICE_VARS and OpenWrt's
/// defaults, expanded as OpenWrt's per-target exports expand them) and a few more, its
/// pipelines, and the images and artifacts they make.
/// </summary>
public sealed record Device(
    string Name,
    SourceLocation Definition,
    IReadOnlyList<string> Exported,
    IReadOnlyList<KeyValuePair<string, string>> Variables,
    IReadOnlyList<KeyValuePair<string, string>> Pipelines,
    IReadOnlyList<DeviceImage> Images,
    IReadOnlyList<DeviceArtifact> Artifacts)
{
    private Dictionary<string, string>? _byName;

    public string Variable(string name)
    {
        if (_byName is null)
        {
            _byName = new Dictionary<string, string>(Variables.Count, StringComparer.Ordinal);
            foreach (var (key, value) in Variables) _byName.TryAdd(key, value);
        }
        return _byName.GetValueOrDefault(name, "");
    }

    public string? Pipeline(string name) => Pipelines.FirstOrDefault(p => p.Key == name).Value;

    public IReadOnlyList<string> Words(string name) => Variable(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether the configuration selects the device (its images are part of the build).</summary>
    public bool Selected => Variable("_PROFILE_SET").Length > 0;
}

/// <summary>One of IMAGES in one of the device's file systems.</summary>
/// <param name="FileName">Its name in bin/targets (with .gz when it is compressed there).</param>
/// <param name="RecordedName">Its name as the profiles.json recipe has it before that recipe runs (see <see cref="DeviceCollector"/>).</param>
/// <param name="Pipeline">IMAGE/NAME/FILESYSTEM, else IMAGE/NAME, as the image rule receives it.</param>
/// <param name="RootFilesystem">The root file system image it is made from ($(KDIR)/root.FS and its parameters).</param>
public sealed record DeviceImage(string Image, string Filesystem, string TemporaryName, string FileName, string RecordedName, string Pipeline,
    string RootFilesystem);

/// <summary>One of ARTIFACTS: made from the device's images.</summary>
public sealed record DeviceArtifact(string Artifact, string FileName, string Pipeline);
