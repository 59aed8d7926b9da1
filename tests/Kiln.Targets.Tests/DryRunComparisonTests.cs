using Kiln.Pipeline.Devices;
using Kiln.Targets.Devices;
using Kiln.Targets.Plans;

namespace Kiln.Targets.Tests;

/// <summary>
/// The comparison of plans with a dry run, against a dry run made from the example tree's own
/// plans (demo/small) as GNU make prints one, then changed the way OpenWrt's could differ.
/// </summary>
public sealed class DryRunComparisonTests
{
    private static readonly Lazy<DeviceSet> Small = new(() => SubtargetDevices.Load(Fixtures.Example, "demo/small", configFile: null,
        TimeSpan.FromSeconds(60)).Devices);

    private static IReadOnlyList<DevicePlan> Plans => Small.Value.Plans;

    [Fact]
    public void UntouchedDryRunMatchesEveryDevice()
    {
        var results = DryRunComparison.Compare(DryRun(Plans), Plans);
        Assert.Equal(Plans.Select(p => p.DeviceId).Order(StringComparer.Ordinal), results.Select(r => r.Device));
        Assert.All(results, r => Assert.Empty(r.Problems));
    }

    [Fact]
    public void ChangedStepArgumentFailsOnlyItsDevice()
    {
        var file = Image("acme_r2");
        var step = file.Steps.ToList().FindIndex(s => s.Command == "pad-to");
        var argument = Assert.Single(file.Steps[step].Arguments);
        var command = file.Recipe.First(c => c.Step == step && c.Command.Contains(argument, StringComparison.Ordinal)).Command;
        var changed = command.Replace(argument, "256k", StringComparison.Ordinal);
        var lines = DryRun(Plans);
        lines[Assert.Single(IndexesOf(lines, command))] = changed;

        var failed = Assert.Single(DryRunComparison.Compare(lines, Plans), r => !r.Matches);
        Assert.Equal("acme_r2", failed.Device);
        var problem = Assert.Single(failed.Problems);
        Assert.StartsWith(Path.GetFileName(file.Target) + ":", problem);
        Assert.Contains($"pad-to {argument}", problem);
        Assert.Contains($"\"{command}\"", problem);
        Assert.Contains($"\"{changed}\"", problem);
    }

    [Fact]
    public void PlannedFileMissingFromTheDryRunIsReported()
    {
        var file = Image("acme_r1");
        var lines = DryRun(Plans);
        lines.RemoveAt(JsonLine(lines, file.Name));

        var failed = Assert.Single(DryRunComparison.Compare(lines, Plans), r => !r.Matches);
        Assert.Equal("acme_r1", failed.Device);
        Assert.Equal([$"the plan makes {file.Name}, the dry run does not"], failed.Problems);
    }

    [Fact]
    public void ChangedProfileFieldIsReported()
    {
        var file = Image("acme_r1");
        var title = file.Profile.Single(f => f.Key == "DEVICE_TITLE").Value;
        var lines = DryRun(Plans);
        var json = JsonLine(lines, file.Name);
        lines[json] = lines[json].Replace($"DEVICE_TITLE=\"{title}\"", "DEVICE_TITLE=\"ACME R1 Pro\"", StringComparison.Ordinal);

        var failed = Assert.Single(DryRunComparison.Compare(lines, Plans), r => !r.Matches);
        Assert.Equal("acme_r1", failed.Device);
        var problem = Assert.Single(failed.Problems);
        Assert.Contains(file.Name, problem);
        Assert.Contains("DEVICE_TITLE", problem);
        Assert.Contains($"\"{title}\"", problem);
        Assert.Contains("\"ACME R1 Pro\"", problem);
    }

    [Fact]
    public void ShellCommentsBetweenCommandsAreIgnored()
    {
        var lines = DryRun(Plans).SelectMany(line => new[] { line, "# note", "\t# indented note" }).ToList();
        Assert.All(DryRunComparison.Compare(lines, Plans), r => Assert.Empty(r.Problems));
    }

    [Fact]
    public void KernelIsNotNeededWithoutImages()
    {
        var plan = Plans.First(p => p.Files.Any(f => f.Kind == FileKind.Initramfs));
        var kernel = plan.Files.Single(f => f.Kind == FileKind.Kernel);
        DevicePlan Only(params FileKind[] kinds) => plan with { Files = plan.Files.Where(f => kinds.Contains(f.Kind)).ToList() };
        var withoutKernel = Only(FileKind.Initramfs, FileKind.Image, FileKind.Artifact);

        // The dry run builds the initramfs only: the plan's kernel is no file anything needs.
        var result = Assert.Single(DryRunComparison.Compare(DryRun([Only(FileKind.Initramfs)]), [Only(FileKind.Kernel, FileKind.Initramfs)]));
        Assert.Empty(result.Problems);

        // With the images planned too, their kernel must be built.
        var problem = Assert.Single(Assert.Single(DryRunComparison.Compare(DryRun([withoutKernel]), [plan])).Problems);
        Assert.StartsWith(Path.GetFileName(kernel.Target) + ":", problem);
    }

    /// <summary>The device's first image (sysupgrade).</summary>
    private static PlannedFile Image(string device) => Plans.Single(p => p.Device == device).Files.First(f => f.Kind == FileKind.Image);

    /// <summary>
    /// What <c>make -n</c> prints for the plans: each file's recipe, then for a file profiles.json
    /// records the json_add_image_info.py command (FILE_TYPE unquoted, as image.mk writes it).
    /// </summary>
    private static List<string> DryRun(IEnumerable<DevicePlan> plans)
    {
        var buildDirectory = Path.GetDirectoryName(Small.Value.KernelDirectory);
        var lines = new List<string>();
        foreach (var file in plans.SelectMany(p => p.Files))
        {
            lines.AddRange(file.Recipe.Select(c => c.Command));
            if (file.Profile.Count == 0) continue;
            var fields = file.Profile.Select(f => f.Key switch
            {
                "DEVICE_ID" => $"DEVICE_ID=\"{f.Value}\" SOURCE_DATE_EPOCH=",
                "FILE_NAME" => $"FILE_NAME=\"{f.Value}\" FILE_DIR=\"{Path.GetDirectoryName(file.Target)}\"",
                "FILE_TYPE" => $"FILE_TYPE={f.Value}",
                _ => $"{f.Key}=\"{f.Value}\"",
            });
            var name = file.Profile.Single(f => f.Key == "FILE_NAME").Value;
            lines.Add($"{string.Join(' ', fields)} {Fixtures.Example}/scripts/json_add_image_info.py {buildDirectory}/json_info_files/{name}.json");
        }
        return lines;
    }

    private static IEnumerable<int> IndexesOf(List<string> lines, string line) =>
        Enumerable.Range(0, lines.Count).Where(i => lines[i] == line);

    private static int JsonLine(List<string> lines, string fileName) =>
        Assert.Single(Enumerable.Range(0, lines.Count), i => lines[i].Contains("json_add_image_info.py", StringComparison.Ordinal)
            && lines[i].Contains($" FILE_NAME=\"{fileName}\" ", StringComparison.Ordinal));
}
