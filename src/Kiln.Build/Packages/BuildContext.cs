using Kiln.Build.Jobs;
using Kiln.Build.Sources;
using Kiln.Build.Toolchains;
using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Evaluation;
using Kiln.Make.Functions;
using Kiln.Make.Text;
using Kiln.OpenWrt.Api;
using Kiln.OpenWrt.Configuration;
using Kiln.OpenWrt.Evaluation;
using Kiln.Packages.Scanning;

namespace Kiln.Build.Packages;

/// <summary>
/// What every package of one build shares: the tree, the .config the Makefiles read (the
/// tree's or the target's defaults, with the toolchain's symbols), the toolchain, the
/// directories rules.mk derives from them, the downloader and the jobserver.
/// </summary>
public sealed class BuildContext
{
    private readonly OpenWrtApi _api;

    public BuildContext(string topDirectory, DotConfig config, Toolchain toolchain, Downloader downloader, Jobserver jobserver,
        string? sourceDateEpoch)
    {
        TopDirectory = MakefileDump.Canonical(topDirectory);
        Config = config;
        Toolchain = toolchain;
        Downloader = downloader;
        Jobserver = jobserver;
        _api = new OpenWrtApi(ByteText.FromOs(TopDirectory), config);
        var environment = TopLevelEnvironment.For(ProcessEnvironment.Read(), ByteText.FromOs(TopDirectory));
        // What OpenWrt's scripts/getver.sh says of a tree without git history; stamped into images' headers and profiles.json.
        environment.TryAdd("REVISION", "unknown");
        // Reproducible output: the time stamped into files is the given one (or the tree's).
        if (sourceDateEpoch is not null) environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch;
        Environment = environment;

        var probe = Evaluate(TopDirectory, "kiln-probe", "include $(TOPDIR)/rules.mk\n", []);
        string Value(string name) => ByteText.ToOs(probe.ValueOf(name) ?? "");
        BuildDirectory = Value("BUILD_DIR");
        StagingDirectory = Value("STAGING_DIR");
        HostStagingDirectory = Value("STAGING_DIR_HOST");
        ArchPackages = Value("ARCH_PACKAGES");
        Shell = probe.ValueOf("SHELL") ?? "/bin/sh";
        // OpenWrt's top-level Makefile puts the host tools first in PATH for every recipe (image recipes call fwtool by name).
        environment["PATH"] = ByteText.FromOs(Path.Combine(HostStagingDirectory, "bin")) + ":" + environment.GetValueOrDefault("PATH", "/usr/bin:/bin");
    }

    public string TopDirectory { get; }

    public DotConfig Config { get; }

    public Toolchain Toolchain { get; }

    public Downloader Downloader { get; }

    public Jobserver Jobserver { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public SourceCache Sources { get; } = new();

    public string BuildDirectory { get; }

    public string StagingDirectory { get; }

    public string HostStagingDirectory { get; }

    public string ArchPackages { get; }

    public string Shell { get; }

    /// <summary>SOURCE_DATE_EPOCH in seconds, 0 when it is not set (or not a number): the time stamped into packages and images.</summary>
    public long Epoch => long.TryParse(Environment.GetValueOrDefault("SOURCE_DATE_EPOCH"), out var seconds) ? seconds : 0;

    public string LogDirectory => Path.Combine(TopDirectory, "logs");

    /// <summary>
    /// What the kept answers of every package Makefile depend on besides the package and the recorded inputs: Kiln's
    /// build, the tree, the .config and the environment's names. Computed once (the .config is thousands of lines).
    /// </summary>
    public string AnswersContext => _answersContext ??= AnswersContextDigest();

    private string? _answersContext;

    private string AnswersContextDigest()
    {
        var key = new System.Text.StringBuilder();
        key.Append(typeof(Evaluator).Assembly.ManifestModule.ModuleVersionId).Append('\0');
        key.Append(typeof(BuildContext).Assembly.ManifestModule.ModuleVersionId).Append('\0').Append(OpenWrtApi.Digest).Append('\0');
        key.Append(TopDirectory).Append('\0').Append(Config.Write()).Append('\0');
        foreach (var name in Environment.Keys.Order(StringComparer.Ordinal)) key.Append(name).Append('\0');
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.ToString())));
    }

    /// <summary>Where the answers of a build's package Makefile are kept between runs (<see cref="PackageMakefile.Read"/>).</summary>
    public string MakefileAnswersFile(string buildName) => Path.Combine(TopDirectory, "tmp", "kiln", "makefiles",
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(buildName)))[..32] + ".answers");

    /// <summary>Where the target's own packages go (kernel modules, libc): bin/targets/BOARD/SUBTARGET/packages.</summary>
    public string TargetPackageDirectory => Path.Combine(TopDirectory, "bin", "targets", Config.Text("TARGET_BOARD") ?? "unknown",
        Config.Text("TARGET_SUBTARGET") ?? "generic", "packages");

    public string DownloadDirectory => Path.Combine(TopDirectory, "dl");

    /// <summary>A fresh evaluator that has read <paramref name="text"/> (or the directory's Makefile) in <paramref name="directory"/>.</summary>
    /// <param name="functions">Functions the caller adds to the API's (as the device collector's).</param>
    public Evaluator Evaluate(string directory, string displayName, string? text, IReadOnlyList<string> commandLine, IEvaluationInputs? inputs = null,
        FunctionSet? functions = null)
    {
        var evaluator = new Evaluator(new EvaluatorOptions
        {
            WorkingDirectory = ByteText.FromOs(directory),
            Environment = Environment,
            CommandLineVariables = commandLine,
            NoBuiltinRules = true,
            ShellTimeout = TimeSpan.FromMinutes(5),
            Output = new CollectingMakeOutput(),
            Makefiles = _api,
            Sources = Sources,
            Inputs = inputs,
            Functions = functions is null ? _api.Functions : _api.Functions.With(functions),
        });
        if (text is null) evaluator.ReadMakefile("Makefile");
        else evaluator.ReadText(displayName, text);
        if (evaluator.MissingIncludes.LastOrDefault(m => !m.Optional) is { } missing)
            throw new UserError(missing.Location, $"{missing.Name}: {missing.Reason}");
        return evaluator;
    }
}
