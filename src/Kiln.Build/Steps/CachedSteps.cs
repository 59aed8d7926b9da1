using Kiln.Build.Cache;
using Kiln.Build.Packages;
using Kiln.Build.Stamps;
using Kiln.OpenWrt.Names;

namespace Kiln.Build.Steps;

/// <summary>
/// The steps of one package build whose outputs the build cache holds — install (the package's
/// install directories), pack (its .ipk files) and installdev (its staged files with their list);
/// for a host build, host-install (what it put into staging_dir/host) — under keys known before
/// anything runs: the build's key (<see cref="BuildCacheSession.NodeKey"/>) and each step's own
/// inputs. Restored outputs are recorded in a stamp of their own (.kiln-cached in the build
/// directory), which keeps the build up to date until its key or outputs change.
/// </summary>
internal sealed class CachedSteps
{
    private readonly BuildCacheSession _cache;
    private readonly BuildContext _context;
    private readonly PackageMakefile _makefile;
    private readonly string _nodeKey;
    private readonly bool _host;
    private readonly IReadOnlyList<string> _installing;
    private readonly IReadOnlyList<PackageToPack> _packages;
    private readonly IPackager? _packager;
    private readonly string _stamp;
    private IReadOnlyList<string>? _hostFiles;

    public CachedSteps(BuildCacheSession cache, BuildContext context, PackageMakefile makefile, string nodeKey, bool host,
        IReadOnlyList<string> installing, IReadOnlyList<PackageToPack> packages, IPackager? packager)
    {
        (_cache, _context, _makefile, _nodeKey, _host, _installing, _packages, _packager) =
            (cache, context, makefile, nodeKey, host, installing, packages, packager);
        _stamp = Path.Combine(makefile.Value(host ? "HOST_BUILD_DIR" : "PKG_BUILD_DIR"), ".kiln-cached");
        Steps = host ? [StepKind.Install]
            : [StepKind.Install, .. packager is not null && packages.Count > 0 ? [StepKind.Pack] : Array.Empty<StepKind>(),
                .. makefile.Value(ApiNames.Variables.InstallDev).Length > 0 ? [StepKind.InstallDev] : Array.Empty<StepKind>()];
    }

    /// <summary>The steps whose outputs are cached, in the order they run.</summary>
    public IReadOnlyList<StepKind> Steps { get; }

    private string StepName(StepKind step) => (_host ? "host-" : "") + step.Name();

    private string Key(StepKind step) => BuildCacheSession.StepKey(_nodeKey, StepName(step), step switch
    {
        StepKind.Install when !_host => string.Join(' ', _installing) + "\nstrip " + Portable(StripSetting(_makefile)),
        StepKind.Pack => _packager!.Identity + "\n" + string.Join("\n", _packages.Select(p => Portable(PackageText(p)))),
        _ => "",
    });

    /// <summary>Whether a restore from the cache left this build's outputs, and nothing has changed since.</summary>
    public bool UpToDate() => StepStamp.WhyRun(StepStamp.Read(_stamp), StampInputs()) is null;

    /// <summary>The outputs of every cached step put in place from the cache, or why not (then nothing was written).</summary>
    /// <param name="staging">Held while staged files are replaced (variant builds of a source share them).</param>
    public CacheMiss? TryRestore(Lock staging, IEnumerable<string> stepStamps)
    {
        CacheMiss? miss;
        lock (staging)
            miss = _cache.TryRestore(Steps.Select(s => (StepName(s), Key(s))).ToList(), _context.TopDirectory, Clear);
        if (miss is not null) return miss;
        // The build directory's own stamps describe a build that is not what is in place now.
        foreach (var stamp in stepStamps) StepStamp.Remove(stamp);
        foreach (var package in _packages) PackedInto(package.OutputDirectory);
        StepStamp.Write(_stamp, StampInputs());
        return null;
    }

    /// <summary>Where restored packages were written, for the index (set by the builder).</summary>
    public Action<string> PackedInto { get; init; } = _ => { };

