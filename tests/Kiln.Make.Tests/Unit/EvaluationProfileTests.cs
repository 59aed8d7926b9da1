using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;

namespace Kiln.Make.Tests.Unit;

/// <summary>
/// An evaluation given a profile adds each part it went through: its setting up, the makefile it read,
/// each included file by name (with what that file included inside its figures), and a shared first
/// statement restored instead of read.
/// </summary>
public sealed class EvaluationProfileTests : IDisposable
{
    private readonly TemporaryDirectory _tree = new();

    public void Dispose() => _tree.Dispose();

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_tree.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void Evaluate(string directory, EvaluationProfile profile, SharedPrelude? prelude = null)
    {
        var ev = new Evaluator(new EvaluatorOptions
        {
            WorkingDirectory = Path.Combine(_tree.Path, directory), SearchDefaultIncludeDirectories = false,
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, CommandLineVariables = ["TOP=" + _tree.Path],
            Output = new CollectingMakeOutput(), Prelude = prelude, Profile = profile,
        });
        ev.ReadMakefile("Makefile");
    }

    private static EvaluationProfile.Part Part(EvaluationProfile profile, string name) =>
        Assert.Single(profile.Parts, p => p.Name == name);

    [Fact]
    public void EachPartIsCountedOnceAndAnIncludedFileHoldsWhatItIncludes()
    {
        Write("outer.mk", "OUTER := 1\ninclude $(TOP)/inner.mk\n");
        // The inner file does measurable work: a long list built and sorted.
        Write("inner.mk", "INNER := $(sort $(foreach i,$(shell seq 1 3000),item-$(i)))\n");
        Write("p/Makefile", "include $(TOP)/outer.mk\nall:\n");
        var profile = new EvaluationProfile();

        Evaluate("p", profile);

        Assert.Equal(new[] { EvaluationProfile.Setup, EvaluationProfile.Whole, "inner.mk", "outer.mk" }.Order(StringComparer.Ordinal),
            profile.Parts.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var part in profile.Parts) Assert.Equal(1, part.Count);
        var (whole, outer, inner) = (Part(profile, EvaluationProfile.Whole), Part(profile, "outer.mk"), Part(profile, "inner.mk"));
        Assert.True(inner.AllocatedBytes > 3000 * "item-1000".Length, $"inner.mk allocated {inner.AllocatedBytes} bytes");
        Assert.True(outer.Time >= inner.Time && whole.Time >= outer.Time, $"{whole.Time} >= {outer.Time} >= {inner.Time}");
        Assert.True(outer.AllocatedBytes >= inner.AllocatedBytes && whole.AllocatedBytes >= outer.AllocatedBytes);
        Assert.True(Part(profile, EvaluationProfile.Setup).AllocatedBytes > 0);
    }

    [Fact]
    public void AnEvaluationThatRestoresASharedFirstStatementCountsTheRestoreAndNotTheFileItSkipped()
    {
        Write("common.mk", "COMMON := 1\n");
        var directories = new[] { "a", "b", "c", "d", "e" };
        foreach (var directory in directories) Write(directory + "/Makefile", "include $(TOP)/common.mk\nall:\n");
        var prelude = new SharedPrelude("include $(TOP)/common.mk");
        var profile = new EvaluationProfile();

        foreach (var directory in directories) Evaluate(directory, profile, prelude);

        Assert.True(prelude.IsShared);
        Assert.Equal(directories.Length, Part(profile, EvaluationProfile.Whole).Count);
        Assert.Equal(directories.Length, Part(profile, EvaluationProfile.Setup).Count);
        var restored = Part(profile, EvaluationProfile.PreludeRestored).Count;
        Assert.True(restored >= 1, "no evaluation restored the shared state");
        Assert.Equal(directories.Length, restored + Part(profile, "common.mk").Count);
    }
}
