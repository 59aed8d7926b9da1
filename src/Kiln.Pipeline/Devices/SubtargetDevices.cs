using Kiln.Configuration.Choice;
using Kiln.Targets.Devices;

namespace Kiln.Pipeline.Devices;

/// <summary>A subtarget's devices with their plans, read with the configuration that applies.</summary>
public static class SubtargetDevices
{
    /// <param name="id">BOARD/SUBTARGET (or BOARD when it has no subtargets).</param>
    /// <param name="configFile">A .config for the subtarget, or null (see <see cref="ConfigurationChoice"/>).</param>
    /// <param name="cacheDirectory">Where the target scan of the defaults keeps its results (the tree's tmp/kiln), or null.</param>
    public static (ChosenConfiguration Configuration, DeviceSet Devices) Load(string topDirectory, string id, string? configFile,
        TimeSpan shellTimeout, string? cacheDirectory = null)
    {
        var chosen = ConfigurationChoice.Choose(topDirectory, id, configFile, shellTimeout, cacheDirectory);
        var parts = id.Split('/');
        var reader = new DeviceReader(topDirectory, chosen.Config, shellTimeout);
        return (chosen, reader.Read(parts[0], parts.Length > 1 ? parts[1] : null));
    }
}
