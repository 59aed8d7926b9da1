using System.CommandLine;
using Kiln.Cli.Output;
using Kiln.Configuration.Choice;
using Kiln.Core.Errors;
using Kiln.Images.Boot;
using Kiln.Images.Firmware;
using Kiln.Pipeline.ImageBuilder;
using Kiln.Pipeline.Images;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln image</c>: firmware images from packages already built or in a feed, without compiling
/// (Image Builder's <c>make image</c>); <c>kiln test-image</c>: boots them in QEMU.
/// </summary>
public static class ImageCommands
{
    public static readonly Option<string?> Kernel = new("--kernel")
    {
        Description = "The built kernel to make images with: an ELF vmlinux or a bzImage (default: 'kernel =' in TREE/kiln.conf).",
        HelpName = "FILE",
    };

    public static readonly Option<string[]> Profile = new("--profile")
    {
        Description = "Make images for this profile (device); repeatable. Default: the target's default profile.",
        HelpName = "NAME",
    };

    public static IEnumerable<Command> Create()
    {
        var target = new Option<string>("--target") { Description = "BOARD/SUBTARGET to make images for.", HelpName = "TARGET", Required = true };
        var config = new Option<string?>("--config")
        {
            Description = "The .config (default: TREE/.config when it is for the target, else the defaults).",
            HelpName = "FILE",
        };
        var packages = new Option<string?>("--packages")
        {
            Description = "Packages to add (\"a b -c\": -c leaves c out), besides the target's default packages.",
            HelpName = "LIST",
        };
        var onlyPackages = new Option<bool>("--only-packages")
        {
            Description = "Leave out the default packages: only --packages and what they need.",
        };
        var feeds = new Option<string[]>("--feed")
        {
            Description = "Also install from this feed directory (.ipk files or a Packages index); repeatable.",
            HelpName = "DIR",
        };
        var rootfsOnly = new Option<bool>("--rootfs-only") { Description = "Only the root file system images (no kernel needed)." };
        var kernelBuild = new Option<string?>("--kdir")
        {
            Description = "What a kernel build left in KDIR (vmlinux, vmlinux-initramfs, image-DTS.dtb, optionally root.squashfs...), " +
                "used as it is; what it lacks is made as usual.",
            HelpName = "DIR",
        };
        var files = new Option<string?>("--files")
        {
            Description = "Copy this directory's files over the root file system before its images are made (Image Builder's FILES=).",
            HelpName = "DIR",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Only resolve the packages: print each with its version and why it is there, in install order (no images, nothing written).",
        };
        var json = new Option<bool>("--json") { Description = "With --dry-run: print JSON (target, profile, packages with name, version, reason, requested, feed)." };
        var image = new Command("image", "Make firmware images from built packages, without compiling (Image Builder's 'make image').")
        {
            target, config, Profile, packages, onlyPackages, Kernel, kernelBuild, feeds, rootfsOnly, files, dryRun, json,
        };
        image.SetAction(result =>
        {
            if (result.GetValue(onlyPackages) && string.IsNullOrWhiteSpace(result.GetValue(packages)))
                throw new UserError("--only-packages needs --packages LIST");
            if (result.GetValue(json) && !result.GetValue(dryRun)) throw new UserError("--json needs --dry-run");
            if (result.GetValue(files) is { } overlay && !Directory.Exists(overlay))
                throw new UserError($"--files {overlay}: " + (File.Exists(overlay) ? "is a file, not a directory" : "no such directory"));
            var tree = GlobalOptions.Tree(result);
            var id = result.GetValue(target)!;
            ImageBuilderDirectory.Open(tree)?.Require(id);
            if (result.GetValue(dryRun))
            {
                var resolved = ImageResolution.DryRun(tree, id, result.GetValue(Profile) ?? [], result.GetValue(packages), result.GetValue(onlyPackages),
                    result.GetValue(feeds) ?? [], line => Console.Error.WriteLine("kiln: " + line));
                if (result.GetValue(json)) DryRunJson.Write(Console.OpenStandardOutput(), resolved);
                else ReportDryRun(resolved);
                return ExitCodes.Success;
            }
            var request = new ImageBuildRequest(tree,
                ConfigurationChoice.Choose(tree, id, result.GetValue(config), TimeSpan.FromSeconds(60), GlobalOptions.CacheDirectory(result)).Config,
                id, result.GetValue(Kernel), result.GetValue(packages), result.GetValue(onlyPackages), FromConfig: false,
                result.GetValue(Profile) ?? [], result.GetValue(feeds) ?? [], result.GetValue(rootfsOnly),
                GlobalOptions.Scan(result, "package").CacheDirectory)
            {
                KernelBuild = result.GetValue(kernelBuild),
                Files = result.GetValue(files),
            };
            var display = new BuildDisplay(explain: false);
            var made = display.Show(() => FirmwareSession.Run(request, display, CancellationToken.None));
            ReportImages(made, tree);
            return ExitCodes.Success;
        });
        yield return image;

        var testTarget = new Argument<string>("TARGET") { Description = "BOARD/SUBTARGET whose images to boot." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds the system has to boot (default 60).", DefaultValueFactory = _ => 60 };
        var init = new Option<string>("--init")
        {
            Description = "The init the kernel runs (default /sbin/init).",
            DefaultValueFactory = _ => "/sbin/init",
            HelpName = "PATH",
        };
        var test = new Command("test-image",
            "Boot a subtarget's initramfs and combined disk images in QEMU and check its squashfs and ext4 images against the staged root.")
        {
            testTarget, Kernel, timeout, init,
        };
        test.SetAction(result =>
        {
            var seconds = result.GetValue(timeout);
            if (seconds < 1) throw new UserError($"--timeout {seconds}: give at least one second");
            var tree = GlobalOptions.Tree(result);
            var outcome = ImageTest.Run(new ImageTestRequest(tree, result.GetValue(testTarget)!, result.GetValue(Kernel), result.GetValue(init)!,
                TimeSpan.FromSeconds(seconds)), line => Console.Out.WriteLine(line), Console.Error.WriteLine);
            foreach (var boot in outcome.Boots)
            {
                var stages = boot.Result.Stages.Count > 0 ? " (" + string.Join("; ", boot.Result.Stages) + ")" : "";
                Console.Error.WriteLine(boot.Result.ReachedInit
                    ? $"kiln: {boot.What}: {boot.Result.Elapsed.TotalSeconds:0.0} s: the kernel ran {result.GetValue(init)}" +
                        (boot.Result.PoweredOff ? " and the system powered off" : "") + stages
                    : $"kiln: {boot.What}: did not boot: {boot.Result.Failure}{stages}; its console is above");
            }
            if (outcome.Checked.Count > 0) Console.Error.WriteLine("kiln: " + string.Join(", ", outcome.Checked) + " hold the staged root");
            foreach (var difference in outcome.Differences) Console.Error.WriteLine("kiln: " + difference);
            return outcome.Boots.All(b => b.Result.ReachedInit) && outcome.Differences.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        yield return test;
    }

    /// <summary>The resolved packages, one per line on stdout (name, version, reason), in install order.</summary>
    private static void ReportDryRun(ImageDryRun resolved)
    {
        var profiles = resolved.Profiles.Count == 0 ? "" : " (" + string.Join(", ", resolved.Profiles.Select(p => p.DeviceName)) + ")";
        Console.Error.WriteLine($"kiln: {resolved.Plan.Packages.Count} packages for {resolved.Target.Id}{profiles}, in install order:");
        var table = resolved.Plan.Packages.Select(p => (Name: $"{p.Package.Name} {p.Package.Version}", p.Reason)).ToList();
        var width = table.Count == 0 ? 0 : table.Max(row => row.Name.Length);
        var output = new System.Text.StringBuilder();
        foreach (var (name, reason) in table) output.Append(name.PadRight(width)).Append("  ").Append(reason).Append('\n');
        Console.Out.Write(output.ToString());
    }

    /// <summary>Names the image files a build wrote, one per line on stdout.</summary>
    public static void ReportImages(FirmwareResult made, string tree)
    {
        Console.Error.WriteLine($"kiln: {made.Packages.Count} packages in the image; images in {Path.GetRelativePath(tree, made.BinDirectory)}:");
        foreach (var file in made.Images) Console.Out.WriteLine(Path.GetRelativePath(tree, file));
    }
}
