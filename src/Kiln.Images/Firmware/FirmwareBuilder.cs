using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Images.Bootloaders;
using Kiln.Images.Devices;
using Kiln.Images.Filesystems;
using Kiln.Images.Kernel;
using Kiln.Images.Outputs;
using Kiln.Images.Recipes;
using Kiln.Images.Rootfs;
using Kiln.Targets.Devices;
using Kiln.Targets.Plans;

namespace Kiln.Images.Firmware;

/// <summary>
/// OpenWrt's <c>target/install</c> for one subtarget: the root file system assembled from
/// packages, the kernel put in KDIR, each configured file system made from the root, the board's
/// image recipes run (Image/Prepare, Image/BuildKernel, Image/Build per file system), then the
/// manifest (and its CycloneDX SBOM), profiles.json and sha256sums. Everything is written to a private directory first and
/// moved under bin/targets/BOARD/SUBTARGET only when all of it succeeded.
/// </summary>
public static class FirmwareBuilder
{
    public static FirmwareResult Build(FirmwareRequest request, Action<string> progress, CancellationToken cancel)
    {
        var context = request.Context;
        var id = $"{request.Board}-{request.Subtarget}";
        var staging = Path.Combine(context.TopDirectory, "tmp", "kiln", "images", id);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            return Build(request, staging, progress, cancel);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static FirmwareResult Build(FirmwareRequest request, string staging, Action<string> progress, CancellationToken cancel)
    {
        var context = request.Context;
        var collector = new DeviceCollector();
        var makefile = ImageMakefile.Read(context, request.Board, staging, collector.Functions);
        var kernelDirectory = makefile.Value("KDIR");
        var root = makefile.Value("TARGET_DIR");
        // One log per piece of work, so that a failure's last lines are its own.
        var logs = Path.Combine(context.LogDirectory, makefile.Relative);
        Directory.CreateDirectory(logs);
        string Log(string name) => Path.Combine(logs, name + ".txt");
        var epoch = context.Epoch;
        var (devices, unplanned) = SelectedDevices(makefile, collector, request);

        Directory.CreateDirectory(kernelDirectory);
        IReadOnlySet<string> given = request.KernelBuild is { } kernelBuild ? KernelBuildOutputs.CopyInto(kernelBuild, kernelDirectory) : new HashSet<string>();
        if (given.Count > 0) progress($"kernel: {given.Count} files of the kernel build from {request.KernelBuild}");
        var filesystems = makefile.Words("TARGET_FILESYSTEMS");
        var toMake = filesystems.Where(fs => !given.Contains("root." + fs)).ToList();
        var targz = context.Config.IsEnabled("TARGET_ROOTFS_TARGZ");
        var cpiogz = context.Config.IsEnabled("TARGET_ROOTFS_CPIOGZ");
        IReadOnlyList<InstalledPackage>? installed = null;
        if (toMake.Count > 0 || targz || cpiogz) installed = AssembleRoot(request, root, Log("rootfs"), epoch, progress);
        else progress("rootfs: " + string.Join(", ", filesystems.Select(fs => "root." + fs)) + " as given in " + request.KernelBuild);

        var kernelFiles = request.Kernel?.Install(kernelDirectory) ?? [];
        if (request.Kernel is { } kernel) progress("kernel: " + string.Join(", ", kernelFiles) + " from " + kernel.Path);
        Directory.CreateDirectory(Path.Combine(kernelDirectory, "tmp"));

        // Recipes are expanded here, on one thread (the evaluator is not shared); the work then runs as OpenWrt's
        // image Makefile lets make -j run it: the kernel's images beside each file system, then each file system's images.
        ImageRecipe? Recipe(string function, string? argument, string log) =>
            ImageRecipe.Expand(makefile, function, argument, Log(log), context.TopDirectory);
        var options = FilesystemSettings.From(context.Config, makefile, makefile.Value("IMG_ROOTFS"), epoch);
        var prefix = makefile.Value("IMG_PREFIX");
        var prepare = request.RootfsOnly ? null : Recipe("Image/Prepare", null, "prepare");
        var buildKernel = request.RootfsOnly ? null : Recipe("Image/BuildKernel", null, "kernel");
        var firstWork = new List<Action>
        {
            () =>
            {
                // Its outputs (compressed kernels, uImages) follow from the kernel alone: made again only when it changed.
                if (prepare is not null && !prepare.RunUnlessUpToDate(Path.Combine(kernelDirectory, ".kiln-image-prepare"),
                        kernelFiles.Select(f => Path.Combine(kernelDirectory, f)), cancel))
                    progress("image: Image/Prepare up to date (the same kernel)");
                buildKernel?.Run(cancel);
            },
        };
        if (targz)
            firstWork.Add(() => FilesystemWriter.Write(FilesystemKind.TarGz, root, Path.Combine(staging, prefix + "-rootfs.tar.gz"),
                options.For("targz"), Fresh(Log("mkfs-targz"))));
        if (cpiogz)
            firstWork.Add(() => FilesystemWriter.Write(FilesystemKind.CpioGz, root, Path.Combine(staging, makefile.Value("IMG_ROOTFS") + ".cpio.gz"),
                options.For("cpiogz"), Fresh(Log("mkfs-cpiogz"))));
        foreach (var fs in toMake)
            firstWork.Add(() =>
            {
                progress($"rootfs: {fs}");
                var image = Path.Combine(kernelDirectory, "root." + fs);
                FilesystemWriter.Write(FilesystemSettings.Kind(fs), root, image, options.For(fs), Fresh(Log("mkfs-" + fs)));
                // ext4 is made to the partition's size; a squashfs that outgrows it would be padded past it.
                if (fs == "squashfs" && new FileInfo(image).Length is var size && size > options.PartitionBytes)
                    throw new UserError($"the root file system's squashfs ({size} bytes) does not fit its {options.PartitionBytes}-byte " +
                        $"partition (CONFIG_TARGET_ROOTFS_PARTSIZE={options.PartitionBytes >> 20}): leave packages out or make the partition bigger");
            });
        var imageBuilds = filesystems.Select(fs => Recipe("Image/Build", fs, "build-" + fs)).OfType<ImageRecipe>().ToList();
        if (!request.RootfsOnly)
        {
            // The boot loader files the recipes read from STAGING_DIR_IMAGE that OpenWrt's packages would have installed there.
            var recipes = new[] { prepare, buildKernel }.OfType<ImageRecipe>().Concat(imageBuilds).Select(r => r.Text)
                .Concat(devices.SelectMany(d => d.Item2.Files.SelectMany(f => f.Recipe.Select(c => c.Command))));
            GrubImages.Provide(context, makefile.Value("STAGING_DIR_IMAGE"), makefile.Value("ARCH"), recipes, Log("grub"), progress, cancel);
        }
        RunAll(firstWork, cancel);
        RunAll(imageBuilds.Select(recipe => (Action)(() => recipe.Run(cancel))).ToList(), cancel);

        var deviceOutcomes = request.RootfsOnly || devices.Count == 0 ? unplanned
            : unplanned.Concat(DeviceImageBuilder.Build(new DeviceImageWork(makefile, devices, kernelDirectory, staging, Path.Combine(logs, "devices"),
                context.TopDirectory, Path.Combine(context.HostStagingDirectory, "bin"), context.Environment.ContainsKey("SOURCE_DATE_EPOCH") ? epoch : null), progress, cancel)).ToList();
        if (!request.RootfsOnly && devices.Count == 0 && context.Config.IsEnabled("TARGET_ROOTFS_INITRAMFS"))
            // A kernel with the root built in is made by the kernel build, which an input kernel has already been through.
            progress("image: no initramfs kernel (CONFIG_TARGET_ROOTFS_INITRAMFS): the kernel is an input, not built from target/linux; " +
                "the rootfs.cpio.gz boots as its initrd");

        if (installed is not null)
        {
            var manifest = Path.Combine(staging, prefix + ".manifest");
            Manifest.Write(manifest, installed.Select(p => (p.Name, p.Version)));
            if (request.SbomPackages is { } described) CycloneDxSbom.Write(CycloneDxSbom.PathFor(manifest), manifest, described, epoch);
        }
        foreach (var (name, text) in request.BuildInfo) AtomicFile.Write(Path.Combine(staging, name), text);
        var binDirectory = Path.Combine(context.TopDirectory, "bin", "targets", request.Board, request.Subtarget);
        var images = Publish(staging, binDirectory);
        var overview = request.Overview with
        {
            VersionNumber = makefile.Value("VERSION_NUMBER"),
            VersionCode = makefile.Value("VERSION_CODE"),
            Profiles = request.Overview.Profiles.Select(p => p with { ImagePrefix = prefix, Images = ImagesOf(images, filesystems) }).ToList(),
        };
        if (devices.Count == 0 && unplanned.Count == 0) ProfilesJson.Write(binDirectory, overview);
        else if (context.Config.IsEnabled("JSON_OVERVIEW_IMAGE_INFO"))
            ProfilesJson.Write(binDirectory, overview, deviceOutcomes.SelectMany(o => o.Records).ToList());
        Sha256Sums.Write(binDirectory);
        if (deviceOutcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList() is { Count: > 0 } failures)
            throw new UserError($"{request.Board}/{request.Subtarget}: {failures.Count} of {deviceOutcomes.Count} devices failed" +
                (failures.Count < deviceOutcomes.Count ? $" (the others' images are in {Path.GetRelativePath(context.TopDirectory, binDirectory)})" : "") +
                ":\n  " + string.Join("\n  ", failures));
        return new FirmwareResult(binDirectory, images, installed?.Select(p => p.Name).ToList() ?? []);
    }

    /// <summary>The root file system: the packages resolved and installed into TARGET_DIR, made anew each time.</summary>
    private static IReadOnlyList<InstalledPackage> AssembleRoot(FirmwareRequest request, string root, string log, long epoch, Action<string> progress)
    {
        if (request.Feed is null || request.Install.Count == 0)
            throw new UserError("the root file system must be made (no ready root file system images were given), but there are no packages " +
                "to put in it: build them first, or give a feed with --feed DIR and packages with --packages");
        progress($"rootfs: resolving {request.Install.Count} requested packages");
        var plan = InstallPlanner.Resolve(request.Feed, request.Install, request.Remove);
        foreach (var note in plan.Notes) progress("rootfs: " + note);
        progress($"rootfs: installing {plan.Packages.Count} packages into {Path.GetRelativePath(request.Context.TopDirectory, root)}");
        // The root is made anew each time: packages are never unpacked over an older one.
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        File.Delete(log);
        return RootfsInstaller.Install(plan, root, new RootfsOptions(epoch) { LogPath = log, FilesOverlay = request.FilesOverlay }).Packages;
    }

    /// <summary>
    /// The devices to build with their plans: those named (by device or DEVICE_NAME), else those the .config
    /// selects. A device that cannot be planned (a make error in its block, a pipeline step with no Build/ command)
    /// fails alone, as one whose recipe fails.
    /// </summary>
    private static (List<(Device, DevicePlan)> Planned, List<DeviceOutcome> Unplanned) SelectedDevices(ImageMakefile makefile,
        DeviceCollector collector, FirmwareRequest request)
    {
        var chosen = new List<Device>();
        var unplanned = new List<DeviceOutcome>();
        foreach (var name in request.Devices)
        {
            var device = collector.Devices.FirstOrDefault(d => d.Name == name) ?? collector.Devices.FirstOrDefault(d => d.Variable("DEVICE_NAME") == name);
            if (device is not null) chosen.Add(device);
            else if (collector.Errors.FirstOrDefault(e => e.Device == name) is { } broken)
                unplanned.Add(Unplanned(broken with { Location = makefile.FromTree(broken.Location) }));
            else throw new UserError($"--profile {name}: {request.Board}/{request.Subtarget} has no such device");
        }
        if (request.Devices.Count == 0) chosen.AddRange(collector.Devices.Where(d => d.Selected));
        var plans = new List<DevicePlan>();
        var errors = new List<DeviceError>();
        makefile.Inspect(ev =>
        {
            DeviceReader.Plan(ev, chosen, plans, errors);
            return 0;
        });
        unplanned.AddRange(errors.Select(e => Unplanned(e with { Location = makefile.FromTree(e.Location) })));
        var planned = chosen.Where(d => errors.All(e => e.Device != d.Name)).Zip(plans).ToList();
        return (planned, unplanned);
    }

    private static DeviceOutcome Unplanned(DeviceError error) =>
        new(error.Device, [], [], $"{error.Device}: {(error.Location.IsKnown ? error.Location + ": " : "")}{error.Reason}");

    private static string Fresh(string log)
    {
        File.Delete(log);
        return log;
    }

    /// <summary>Runs independent pieces of work at once; the first failure (a user's error before a bug) is what is thrown.</summary>
    private static void RunAll(IReadOnlyList<Action> work, CancellationToken cancel)
    {
        // Each waits on a program most of its time: a thread of its own, not one the pool hands out slowly.
        var tasks = work.Select(action => Task.Factory.StartNew(action, cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException all)
        {
            var errors = all.Flatten().InnerExceptions;
            var first = errors.FirstOrDefault(e => e is UserError) ?? errors.FirstOrDefault(e => e is not OperationCanceledException) ?? errors[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>
    /// Moves every file the build made into the bin directory, each by a rename (never half there under its name).
    /// Every place is checked first, so that a directory where an image belongs stops the build before anything moved.
    /// </summary>
    private static List<string> Publish(string staging, string binDirectory)
    {
        Directory.CreateDirectory(binDirectory);
        var moves = new List<(string From, string To)>();
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var destination = Path.Combine(binDirectory, Path.GetRelativePath(staging, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (Directory.Exists(destination)) throw new UserError($"{destination}: is a directory, where an image file belongs");
            moves.Add((file, destination));
        }
        foreach (var (from, to) in moves) File.Move(from, to, overwrite: true);
        return moves.ConvertAll(m => m.To);
    }

    /// <summary>The images profiles.json lists: root file systems and combined disk images by the file system their name carries, the rest as kernels.</summary>
    private static List<ProfileImage> ImagesOf(IReadOnlyList<string> files, IReadOnlyList<string> filesystems)
    {
        var images = new List<ProfileImage>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".manifest", StringComparison.Ordinal) || name.EndsWith(".buildinfo", StringComparison.Ordinal)
                || name.EndsWith(Kiln.Packing.Sbom.CycloneDx.Extension, StringComparison.Ordinal)) continue;
            var rootfs = name.Contains("-rootfs", StringComparison.Ordinal);
            var filesystem = name.EndsWith(".tar.gz", StringComparison.Ordinal) ? "targz"
                : name.EndsWith(".cpio.gz", StringComparison.Ordinal) ? "cpio"
                : filesystems.FirstOrDefault(fs => name.Contains("-" + fs, StringComparison.Ordinal)) ?? (rootfs ? "rootfs" : "kernel");
            // A disk image with the boot loader, kernel and root (x86's IMG_PREFIX-FS-combined...) is OpenWrt's "combined".
            var type = rootfs ? "rootfs" : name.Contains("-combined", StringComparison.Ordinal) ? "combined" : "kernel";
            images.Add(new ProfileImage(file, type, filesystem));
        }
        return images;
    }
}
