using Kiln.Build.Jobs;
using Kiln.Build.Recipes;

namespace Kiln.Build.Tests;

/// <summary>GNU make 4.3 started with Kiln's jobserver flag runs at most as many jobs as the jobserver has slots.</summary>
public sealed class JobserverTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kiln-jobserver-" + Guid.NewGuid().ToString("N"));

    public JobserverTests()
    {
        Directory.CreateDirectory(_directory);
        // Eight jobs that each note how many are running while they run.
        File.WriteAllText(Path.Combine(_directory, "jobs.mk"), """
            all: j1 j2 j3 j4 j5 j6 j7 j8
            j%:
            	@mkdir running.$@ && ls -d running.* | wc -l >> counts && sleep 0.3 && rmdir running.$@

            """.Replace("    ", "\t"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private int MostAtOnce(int slots)
    {
        using var jobserver = new Jobserver(slots);
        var environment = new Dictionary<string, string>(Kiln.Make.Evaluation.ProcessEnvironment.Read(), StringComparer.Ordinal);
        RecipeRunner.Run($"make -s {jobserver.MakeFlag} -f jobs.mk", environment, _directory, "/bin/sh", "-c",
            Path.Combine(_directory, "log.txt"), CancellationToken.None);
        return File.ReadAllLines(Path.Combine(_directory, "counts")).Max(l => int.Parse(l.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TwoSlotsMeanAtMostTwoJobs() => Assert.InRange(MostAtOnce(2), 1, 2);

    [Fact]
    public void FourSlotsLetJobsRunSideBySide() => Assert.InRange(MostAtOnce(4), 3, 4);
}
