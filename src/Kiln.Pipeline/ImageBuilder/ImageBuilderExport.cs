using Kiln.Build.HostTools;
using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Scheduling;
using Kiln.Build.Settings;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Images.Bootloaders;
using Kiln.Images.Kernel;
using Kiln.OpenWrt.Configuration;
using Kiln.Packing.Signing;
using Kiln.Pipeline.Images;
using Kiln.Targets.Model;

namespace Kiln.Pipeline.ImageBuilder;

/// <summary>What to export: the tree, the subtarget and its .config, where to, and the kernel (null: kiln.conf's).</summary>
public sealed record ImageBuilderExportRequest(string TopDirectory, string TargetId, DotConfig Config, string Destination, string? KernelFile);

/// <summary>What an export wrote: the directory and the feeds it lists.</summary>
public sealed record ImageBuilderExportResult(string Directory, IReadOnlyList<Repository> Feeds, int Packages, int HostPrograms);

/// <summary>
/// <c>kiln imagebuilder export</c>: an Image Builder from a built tree, as OpenWrt's target/imagebuilder packs one: the
/// .config, target/linux (Makefile, generic, the board without its kernel sources), include's data files and scripts/, the
/// host programs the tree built, the kernel, the packages the tree built for the subtarget as local feeds with their signed
/// indexes, keys/ with the build key, repositories.conf, kiln.conf naming the kernel, and the marker. Written beside the
/// destination under a temporary name and renamed when complete.
/// </summary>
public static class ImageBuilderExport
{
    public static ImageBuilderExportResult Run(ImageBuilderExportRequest request, IBuildObserver observer)
    {
        var top = request.TopDirectory;
        if (ImageBuilderDirectory.Open(top) is not null)
            throw new UserError($"{top} is an Image Builder itself: export from the tree that built it");
        var destination = Path.GetFullPath(request.Destination).TrimEnd('/');
        CheckDestination(request.Destination, destination);
        var target = FirmwareSession.FindTarget(top, request.TargetId);
        var subtarget = target.Subtarget ?? "generic";

        var ownPackages = Path.Combine("bin", "targets", target.Board, subtarget, "packages");
        if (!Directory.Exists(Path.Combine(top, ownPackages)) ||
            !Directory.EnumerateFiles(Path.Combine(top, ownPackages), "*.ipk", SearchOption.AllDirectories).Any())
            throw new UserError($"{target.Id} is not built in {top}: {ownPackages} holds no packages (kiln build --target {target.Id} first)");
        var kernelPath = request.KernelFile ?? KilnSettings.Read(top).Kernel
            ?? throw new UserError($"an Image Builder of {target.Id} needs the built kernel: give --kernel FILE (an ELF vmlinux or a bzImage), " +
                $"or set 'kernel = FILE' in {Path.Combine(top, KilnSettings.FileName)}");
        KernelImage.Read(kernelPath, target.Arch);

        using var treeLock = TreeLock.Take(top);
        using var jobserver = new Jobserver(1);
        var context = BuildSetup.CreateContext(top, request.Config, jobserver, observer, compiles: false);

        var temporary = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.kiln-export-{Environment.ProcessId}");
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);
        try
        {
            var result = Write(request, context, target, ownPackages, kernelPath, temporary);
            // An empty destination (checked above) gives way to the complete export.
            if (Directory.Exists(destination)) Directory.Delete(destination);
            Directory.Move(temporary, destination);
            return result with { Directory = destination };
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>The destination's parent must exist, and the destination must not, or be an empty directory.</summary>
    private static void CheckDestination(string given, string destination)
    {
        var parent = Path.GetDirectoryName(destination);
        if (parent is null || !Directory.Exists(parent))
            throw new UserError($"{given}: its parent directory {parent} does not exist");
        if (File.Exists(destination)) throw new UserError($"{given}: is a file; an Image Builder is exported into a new or empty directory");
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
            throw new UserError($"{given}: is not empty; an Image Builder is exported into a new or empty directory");
    }

    private static ImageBuilderExportResult Write(ImageBuilderExportRequest request, BuildContext context, Target target, string ownPackages,
        string kernelPath, string into)
    {
        var top = context.TopDirectory;
        AtomicFile.Write(Path.Combine(into, ".config"), request.Config.Write());

        // What the target's metadata and image recipes read; the kernel's patches and files are for a kernel build, which an Image Builder does not do.
        var linux = Path.Combine("target", "linux");
        CopyFile(top, Path.Combine(linux, "Makefile"), into);
        CopyTree(top, Path.Combine(linux, "generic"), into, KernelSourcesOnly);
        CopyTree(top, Path.Combine(linux, target.Board), into, KernelSourcesOnly);
        // The API's makefiles are Kiln's own; include/ holds the tree's data (the kernel version pins).
        CopyTree(top, "include", into, _ => false);
        CopyTree(top, "scripts", into, _ => false);

        var hostBin = Path.Combine(context.HostStagingDirectory, "bin");
        var built = HostToolset.BuiltPrograms(hostBin);
        foreach (var program in built) CopyFile(top, Path.GetRelativePath(top, program), into);
        // Files of the tree's packages the recipes read from STAGING_DIR_IMAGE (boot loaders); Kiln's own grub marker stays behind,
        // so that the Image Builder uses them as they are instead of making them from package/boot/grub2, which it has not.
        var stagingImage = RulesValue(context, "STAGING_DIR_IMAGE");
        if (Directory.Exists(stagingImage))
            CopyTree(top, Path.GetRelativePath(top, stagingImage), into, path => Path.GetFileName(path) == GrubImages.Marker);

        var kernelName = Path.Combine("kernel", Path.GetFileName(kernelPath));
        Directory.CreateDirectory(Path.Combine(into, "kernel"));
        File.Copy(kernelPath, Path.Combine(into, kernelName));
        AtomicFile.Write(Path.Combine(into, KilnSettings.FileName),
            $"# The kernel 'kiln image' makes images with (copied from {kernelPath}).\nkernel = {kernelName}\n");

        // The feeds, in the order a tree's kiln image reads them: the architecture's, then the target's own.
        var feeds = new List<Repository>();
        var architecture = Path.Combine("bin", "packages", context.ArchPackages);
        if (Directory.Exists(Path.Combine(top, architecture)))
            foreach (var feed in Directory.GetDirectories(Path.Combine(top, architecture)).Order(StringComparer.Ordinal))
                feeds.Add(new Repository(Path.GetFileName(feed), Path.Combine(architecture, Path.GetFileName(feed))));
        feeds.Add(new Repository(target.Board + "_" + (target.Subtarget ?? "generic"), ownPackages));
        var packages = 0;
        foreach (var feed in feeds)
        {
            CopyTree(top, feed.Location, into, _ => false);
            packages += Directory.EnumerateFiles(Path.Combine(into, feed.Location), "*.ipk", SearchOption.AllDirectories).Count();
        }
        AtomicFile.Write(Path.Combine(into, "repositories.conf"), RepositoriesConf.Text(feeds));

        // OpenWrt's keys directory: each public key in a file named by its fingerprint (opkg-key's layout).
        if (File.Exists(BuildKey.PublicPath(top)))
        {
            var key = BuildKey.Public(top);
            Directory.CreateDirectory(Path.Combine(into, "keys"));
            File.Copy(BuildKey.PublicPath(top), Path.Combine(into, "keys", key.Fingerprint));
        }
        if (FirmwareSession.SbomPackages(context, Path.Combine(top, "tmp", "kiln"), null) is { } described)
            AtomicFile.Write(Path.Combine(into, "package-metadata.json"), ImageBuilderFeeds.SbomText(described));
        AtomicFile.Write(Path.Combine(into, ImageBuilderDirectory.MarkerName), ImageBuilderDirectory.MarkerText(target.Id));
        return new ImageBuilderExportResult(into, feeds, packages, built.Count);
    }

    /// <summary>A variable of rules.mk as the tree's recipes see it.</summary>
    private static string RulesValue(BuildContext context, string name) =>
        Kiln.Make.Text.ByteText.ToOs(context.Evaluate(context.TopDirectory, "kiln-imagebuilder", "include $(TOPDIR)/rules.mk\n", []).ValueOf(name) ?? "");

    /// <summary>What OpenWrt's Image Builder leaves out of a board's directory: the kernel's own files and patches.</summary>
    private static bool KernelSourcesOnly(string path) =>
        path is "files" or "patches" || path.StartsWith("files-", StringComparison.Ordinal) && !path.Contains('/')
        || path.StartsWith("patches-", StringComparison.Ordinal) && !path.Contains('/');

    private static void CopyFile(string top, string relative, string into)
    {
        var source = Path.Combine(top, relative);
        if (!File.Exists(source)) return;
        var destination = Path.Combine(into, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination);
    }

    /// <summary>
    /// A directory of the tree copied as <c>cp -L</c> copies it (links followed), leaving out the entries <paramref name="skip"/>
    /// names (by their path below the directory).
    /// </summary>
    private static void CopyTree(string top, string relative, string into, Func<string, bool> skip, string below = "")
    {
        var source = Path.Combine(top, relative, below);
        if (!Directory.Exists(source)) return;
        var destination = Path.Combine(into, relative, below);
        Directory.CreateDirectory(destination);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source).Order(StringComparer.Ordinal))
        {
            var path = below.Length == 0 ? Path.GetFileName(entry) : below + "/" + Path.GetFileName(entry);
            if (skip(path)) continue;
            if (Directory.Exists(entry)) CopyTree(top, relative, into, skip, path);
            else if (File.Exists(entry)) File.Copy(entry, Path.Combine(into, relative, path));
        }
    }
}
