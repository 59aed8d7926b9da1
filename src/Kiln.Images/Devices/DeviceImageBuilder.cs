using System.Text;
using Kiln.Build.Packages;
using Kiln.Build.Recipes;
using Kiln.Core.Errors;
using Kiln.Images.Outputs;
using Kiln.Images.Recipes;
using Kiln.Targets.Devices;
using Kiln.Targets.Plans;

namespace Kiln.Images.Devices;

/// <summary>What the device images of a subtarget are made in and from.</summary>
/// <param name="Makefile">The board's image Makefile, read with the devices collected.</param>
/// <param name="Plans">The plans of the devices to build, each with its device.</param>
/// <param name="KernelDirectory">KDIR: the kernel, the DTBs and the root file system images the pipelines read.</param>
/// <param name="BinDirectory">Where each device's files go once all of them are made.</param>
/// <param name="LogDirectory">One log per device.</param>
/// <param name="HostBin">staging_dir/host/bin, where the recipes find the host tools.</param>
/// <param name="SourceDateEpoch">What profiles.json records as the build's time (null: not set).</param>
public sealed record DeviceImageWork(
    ImageMakefile Makefile,
    IReadOnlyList<(Device Device, DevicePlan Plan)> Plans,
    string KernelDirectory,
    string BinDirectory,
    string LogDirectory,
    string TopDirectory,
    string HostBin,
    long? SourceDateEpoch);

/// <summary>What building one device gave: the files it put in the bin directory and their profiles.json records, or why it failed.</summary>
public sealed record DeviceOutcome(string Device, IReadOnlyList<string> Files, IReadOnlyList<ImageInfo> Records, string? Failure);

