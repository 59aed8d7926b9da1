using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;

namespace Kiln.Make.Tests.Unit;

/// <summary>What an evaluation reports of the world outside it, and the functions an embedding program adds.</summary>
public sealed class EvaluationInputsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-inputs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class Recorder : IEvaluationInputs
    {
        public List<string> Seen { get; } = [];

        public bool Repeatable { get; private set; } = true;

        public void FileRead(string osPath, byte[] contentHash) => Seen.Add($"read {Path.GetFileName(osPath)} {contentHash.Length}");

        public void PathQueried(string osPath, PathQuery query, bool answer) => Seen.Add($"{query} {Path.GetFileName(osPath)} {answer}");

        public void FileTimeRead(string osPath, long? seconds) => Seen.Add($"time {Path.GetFileName(osPath)} {seconds is not null}");

        public void DirectoryListed(string osDirectory, IReadOnlyList<string> names) =>
            Seen.Add($"list {string.Join(",", names.Order(StringComparer.Ordinal))}");

        public void PathResolved(string path, string directory, string? resolved) => Seen.Add($"realpath {path} {resolved is not null}");

        public void ShellRan(ShellInvocation invocation, ShellOutcome outcome) => Seen.Add($"shell {invocation.Command} {outcome.Status}");

        public void EnvironmentRead(string name) => Seen.Add($"environment {name}");

        public HashSet<string> Missing { get; } = [];

        public void VariableMissing(ReadOnlySpan<char> name) => Missing.Add(name.ToString());

        public void NotRepeatable() => Repeatable = false;
    }

    private (Recorder Inputs, CollectingMakeOutput Output) Read(string makefile)
    {
        File.WriteAllText(Path.Combine(_directory, "Makefile"), makefile);
        var inputs = new Recorder();
        var output = new CollectingMakeOutput();
        var ev = new Evaluator(new EvaluatorOptions { WorkingDirectory = _directory, SearchDefaultIncludeDirectories = false,
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, Output = output, Inputs = inputs });
        ev.ReadMakefile("Makefile");
        return (inputs, output);
    }

    [Fact]
    public void IncludesProbesListingsAndCommandsAreReported()
    {
        File.WriteAllText(Path.Combine(_directory, "part.mk"), "x := 1\n");
        var (inputs, _) =
            Read("include part.mk\n-include absent.mk\ny := $(wildcard *.mk) $(wildcard Makefile) $(realpath part.mk) $(shell echo hi)\n");
        Assert.Equal(
        [
            "IsDirectory Makefile False", "IsFile Makefile True", "read Makefile 32",
            "IsDirectory part.mk False", "IsFile part.mk True", "read part.mk 32",
            "IsDirectory absent.mk False", "IsFile absent.mk False",
            "list .,..,Makefile,part.mk", "Exists Makefile True", "realpath part.mk True", "shell echo hi 0",
        ], inputs.Seen);
        Assert.True(inputs.Repeatable);
    }

    [Fact]
    public void EnvironmentVariablesLookedUpAreReported()
    {
        var (inputs, _) = Read("x := $(PATH) $(PATH) $(NOT_SET)\n");
        Assert.Contains("environment PATH", inputs.Seen);
        Assert.Equal(["environment PATH"], inputs.Seen.Where(s => s.StartsWith("environment ", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void NamesLookedUpAndNotFoundAreReportedHoweverTheyAreAskedFor()
    {
        var (inputs, _) = Read("""
            x := $(PATH) $(NOT_SET) $(origin NO_ORIGIN) $(flavor NO_FLAVOR) $(value NO_VALUE) $(NAME_$(NOT_SET)PART)
            ifdef NO_IFDEF
            endif
            CONDITIONAL ?= set here
            APPENDED += set here
            y := $(CONDITIONAL) $(APPENDED)
            DEFINED := 1
            z := $(DEFINED)

            """);
        foreach (var name in new[] { "NOT_SET", "NO_ORIGIN", "NO_FLAVOR", "NO_VALUE", "NAME_PART", "NO_IFDEF", "CONDITIONAL", "APPENDED" })
            Assert.Contains(name, inputs.Missing);
        Assert.DoesNotContain("PATH", inputs.Missing);
        Assert.DoesNotContain("DEFINED", inputs.Missing);
    }

    [Fact]
    public void WritingAFileIsNotRepeatable()
    {
        var (inputs, _) = Read("$(file >out.txt,text)\n");
        Assert.False(inputs.Repeatable);
        Assert.Equal("text\n", File.ReadAllText(Path.Combine(_directory, "out.txt")));
    }
}
