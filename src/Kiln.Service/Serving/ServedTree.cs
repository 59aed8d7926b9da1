using Kiln.Build.HostTools;
using Kiln.Build.Settings;
using Kiln.Core.Files;
using Kiln.OpenWrt.Configuration;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Service.Serving;

/// <summary>
/// The tree a service serves, read once at its start (under the tree lock, so no build changes it meanwhile): its
/// version, its targets, and the subtargets images can be made for. Requests only read it.
/// </summary>
/// <param name="Version">CONFIG_VERSION_NUMBER of the tree's .config, else SNAPSHOT: the one version the service builds.</param>
/// <param name="Unserved">Subtargets that cannot be served, with the reason (said at the start).</param>
public sealed record ServedTree(
    string TopDirectory,
    string Version,
    IReadOnlyList<Target> Targets,
    IReadOnlyDictionary<string, ServedSubtarget> Subtargets,
    IReadOnlyList<string> Unserved)
{
    /// <param name="kernels">Kernel files (--kernel); kiln.conf's kernel after them.</param>
    public static ServedTree Load(string topDirectory, IReadOnlyList<string> kernels)
    {
        var top = Path.GetFullPath(topDirectory);
        using var treeLock = TreeLock.Take(top);
        var dotConfig = Path.Combine(top, ".config");
        var version = File.Exists(dotConfig) && DotConfig.Read(dotConfig).Text("VERSION_NUMBER") is { Length: > 0 } number ? number : "SNAPSHOT";
        var catalog = TargetCatalog.Read(new TargetScanOptions(top) { SkipFailingDevices = true, ShellTimeout = TimeSpan.FromSeconds(60) });
        // The host tools the image recipes call, linked once: every job's work tree uses them as they are.
        HostToolset.Prepare(Path.Combine(top, "staging_dir", "host", "bin"));
        var allKernels = kernels.Select(Path.GetFullPath).ToList();
        if (KilnSettings.Read(top).Kernel is { } configured) allKernels.Add(Path.GetFullPath(configured, top));
        var served = new SortedDictionary<string, ServedSubtarget>(StringComparer.Ordinal);
        var unserved = new List<string>();
        foreach (var target in catalog.Targets.Where(t => t.Subtarget is not null || !catalog.Targets.Any(s => s.Board == t.Board && s.Subtarget is not null)))
        {
            var (subtarget, reason) = ServedSubtarget.Load(top, target, allKernels);
            if (subtarget is not null) served[subtarget.Id] = subtarget;
            else unserved.Add($"{target.Board}/{target.Subtarget ?? "generic"}: {reason}");
        }
        return new ServedTree(top, version, catalog.Targets, served, unserved);
    }
}
