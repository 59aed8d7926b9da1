using System.Globalization;
using System.Text.Json.Nodes;
using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Images.Firmware;
using Kiln.Images.Outputs;
using Kiln.Pipeline.Images;
using Kiln.Service.Serving;

namespace Kiln.Service.Jobs;

/// <summary>
/// One build: the job's own tree, its .config (rootfs_size_mb as CONFIG_TARGET_ROOTFS_PARTSIZE, filesystem as the only
/// root file system), the first-boot script as the image's <c>/etc/uci-defaults/99-asu-defaults</c> (Image Builder's FILES=
/// overlay; never run here), the images made by <see cref="FirmwareBuilder"/> exactly as <c>kiln image</c> makes them, then
/// moved into the store with ASU's answer. The work tree is removed however the job ends.
/// </summary>
public static class ImageJob
{
    public const string DefaultsPath = "etc/uci-defaults/99-asu-defaults";

    /// <param name="work">The directory job trees are made in (on the store's file system).</param>
    /// <param name="progress">The build's progress lines (kept as the answer's stdout).</param>
    public static JsonObject Run(BuildJob job, ServedTree tree, ResultStore store, string work, Action<string> progress, CancellationToken cancel)
    {
        var build = job.Build;
        var subtarget = build.Subtarget;
        using var jobTree = JobTree.Create(tree.TopDirectory, Path.Combine(work, build.Hash[..12] + "-" + Guid.NewGuid().ToString("N")[..8]),
            subtarget.KernelDirectory);
        string? overlay = null;
        if (build.Request.Defaults is { Length: > 0 } defaults)
        {
            overlay = Path.Combine(jobTree.Directory, "tmp", "kiln", "serve-files");
            var script = Path.Combine(overlay, DefaultsPath);
            Directory.CreateDirectory(Path.GetDirectoryName(script)!);
            File.WriteAllText(script, defaults);
        }
        var config = subtarget.Config.Copy();
        if (build.Request.RootfsSizeMb is { } size) config.Set("TARGET_ROOTFS_PARTSIZE", size.ToString(CultureInfo.InvariantCulture));
        if (build.Request.Filesystem is { } only)
            foreach (var (name, symbol) in RequestValidation.FilesystemSymbols)
                if (name != only && config.IsEnabled(symbol)) config.Set(symbol, null);

        job.Status = "building_image";
        using var jobserver = new Jobserver(1);
        var context = BuildSetup.CreateContext(jobTree.Directory, config, jobserver, new SilentObserver());
        var request = FirmwareSession.Request(context, subtarget.Target, subtarget.Kernel, build.Profiles, subtarget.Feed, build.Selection,
            rootfsOnly: false, new Dictionary<string, string>(), sbomPackages: null) with { FilesOverlay = overlay };
        var made = FirmwareBuilder.Build(request, progress, cancel);
        cancel.ThrowIfCancellationRequested();

        var entry = store.NewTemporary(build.Hash);
        try
        {
            Directory.Move(made.BinDirectory, entry);
            var answer = Answer(build, entry);
            store.Commit(entry, build.Hash, answer);
            return answer;
        }
        finally
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
        }
    }

    /// <summary>ASU's answer for a finished build: the profile as profiles.json has it, the manifest, bin_dir, the package list.</summary>
    private static JsonObject Answer(ValidatedBuild build, string entry)
    {
        var profiles = JsonNode.Parse(File.ReadAllText(Path.Combine(entry, ProfilesJson.FileName)))!.AsObject();
        var answer = ProfileAnswer.Of(profiles, build.ProfileId)
            ?? throw new InvalidOperationException($"profile {build.ProfileId} not found in the build's profiles.json");
        answer["manifest"] = Manifest(entry);
        answer["bin_dir"] = build.Hash;
        answer["build_cmd_packages"] = new JsonArray([.. build.Packages.Select(p => (JsonNode)JsonValue.Create(p))]);
        answer["detail"] = "done";
        answer["request"] = build.Request.ToJson();
        return answer;
    }

    /// <summary>The image's packages and versions from its .manifest ("name - version" lines), as ASU's parse_manifest reads them.</summary>
    private static JsonObject Manifest(string entry)
    {
        var manifest = new JsonObject();
        foreach (var file in Directory.EnumerateFiles(entry, "*.manifest").Order(StringComparer.Ordinal))
            foreach (var line in File.ReadLines(file))
            {
                var separator = line.IndexOf(" - ", StringComparison.Ordinal);
                if (separator > 0) manifest[line[..separator]] = line[(separator + 3)..];
            }
        return manifest;
    }
}
