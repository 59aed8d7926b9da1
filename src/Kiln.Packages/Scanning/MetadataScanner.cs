using System.Security.Cryptography;
using System.Text;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;
using Kiln.Packages.Api;
using Kiln.Packages.Scanning.Cache;

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
        FactsCollector.Register();
        var top = Canonical(options.TopDirectory);
        var scanRoot = Path.Combine(top, options.ScanDirectory);
        if (!Directory.Exists(scanRoot))
            throw new MakeErrorException(SourceLocation.None, $"{options.ScanDirectory}: no such directory in {top}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var found = MakefileFinder.Find(scanRoot, options.MaxDepth, options.Calls);
        var directories = found.Select(f => f.Directory).ToList();
        var findTime = clock.Elapsed;
        // make -C reports the physical directory; only a path through a link needs resolving.
        var physicalRoot = Canonical(scanRoot);
        string WorkingDirectory(int i) => found[i].ThroughLink ? Canonical(Path.Combine(scanRoot, found[i].Directory)) : physicalRoot + "/" + found[i].Directory;
        var api = new OpenWrtApi(ByteText.FromOs(top));
        var environment = new Dictionary<string, string>(options.Environment ?? ProcessEnvironment.Read(), StringComparer.Ordinal)
        {
            ["TOPDIR"] = ByteText.FromOs(top),
        };

        var cache = options.CacheDirectory is { } cacheDirectory
            ? ScanCache.Open(Path.Combine(cacheDirectory, CacheFileName(options.ScanDirectory)), CacheKey(top, environment))
            : null;
        var check = new InputCheck(environment, options.ShellTimeout);
        var entries = new CachedScan?[directories.Count];
        var results = new MakefileScan[directories.Count];
        var done = 0;
        var reused = 0;
        ParallelWorkers.Run(directories.Count, options.Parallelism, i =>
        {
            if (cache?.Find(directories[i]) is { } cached && check.StillHold(cached.Inputs))
            {
                entries[i] = cached;
                results[i] = cached.Scan;
                Interlocked.Increment(ref reused);
            }
            else
            {
                var inputs = cache is null ? null : new InputLog(environment);
                results[i] = Evaluate(api, environment, WorkingDirectory(i), directories[i], inputs);
                if (inputs is { Repeatable: true }) entries[i] = new CachedScan(directories[i], inputs.Inputs, results[i]);
            }
            progress?.Invoke(Interlocked.Increment(ref done), directories.Count);
        });
        var cacheProblem = cache is not null && reused < directories.Count ? cache.Save(entries.OfType<CachedScan>()) : null;
        return new ScanResult(results, findTime, clock.Elapsed - findTime) { Reused = reused, CacheProblem = cacheProblem };
    }

    private static string CacheFileName(string scanDirectory) => "scan-" + scanDirectory.Replace('/', '-') + ".cache";

    /// <summary>Everything besides the recorded inputs that an evaluation's result depends on.</summary>
    private string CacheKey(string top, IReadOnlyDictionary<string, string> environment)
    {
        var key = new StringBuilder();
        key.Append(typeof(Evaluator).Assembly.ManifestModule.ModuleVersionId).Append('\0');
        key.Append(typeof(MetadataScanner).Assembly.ManifestModule.ModuleVersionId).Append('\0');
        key.Append(top).Append('\0').Append(options.ScanDirectory).Append('\0').Append(options.Feed).Append('\0');
        key.Append(options.MaxDepth).Append('\0').AppendJoin('\n', options.Calls).Append('\0').AppendJoin('\n', options.ExtraVariables).Append('\0');
        // The names only: the values the makefiles looked up are inputs of each result, and commands
        // are run again. A variable added or removed (which a lookup could have missed) starts afresh.
        foreach (var name in environment.Keys.Order(StringComparer.Ordinal)) key.Append(name).Append('\0');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }

    private MakefileScan Evaluate(OpenWrtApi api, IReadOnlyDictionary<string, string> environment, string workingDirectory, string directory, InputLog? inputs)
    {
        var sourceMakefile = ByteText.FromOs(Path.Combine(options.ScanDirectory, directory, "Makefile"));
        var output = new CollectingMakeOutput();
        var facts = new FactsCollector();
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
            Inputs = inputs,
            HostContext = facts,
        });
        try
        {
            evaluator.ReadMakefile("Makefile");
            // make would say "No rule to make target"; the include line is the useful place to point at.
            if (evaluator.MissingIncludes.LastOrDefault(m => !m.Optional) is { } missing)
                throw new MakeErrorException(missing.Location, $"{missing.Name}: {missing.Reason}");
            var found = facts.Finish(evaluator);
            return new MakefileScan(sourceMakefile, output.Stdout, output.Stderr, null, found);
        }
        catch (MakeErrorException e)
        {
            var where = e.Location.IsKnown ? e.Format("make") : $"{sourceMakefile}: {e.Format("make")}";
            return new MakefileScan(sourceMakefile, output.Stdout, output.Stderr,
                RelativeTo(where, workingDirectory, ByteText.FromOs(options.ScanDirectory + "/" + directory)), MakefileFacts.None);
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
