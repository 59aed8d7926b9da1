using Kiln.Build.HostTools;
using Kiln.Build.Packages;
using Kiln.Build.Recipes;
using Kiln.Build.Scheduling;
using Kiln.Build.Staging;
using Kiln.Build.Stamps;
using Kiln.Core.Errors;
using Kiln.OpenWrt.Api;
using Kiln.OpenWrt.Names;
using Kiln.Packages.Model;

namespace Kiln.Build.Steps;

/// <summary>
/// A source package's build for the target (download, prepare, configure, compile, install of
/// its selected binary packages, installdev into staging) or for the host (the host- steps).
/// Each step runs only when its inputs differ from those its stamp recorded; a step that runs
/// takes the stamps of the later steps away first, and writes its own only when it succeeded.
/// A host tool of tools/ is a host build named as OpenWrt names it, tools/NAME. A variant build of a source (BUILD_VARIANT) is
/// named DIR/VARIANT, as OpenWrt names its logs, and has its own build directory, stamps and logs.
/// </summary>
/// <param name="depends">For each selected package, the installed names of what it depends on (for its control file).</param>
/// <param name="variant">The variant this target build makes, or null when its source has none.</param>
public sealed class PackageBuilder(BuildRun run, SourcePackage source, bool host, IReadOnlyList<string> selected,
    IReadOnlyList<KeyValuePair<string, string>> dependencyAbis,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? depends = null, BuildVariant? variant = null)
    : PackageNode(source.Directory + (variant is not null ? "/" + variant.Build.Variant
        : host && !source.Directory.StartsWith("tools/", StringComparison.Ordinal) ? "/host" : ""), run)
{
    private static readonly string[] ScriptNames = ["conffiles", "postinst", "prerm", "preinst", "postrm"];

    public SourcePackage Source { get; } = source;

    public bool Host { get; } = host;

    /// <summary>The binary packages of this source to install (target builds).</summary>
    public IReadOnlyList<string> Selected { get; } = selected;

    public BuildVariant? Variant { get; } = variant;

    /// <summary>Held while installing into staging: the variant builds of a source stage through the one TMP_DIR/stage-DIR.</summary>
    private readonly Lock _staging = variant?.Staging ?? new Lock();

    /// <summary>What this run installs and packs: <see cref="Selected"/>, less the packages of every variant whose install this
    /// variant's Makefile does not define (package-pack.mk packs only a package with an install section).</summary>
    private IReadOnlyList<string> _installing = selected;

    /// <summary>The key of this build's outputs in the build cache, once it has run (null: no cache, or not built all the way).</summary>
    public string? CacheKey { get; private set; }

    protected override void Build(BuildContext context, BuildRun run, StepKind lastStep, CancellationToken cancel)
    {
        // As include/subdir.mk runs a variant's make.
        string[] variantLine = Variant is { Build: var build }
            ? ["BUILD_VARIANT=" + build.Variant, "ALL_VARIANTS=" + string.Join(' ', build.AllVariants)]
            : [];
        var makefile = PackageMakefile.Read(context, Source, ["MAKE_JOBSERVER=" + context.Jobserver.MakeFlag, .. variantLine],
            context.MakefileAnswersFile(Name));
        try
        {
            Build(context, run, makefile, lastStep, cancel);
        }
        finally
        {
            makefile.Remember();
        }
    }

    private void Build(BuildContext context, BuildRun run, PackageMakefile makefile, StepKind lastStep, CancellationToken cancel)
    {
        if (Variant is not null)
            _installing = Selected.Where(p => !Variant.Build.EveryVariant.Contains(p) || makefile.Defines($"Package/{p}/install")).ToList();
        var buildDirectory = makefile.Value(Host ? "HOST_BUILD_DIR" : "PKG_BUILD_DIR");
        var running = Path.Combine(buildDirectory, ".kiln-running");
        // Sources whose hashes the Makefile gives are fetched only when the build cannot come from the cache.
        var fetchLater = run.Cache is not null && lastStep == StepKind.InstallDev && makefile.Downloads.All(s => KnownHash(s) is not null);
        var sources = Download(context, run, makefile, fetch: !fetchLater);
        if (lastStep == StepKind.Download) return;

        var prepare = new StepInputs(context.TopDirectory);
        foreach (var (path, hash) in makefile.FilesRead) prepare.Add("read " + Relative(context, path), hash);
        prepare.AddTree(makefile.Directory, context.TopDirectory);
        if (!Host && makefile.Value(ApiNames.Variables.GitTree) is { Length: > 0 } gitTree)
            prepare.AddGitIndex("git-src " + Relative(context, gitTree), gitTree);
        foreach (var (file, hash) in sources) prepare.Add("source " + file, hash);
        foreach (var path in makefile.Value("PKG_FILE_DEPENDS").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            prepare.AddTree(Path.IsPathRooted(path) ? path : Path.Combine(makefile.Directory, path), context.TopDirectory);
        prepare.Add("toolchain", run.ToolchainIdentity).Add("api", OpenWrtApi.Digest);
        foreach (var (package, abi) in dependencyAbis) prepare.Add("abi " + package, abi);

        // A configure or compile that was cut short may have left files behind that look finished.
        if (File.Exists(running))
        {
            StepStamp.Remove(Stamp(makefile, StepKind.Prepare));
            run.Observer.Message($"{Name}: the last build stopped during {File.ReadAllText(running).Trim()}; starting again from prepare");
        }

        var cached = Cached(context, run, makefile, prepare, lastStep);
        if (cached is not null)
        {
            if (cached.UpToDate())
            {
                foreach (var step in cached.Steps) run.Observer.StepUpToDate(Name, (Host ? "host-" : "") + step.Name());
                return;
            }
            if (StepStamp.WhyRun(StepStamp.Read(Stamp(makefile, StepKind.Prepare)), prepare) is not null)
            {
                var miss = cached.TryRestore(_staging, Enum.GetValues<StepKind>().Where(s => s > StepKind.Download).Select(s => Stamp(makefile, s)));
                if (miss is null)
                {
                    if (File.Exists(running)) File.Delete(running);
                    foreach (var step in cached.Steps) run.Observer.StepFromCache(Name, (Host ? "host-" : "") + step.Name());
                    return;
                }
                run.Observer.CacheMissed(Name, miss.Reason);
            }
            cached.Forget();
        }
        if (fetchLater) Download(context, run, makefile, fetch: true);

        var done = new Dictionary<StepKind, StepInputs>();
        var ran = new HashSet<StepKind>();
        foreach (var step in new[] { StepKind.Prepare, StepKind.Configure, StepKind.Compile, StepKind.Install, StepKind.Pack, StepKind.InstallDev })
        {
            if (step > lastStep && !(step == StepKind.Pack && lastStep == StepKind.Install)) break;
            if (step == StepKind.Pack && (Host || run.Packager is null || _installing.Count == 0)) continue;
            if (step == StepKind.InstallDev && (Host || makefile.Value(ApiNames.Variables.InstallDev).Length == 0)) break;
            var inputs = step == StepKind.Prepare ? prepare : new StepInputs(context.TopDirectory).AddAfter(done[After(step)]);
            var after = step == StepKind.Prepare ? (StepKind?)null : After(step);
            done[step] = RunStep(context, run, makefile, step, inputs, running, after is { } a && ran.Contains(a) ? a : null, ran, cached, cancel);
        }
        if (cached is not null && cached.Steps.Any(ran.Contains) && cached.Store() is { } notStored)
            run.Observer.CacheMissed(Name, "not stored in the cache: " + notStored);
    }

    /// <summary>
    /// The cached steps of a build that goes all the way (null without a cache, or when a build it needs has no key), keyed on
    /// what prepare reads and the keys of the builds it needs.
    /// </summary>
    private CachedSteps? Cached(BuildContext context, BuildRun run, PackageMakefile makefile, StepInputs prepare, StepKind lastStep)
    {
        if (run.Cache is not { } cache || lastStep != StepKind.InstallDev) return null;
        var dependencyKeys = new List<string>();
        foreach (var dependency in Dependencies.OfType<PackageBuilder>())
        {
            if (dependency.CacheKey is not { } key) return null;
            dependencyKeys.Add(key);
        }
        // What the stamps of configure and compile record, beside prepare's: the config symbols the package depends on, and
        // their recipes (with the compiler flags the target's config gives), expanded as they stand before the build.
        var inputs = new StepInputs(context.TopDirectory).AddAfter(prepare);
        AddConfigDepends(context, makefile, inputs);
        var stamps = new[] { StepKind.Prepare, StepKind.Configure, StepKind.Compile }.Select(s => Stamp(makefile, s)).ToList();
        AddRecipes(context, inputs, "configure", Recipes(makefile, StepKind.Configure), stamps);
        AddRecipes(context, inputs, "compile", Recipes(makefile, StepKind.Compile), stamps);
        CacheKey = cache.NodeKey(Name, inputs.PortableDigest(), dependencyKeys);
        return new CachedSteps(cache, context, makefile, CacheKey, Host, _installing,
            Host || run.Packager is null ? [] : Packages(context, makefile), run.Packager) { PackedInto = run.Packed };
    }

    /// <summary>The step whose result a step builds on: both installs take what compile made, packing what install made.</summary>
    private static StepKind After(StepKind step) => step switch
    {
        StepKind.Install or StepKind.InstallDev => StepKind.Compile,
        StepKind.Pack => StepKind.Install,
        _ => step - 1,
    };

    /// <summary>The steps whose stamps a step's run makes stale: itself and those built on it.</summary>
    private static IEnumerable<StepKind> StaleAfter(StepKind step) => step switch
    {
        StepKind.Install => [StepKind.Install, StepKind.Pack],
        StepKind.Pack or StepKind.InstallDev => [step],
        _ => Enum.GetValues<StepKind>().Where(s => s >= step),
    };

    /// <param name="earlierRan">The step this one builds on, when it ran in this build (and so took this one's stamp away).</param>
    /// <param name="ran">Where a step that runs notes itself.</param>
    private StepInputs RunStep(BuildContext context, BuildRun run, PackageMakefile makefile, StepKind step, StepInputs inputs, string running,
        StepKind? earlierRan, HashSet<StepKind> ran, CachedSteps? cached, CancellationToken cancel)
    {
        var stamp = Stamp(makefile, step);
        var packages = step == StepKind.Pack ? Packages(context, makefile) : [];
        foreach (var package in packages)
        {
            var file = Path.Combine(package.OutputDirectory, run.Packager!.FileName(package));
            inputs.AddText("package " + package.Name, CachedSteps.PackageText(package));
            inputs.Add("output " + Relative(context, file), File.Exists(file) ? "present" : "missing");
        }
        if (step == StepKind.Pack) inputs.Add("packager", run.Packager!.Identity);
        if (step == StepKind.Install) inputs.Add("strip", CachedSteps.StripSetting(makefile));
        var recipes = step == StepKind.Pack ? [] : Recipes(makefile, step);
        AddRecipes(context, inputs, "recipe", recipes);
        if (step == StepKind.Configure) AddConfigDepends(context, makefile, inputs);

        var stepName = (Host ? "host-" : "") + step.Name();
        var why = StepStamp.WhyRun(StepStamp.Read(stamp), inputs);
        if (why is null)
        {
            run.Observer.StepUpToDate(Name, stepName);
            return inputs;
        }
        foreach (var stale in StaleAfter(step)) StepStamp.Remove(Stamp(makefile, stale));
        ran.Add(step);
        run.Observer.StepStarted(Name, stepName, earlierRan is { } earlier ? (Host ? "host-" : "") + earlier.Name() + " ran" : why);

        var log = Path.Combine(context.LogDirectory, Source.Directory, Variant?.Build.Variant ?? "", stepName + ".txt");
        if (File.Exists(log)) File.Delete(log);
        if (step is StepKind.Configure or StepKind.Compile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(running)!);
            File.WriteAllText(running, stepName + "\n");
        }
        if (step == StepKind.InstallDev)
        {
            lock (_staging)
            {
                RunRecipes(context, makefile, step, recipes, stepName, log, cancel);
                StagingInstaller.Install(makefile.Value(ApiNames.Variables.StageDirectory), context.StagingDirectory,
                    makefile.Value(ApiNames.Variables.StagingList));
            }
        }
        else if (Host && step == StepKind.Install && cached is not null)
            cached.HostInstall(() => RunRecipes(context, makefile, step, recipes, stepName, log, cancel));
        else RunRecipes(context, makefile, step, recipes, stepName, log, cancel);
        if (step == StepKind.Install && CachedSteps.Strips(makefile))
            foreach (var package in _installing)
                ElfStripper.Strip(makefile.InstallDirectory(package), makefile.Value("STRIP"), recipes.FirstOrDefault().Recipe?.Environment
                    ?? context.Environment);
        foreach (var package in packages)
        {
            run.Packager!.Pack(package);
            run.Packed(package.OutputDirectory);
            // The present file is what the stamp records.
            inputs.Add("output " + Relative(context, Path.Combine(package.OutputDirectory, run.Packager.FileName(package))), "present");
        }
        if (step is StepKind.Configure or StepKind.Compile) File.Delete(running);
        StepStamp.Write(stamp, inputs);
        return inputs;
    }

    private void RunRecipes(BuildContext context, PackageMakefile makefile, StepKind step, List<(string Label, ExpandedRecipe? Recipe)> recipes,
        string stepName, string log, CancellationToken cancel)
    {
        var hostBin = Path.Combine(context.HostStagingDirectory, "bin");
        foreach (var (_, recipe) in recipes)
        {
            if (recipe is null) continue;
            if (HostToolset.MissingMessage(recipe.Text, hostBin, Name, stepName) is { } missing) throw new UserError(missing);
            // A copy into staging_dir/host/bin would write through Kiln's link into the host's own program.
            var released = Host && step == StepKind.Install ? HostToolset.ReleaseLinks(hostBin, recipe.Text) : [];
            try
            {
                RecipeRunner.Run(recipe.Text, recipe.Environment, makefile.Directory, context.Shell, recipe.ShellFlags, log, cancel);
            }
            finally
            {
                HostToolset.Relink(hostBin, released);
            }
        }
    }

    /// <param name="stamps">Stamp paths to leave out of the texts (a host build's carry a hash of its files' paths and times).</param>
    private static void AddRecipes(BuildContext context, StepInputs inputs, string name, List<(string Label, ExpandedRecipe? Recipe)> recipes,
        IReadOnlyList<string>? stamps = null)
    {
        foreach (var (label, recipe) in recipes)
        {
            if (recipe is null) continue;
            var text = recipe.Text.Replace(context.Jobserver.MakeFlag, "JOBSERVER", StringComparison.Ordinal);
            foreach (var stamp in stamps ?? []) text = text.Replace(stamp, "STAMP", StringComparison.Ordinal);
            inputs.AddText(name + label, text);
        }
    }

    /// <summary>The values of the config symbols PKG_CONFIG_DEPENDS names, which configure's stamp records.</summary>
    private static void AddConfigDepends(BuildContext context, PackageMakefile makefile, StepInputs inputs)
    {
        foreach (var symbol in makefile.Value("PKG_CONFIG_DEPENDS").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = symbol.StartsWith("CONFIG_", StringComparison.Ordinal) ? symbol[7..] : symbol;
            inputs.Add("config CONFIG_" + name, context.Config.Value(name) ?? "n");
        }
    }

    /// <summary>The recipes of a step, expanded now (as make expands a recipe when it runs it), labelled for the stamp.</summary>
    private List<(string Label, ExpandedRecipe? Recipe)> Recipes(PackageMakefile makefile, StepKind step)
    {
        var stamp = Stamp(makefile, step);
        if (step == StepKind.Install && !Host)
            return _installing.Select(p => (" " + p, makefile.Expand(ApiNames.Recipes.Install(p), makefile.InstallDirectory(p)))).ToList();
        var name = (Host ? "host-" : "") + step.Name();
        return [("", makefile.Expand(ApiNames.Recipes.Step(name), stamp))];
    }

    /// <summary>The selected packages as the packer needs them, from the Makefile's package API.</summary>
    private List<PackageToPack> Packages(BuildContext context, PackageMakefile makefile)
    {
        var epochText = context.Environment.GetValueOrDefault("SOURCE_DATE_EPOCH") is { Length: > 0 } e ? e : makefile.Value("PKG_SOURCE_DATE_EPOCH");
        var epoch = long.TryParse(epochText, out var seconds) ? seconds : 0;
        return _installing.Select(name =>
        {
            var architecture = makefile.Value(ApiNames.Variables.Architecture(name));
            var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var script in ScriptNames)
                if (makefile.Defines($"Package/{name}/{script}")) scripts[script] = makefile.Value($"Package/{name}/{script}");
            // A nonshared package (PKG_FLAGS; every kernel module) has no Repository: it goes with the target's own packages.
            var output = Source.Packages.First(p => p.Name == name).Field("Repository") is null
                ? context.TargetPackageDirectory
                : Path.Combine(context.TopDirectory, "bin", "packages", context.ArchPackages, Source.Feed.Length > 0 ? Source.Feed : "base");
            return new PackageToPack(name, makefile.Value(ApiNames.Variables.InstalledName(name)), makefile.InstallDirectory(name),
                makefile.Value(ApiNames.Recipes.Control(name)),
                depends?.GetValueOrDefault(name) ?? [], makefile.Value($"Package/{name}/description"), scripts, architecture, output, epoch);
        }).ToList();
    }

    private string Stamp(PackageMakefile makefile, StepKind step) => (Host, step) switch
    {
        (false, StepKind.Prepare) => makefile.Value("STAMP_PREPARED"),
        (false, StepKind.Configure) => makefile.Value("STAMP_CONFIGURED"),
        (false, StepKind.Compile) => makefile.Value("STAMP_BUILT"),
        (false, StepKind.Install) => makefile.Value("PKG_BUILD_DIR") + "/.installed",
        (false, StepKind.Pack) => makefile.Value("PKG_BUILD_DIR") + "/.packed",
        (false, StepKind.InstallDev) => makefile.Value("STAMP_INSTALLED"),
        (true, StepKind.Prepare) => makefile.Value("HOST_STAMP_PREPARED"),
        (true, StepKind.Configure) => makefile.Value("HOST_STAMP_CONFIGURED"),
        (true, StepKind.Compile) => makefile.Value("HOST_STAMP_BUILT"),
        (true, StepKind.Install) => makefile.Value("HOST_STAMP_INSTALLED"),
        _ => makefile.Value(Host ? "HOST_BUILD_DIR" : "PKG_BUILD_DIR") + "/.kiln-" + step.Name(),
    };

    /// <summary>Fetches the sources (once per run; unless <paramref name="fetch"/> is false, when every one has a known hash) and returns each
    /// file with the hash that identifies it.</summary>
    private List<(string File, string Hash)> Download(BuildContext context, BuildRun run, PackageMakefile makefile, bool fetch)
    {
        var result = new List<(string, string)>();
        if (makefile.Value("PKG_SKIP_DOWNLOAD").Length > 0) return result;
        foreach (var spec in makefile.Downloads)
        {
            var path = Path.Combine(context.DownloadDirectory, spec.File);
            if (fetch)
            {
                if (!File.Exists(path)) run.Observer.StepStarted(Name, "download", $"dl/{spec.File} is not there");
                context.Downloader.Fetch(spec, Name);
            }
            result.Add((spec.File, KnownHash(spec) ?? Sources.SourceHash.Of(path, "")));
        }
        return result;
    }

    /// <summary>The hash the Makefile gives a source, or null when it gives none (or skips the check).</summary>
    private static string? KnownHash(Sources.SourceSpec spec) =>
        spec.ExpectedHash is { Length: > 0 } hash && !Sources.SourceHash.IsSkip(hash) ? hash : null;

    private static string Relative(BuildContext context, string path) =>
        path.StartsWith(context.TopDirectory + "/", StringComparison.Ordinal) ? path[(context.TopDirectory.Length + 1)..] : path;
}