    /// <summary>Built locally: the restore stamp no longer describes the build directory.</summary>
    public void Forget() => StepStamp.Remove(_stamp);

    /// <summary>Runs a host build's install so that what it puts into staging_dir/host is known (installs then run one at a time).</summary>
    public void HostInstall(Action install)
    {
        if (!_cache.Writable)
        {
            install();
            return;
        }
        lock (_cache.HostInstalls)
        {
            var before = HostInstallFiles.Before(_makefile.Value("HOST_BUILD_PREFIX"));
            install();
            _hostFiles = before.After(HostFileList);
        }
    }

    /// <summary>Queues every cached step's outputs for upload, once the build has made them.</summary>
    /// <returns>Why they could not be stored, or null.</returns>
    public string? Store()
    {
        if (!_cache.Writable || (_host && _hostFiles is null)) return null;
        try
        {
            foreach (var step in Steps)
                _cache.Store(Key(step), CapturedOutputs.Of(_context.TopDirectory, Outputs(step), withContents: step == StepKind.Install && !_host,
                    BuildCacheSession.Describe(_makefile.Source.Directory, StepName(step))));
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private IEnumerable<string> Outputs(StepKind step) => step switch
    {
        StepKind.Install when _host => [.. _hostFiles!, HostFileList],
        StepKind.Install => _installing.Select(_makefile.InstallDirectory),
        StepKind.Pack => _packages.Select(PackagePath),
        _ => [StagingList, .. StagedFiles()],
    };

    private IEnumerable<string> StagedFiles()
    {
        if (!File.Exists(StagingList)) yield break;
        foreach (var line in File.ReadLines(StagingList))
            if (line.StartsWith("./", StringComparison.Ordinal) && line.Length > 2) yield return Path.Combine(_context.StagingDirectory, line[2..]);
    }

    /// <summary>What restored outputs replace: the old install directories and staged files.</summary>
    private void Clear()
    {
        if (_host) return;
        foreach (var package in _installing)
            if (Directory.Exists(_makefile.InstallDirectory(package))) Directory.Delete(_makefile.InstallDirectory(package), recursive: true);
        if (Steps.Contains(StepKind.InstallDev)) Staging.StagingInstaller.Remove(_context.StagingDirectory, StagingList);
    }

    private StepInputs StampInputs()
    {
        var inputs = new StepInputs().Add("key", _nodeKey);
        foreach (var step in Steps) inputs.Add("step " + StepName(step), Key(step));
        var outputs = _packages.Select(PackagePath).ToList();
        if (_host) outputs.Add(HostFileList);
        else if (Steps.Contains(StepKind.InstallDev)) outputs.Add(StagingList);
        foreach (var output in outputs)
            inputs.Add("output " + Path.GetRelativePath(_context.TopDirectory, output), File.Exists(output) ? "present" : "missing");
        return inputs;
    }

    private string StagingList => _makefile.Value(ApiNames.Variables.StagingList);

    private string HostFileList => _makefile.Value("HOST_STAMP_INSTALLED") + ".files";

    private string PackagePath(PackageToPack package) => Path.Combine(package.OutputDirectory, _packager!.FileName(package));

    private string Portable(string text) => text.Replace(_context.TopDirectory, StepInputs.TreeToken, StringComparison.Ordinal);

    /// <summary>Whether install strips ELF files: unless the .config sets NO_STRIP or DEBUG.</summary>
    public static bool Strips(PackageMakefile makefile) =>
        makefile.Value("CONFIG_NO_STRIP").Length == 0 && makefile.Value("CONFIG_DEBUG").Length == 0;

    /// <summary>What Install's stamp records of stripping: whether, and with which strip.</summary>
    public static string StripSetting(PackageMakefile makefile) => Strips(makefile) ? makefile.Value("STRIP") : "no";

    /// <summary>What Pack's stamp records of a package: everything its control file and scripts are made of.</summary>
    public static string PackageText(PackageToPack package) => string.Join("\n", [package.Control, .. package.Depends, package.Description,
        .. package.Scripts.Select(s => s.Key + "=" + s.Value), package.Architecture,
        package.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