/// <summary>
/// Runs the device pipelines OpenWrt's image.mk defines (<c>KERNEL</c>, <c>KERNEL_INITRAMFS</c>,
/// <c>IMAGE/…</c>, <c>ARTIFACT/…</c>) from their plans: each file's recipe runs as make runs it
/// (one shell per command, in the image directory) on its work file in KDIR, then the device's
/// files are installed as the image rules install them (copied, or gzip'd for a .gz name). Devices
/// are independent and built at once; a device that fails leaves nothing under its final names
/// and does not stop the others.
/// </summary>
public static class DeviceImageBuilder
{
    public static IReadOnlyList<DeviceOutcome> Build(DeviceImageWork work, Action<string> progress, CancellationToken cancel)
    {
        // The recipes' environment and shell are the evaluator's: taken once, on its thread.
        var environment = work.Makefile.Environment("install");
        var shellFlags = work.Makefile.ShellFlags;
        Directory.CreateDirectory(Path.Combine(work.KernelDirectory, "tmp"));
        Directory.CreateDirectory(work.LogDirectory);
        var initramfsKernel = work.Plans.Select(p => p.Plan.Files.FirstOrDefault(f => f.Kind == FileKind.Initramfs))
            .OfType<PlannedFile>().Select(f => f.Inputs[0]).FirstOrDefault(input => !File.Exists(input));
        if (initramfsKernel is not null)
            progress($"image: no initramfs images: {initramfsKernel} is missing (the kernel build makes it, with the root file system inside; " +
                "give it in --kdir)");
        var outcomes = new DeviceOutcome[work.Plans.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel };
        try
        {
            Parallel.For(0, work.Plans.Count, options, i =>
            {
                var (device, plan) = work.Plans[i];
                var run = new DeviceRun(work, device, plan, environment, shellFlags, cancel);
                outcomes[i] = run.Build();
                progress(outcomes[i].Failure is null ? $"image: {plan.Device}: {outcomes[i].Files.Count} files" : $"image: {plan.Device}: failed");
            });
        }
        catch (AggregateException all)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(all.Flatten().InnerExceptions[0]).Throw();
        }
        return outcomes;
    }

    /// <summary>One device's build: its files in order, then their installation.</summary>
    private sealed class DeviceRun(DeviceImageWork work, Device device, DevicePlan plan, IReadOnlyDictionary<string, string> environment,
        string shellFlags, CancellationToken cancel)
    {
        private readonly string _log = Path.Combine(work.LogDirectory, plan.Device + ".txt");

        public DeviceOutcome Build()
        {
            File.Delete(_log);
            var installed = new List<(PlannedFile File, string Destination)>();
            try
            {
                var kernelUsed = plan.Files.Any(f => f.Kind is FileKind.Image or FileKind.Artifact);
                foreach (var file in plan.Files)
                {
                    if (file.Kind == FileKind.Kernel && !kernelUsed && file.Name.Length == 0) continue;
                    if (file.Kind == FileKind.Initramfs && !File.Exists(file.Inputs[0])) continue;
                    Make(file);
                    // Installed at once, as make does: later recipes may read a file from BIN_DIR (a factory image from the initramfs kernel).
                    if (file.Name.Length == 0) continue;
                    var destination = Path.Combine(work.BinDirectory, file.Name);
                    Install(file.Target, destination);
                    installed.Add((file, destination));
                }
            }
            catch (DeviceFailure failure)
            {
                // The device's files go with it: none keeps its final name.
                foreach (var (_, destination) in installed) File.Delete(destination);
                return new DeviceOutcome(plan.Device, [], [], failure.Message);
            }
            var records = new List<ImageInfo>();
            foreach (var (file, _) in installed)
            {
                if (file.Profile.Count > 0 &&
                    ImageInfo.Of(file.Profile.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), Path.GetDirectoryName(file.Target)!,
                        work.SourceDateEpoch) is { } record)
                    records.Add(record);
            }
            return new DeviceOutcome(plan.Device, installed.ConvertAll(i => i.Destination), records, null);
        }

        /// <summary>Runs the file's recipe; a failure names the device, the file, the step and why.</summary>
        private void Make(PlannedFile file)
        {
            var name = file.Name.Length > 0 ? file.Name : Path.GetFileName(file.Target);
            foreach (var command in file.Recipe)
            {
                if (RecipeInputs.MissingTools(command.Command, work.HostBin) is { } missing) throw Failure(file, name, command.Step, missing);
                if (RecipeInputs.MissingDeviceTree(command.Command, device, work.KernelDirectory) is { } dtb)
                    throw Failure(file, name, command.Step, $"the device tree {dtb} is missing (the kernel build makes it: give it in --kdir)");
            }
            var text = new StringBuilder();
            foreach (var command in file.Recipe) text.Append(command.IgnoreErrors ? "-" : "").Append(command.Command).Append('\n');
            var logStart = File.Exists(_log) ? new FileInfo(_log).Length : 0;
            try
            {
                work.Makefile.Run(new ExpandedRecipe(text.ToString(), environment, shellFlags), _log, cancel);
            }
            catch (StepFailure failure)
            {
                var step = file.Recipe.FirstOrDefault(c => failure.Command.StartsWith(c.Command.TrimEnd('\\'), StringComparison.Ordinal))?.Step ?? -1;
                throw Failure(file, name, step, $"exit status {failure.Status}: {failure.Command.Trim()}\n  | " +
                    string.Join("\n  | ", failure.Tail(10)));
            }
            if (!File.Exists(file.Target))
            {
                // check-size removes an image that is too big and says so, as OpenWrt's does; a tool behind "|| rm -f $@" says why it failed.
                var (reason, tooBig) = WhyNotMade(RecipeOutput(_log, logStart), Path.GetRelativePath(work.TopDirectory, file.Target));
                var sizeStep = file.Steps.Select((s, i) => (s, i)).LastOrDefault(p => p.s.Command == "check-size");
                throw Failure(file, name, tooBig && sizeStep.s is not null ? sizeStep.i : -1, reason);
            }
        }

        private DeviceFailure Failure(PlannedFile file, string name, int step, string reason)
        {
            var where = step >= 0 && step < file.Steps.Count ? $"step '{file.Steps[step]}'" : "its rule";
            return new DeviceFailure($"{plan.Device}: {name}: {where}: {reason}\n  log: {Path.GetRelativePath(work.TopDirectory, _log)}");
        }

        /// <summary>The image rules' install: a copy, or for a name ending .gz that the work file lacks, gzip -9n of it.</summary>
        private void Install(string from, string to)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (to.EndsWith(".gz", StringComparison.Ordinal) && !from.EndsWith(".gz", StringComparison.Ordinal))
                work.Makefile.Run(new ExpandedRecipe($"gzip -c -9n {Quote(from)} > {Quote(to)}\n", environment, shellFlags), _log, cancel);
            else File.Copy(from, to, overwrite: true);
        }

        private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The lines a recipe wrote to its device's log from <paramref name="start"/> (its commands as echoed, and their output).</summary>
    internal static IReadOnlyList<string> RecipeOutput(string log, long start)
    {
        if (!File.Exists(log)) return [];
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(start, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Why a recipe that succeeded left no file, from what it wrote: check-size's warning (too big: true), else its last lines.
    /// The warning is a line of output, not the command that prints it, whose text holds the same words.
    /// </summary>
    internal static (string Reason, bool TooBig) WhyNotMade(IReadOnlyList<string> output, string target)
    {
        var warning = output.LastOrDefault(line =>
            line.TrimStart().StartsWith("WARNING: Image file", StringComparison.Ordinal) && line.Contains(" is too big", StringComparison.Ordinal));
        if (warning is not null) return (warning.Trim().Replace("WARNING: ", "", StringComparison.Ordinal), true);
        var tail = output.Skip(Math.Max(0, output.Count - 10)).ToList();
        return ($"the recipe did not make {target}" + (tail.Count > 0 ? ":\n  | " + string.Join("\n  | ", tail) : ""), false);
    }

    private sealed class DeviceFailure(string message) : Exception(message);
}
