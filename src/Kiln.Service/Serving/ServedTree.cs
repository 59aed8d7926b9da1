using Kiln.Build.HostTools;
using Kiln.Build.Settings;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.OpenWrt.Configuration;
using Kiln.Pipeline.ImageBuilder;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Service.Serving;

/// <summary>
/// The tree a service serves, read once at its start (under the tree lock, so no build changes it meanwhile): its
/// version and the subtargets images can be made for. Requests only read it.
/// </summary>
/// <param name="Version">CONFIG_VERSION_NUMBER of the tree's .config, else SNAPSHOT: the one version the service builds.</param>
/// <param name="Unserved">Subtargets that cannot be served, with the reason (said at the start).</param>
public sealed record ServedTree(
    string TopDirectory,
    string Version,
    IReadOnlyDictionary<string, ServedSubtarget> Subtargets,
    IReadOnlyList<string> Unserved)
{
    /// <param name="kernels">Kernel files (--kernel); kiln.conf's kernel after them.</param>
    /// <param name="progress">Told of each remote feed an Image Builder's repositories.conf makes it fetch.</param>
    public static ServedTree Load(string topDirectory, IReadOnlyList<string> kernels, Action<string> progress)
    {
        var top = Path.GetFullPath(topDirectory);
        using var treeLock = TreeLock.Take(top);
        var dotConfig = Path.Combine(top, ".config");
        var version = File.Exists(dotConfig) && DotConfig.Read(dotConfig).Text("VERSION_NUMBER") is { Length: > 0 } number ? number : "SNAPSHOT";
        var catalog = TargetCatalog.Read(new TargetScanOptions(top) { SkipFailingDevices = true, ShellTimeout = TimeSpan.FromSeconds(60) });
        // The host tools the image recipes call, linked once: every job's work tree uses them as they are.
        var builder = ImageBuilderDirectory.Open(top);
        HostToolset.Prepare(Path.Combine(top, "staging_dir", "host", "bin"), compiles: builder is null);
        var allKernels = kernels.Select(Path.GetFullPath).ToList();
        if (KilnSettings.Read(top).Kernel is { } configured) allKernels.Add(Path.GetFullPath(configured, top));
        var served = new SortedDictionary<string, ServedSubtarget>(StringComparer.Ordinal);
        var unserved = new List<string>();
        // An Image Builder holds one subtarget's packages and kernel; its board's others are not there to serve.
        foreach (var target in catalog.Targets.Where(t => t.Subtarget is not null || !catalog.Targets.Any(s => s.Board == t.Board && s.Subtarget is not null))
                     .Where(t => builder is null || t.Board + "/" + (t.Subtarget ?? "generic") == builder.TargetId))
        {
            var (subtarget, reason) = Load(top, builder, target, allKernels, progress);
            if (subtarget is not null) served[subtarget.Id] = subtarget;
            else unserved.Add($"{target.Board}/{target.Subtarget ?? "generic"}: {reason}");
        }
        return new ServedTree(top, version, served, unserved);
    }

    /// <summary>One subtarget; one the tree cannot configure or read is not served, and the others are.</summary>
    private static (ServedSubtarget?, string?) Load(string top, ImageBuilderDirectory? builder, Target target, IReadOnlyList<string> kernels,
        Action<string> progress)
    {
        try
        {
            return ServedSubtarget.Load(top, builder, target, kernels, progress);
        }
        catch (UserError e)
        {
            return (null, e.Message);
        }
    }
}
