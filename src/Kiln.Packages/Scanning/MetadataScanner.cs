using System.Collections.Concurrent;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;
using Kiln.Packages.Api;

namespace Kiln.Packages.Scanning;

/// <summary>
/// Evaluates every qualifying Makefile of a directory with DUMP=1, in parallel, each in an
/// evaluator of its own over shared, parse-once sources; collects what each prints.
/// </summary>
public sealed class MetadataScanner(ScanOptions options)
{
    private readonly SourceCache _sources = new();

    public ScanResult Run(Action<int, int>? progress = null)
    {
        var top = Canonical(options.TopDirectory);
        var scanRoot = Path.Combine(top, options.ScanDirectory);
        if (!Directory.Exists(scanRoot))
            throw new MakeErrorException(SourceLocation.None, $"{options.ScanDirectory}: no such directory in {top}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var directories = MakefileFinder.Find(scanRoot, options.MaxDepth, options.Calls);
        var findTime = clock.Elapsed;
        var api = new OpenWrtApi(ByteText.FromOs(top));
        var environment = new Dictionary<string, string>(ProcessEnvironment.Read(), StringComparer.Ordinal)
        {
            ["TOPDIR"] = ByteText.FromOs(top),
        };

        var results = new MakefileScan[directories.Count];
        var done = 0;
        ParallelWorkers.Run(directories.Count, options.Parallelism, i =>
        {
            results[i] = Evaluate(api, environment, scanRoot, directories[i]);
            progress?.Invoke(Interlocked.Increment(ref done), directories.Count);
        });
        return new ScanResult(results, findTime, clock.Elapsed - findTime);
    }

    private MakefileScan Evaluate(OpenWrtApi api, IReadOnlyDictionary<string, string> environment, string scanRoot, string directory)
    {
        var sourceMakefile = ByteText.FromOs(Path.Combine(options.ScanDirectory, directory, "Makefile"));
        var output = new CollectingMakeOutput();
        var workingDirectory = Canonical(Path.Combine(scanRoot, directory));
        var evaluator = new Evaluator(new EvaluatorOptions
        {
            WorkingDirectory = ByteText.FromOs(workingDirectory),
            Environment = environment,
            CommandLineVariables = ["DUMP=1", "FEED=" + options.Feed, .. options.ExtraVariables],
            NoBuiltinRules = true,
            ShellTimeout = options.ShellTimeout,
            Output = output,
            Makefiles = api,
            Sources = _sources,
        });
        try
        {
            evaluator.ReadMakefile("Makefile");
            evaluator.CheckMissingIncludes();
            return new MakefileScan(sourceMakefile, output.Stdout, output.Stderr, null);
        }
        catch (MakeErrorException e)
        {
            var where = e.Location.IsKnown ? e.Format("make") : $"{sourceMakefile}: {e.Format("make")}";
            return new MakefileScan(sourceMakefile, output.Stdout, output.Stderr, RelativeTo(where, workingDirectory, ByteText.FromOs(options.ScanDirectory + "/" + directory)));
        }
    }

    /// <summary>Locations inside the Makefile's own directory are shown relative to the tree.</summary>
    private static string RelativeTo(string message, string workingDirectory, string relativeDirectory) =>
        message.StartsWith("Makefile:", StringComparison.Ordinal) ? relativeDirectory + "/" + message : message.Replace(ByteText.FromOs(workingDirectory) + "/", relativeDirectory + "/");

    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        return ByteText.ToOs(PathFunctions.RealPath(ByteText.FromOs(full), "/") ?? ByteText.FromOs(full));
    }
}
