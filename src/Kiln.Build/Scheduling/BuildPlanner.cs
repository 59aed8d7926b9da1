using Kiln.Build.HostTools;
using Kiln.Build.Steps;
using Kiln.Build.Tools;
using Kiln.Build.Toolchains;
using Kiln.Core.Errors;
using Kiln.OpenWrt.Configuration;
using Kiln.Packages.Model;

namespace Kiln.Build.Scheduling;

/// <summary>What a build does: the nodes to run, each after the nodes it depends on.</summary>
public sealed record BuildPlan(IReadOnlyList<BuildNode> Nodes, IReadOnlyList<BuildNode> Requested);

/// <summary>
/// Turns the packages asked for (or those the .config selects) into build nodes: every package
/// they select or need through DEPENDS whose condition holds in the .config, the sources named
/// in PKG_BUILD_DEPENDS (<c>name/host</c> for a host build) and HOST_BUILD_DEPENDS, and the
/// toolchain for the C library and its kin. A dependency makes its builder run first. Host tools
/// (<c>tools/NAME</c>) wait for the tools tools/Makefile makes them wait for, but for those Kiln
/// takes from Debian (<see cref="HostToolset.ToolsFromDebian"/>) unless they are asked for too.
/// </summary>
public sealed class BuildPlanner
{
    private readonly TreePackages _tree;
    private readonly PackageIndex _index;
    private readonly DotConfig _config;

    private readonly Dictionary<SourcePackage, List<string>> _selected = [];
    private readonly Dictionary<SourcePackage, HashSet<string>> _targetNeeds = [];
    private readonly HashSet<SourcePackage> _hostBuilds = [];
    private readonly Dictionary<SourcePackage, HashSet<string>> _hostNeeds = [];
    private readonly SortedSet<string> _toolchain = new(StringComparer.Ordinal);
    private readonly HostToolTree? _tools;
    private readonly HashSet<string> _toolsAskedFor = new(StringComparer.Ordinal);
    private string? _firstCxxPackage;
    private readonly List<string> _warnings = [];

    /// <summary>
    /// The dependencies that name nothing in the tree, in OpenWrt's words: its metadata script
    /// (package-metadata.pl) warns of them and leaves them out of the build order, and so does the
    /// plan. Only a package asked for by name must exist.
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <param name="tools">The tree's host tools (tools/), when tools/NAME may be asked for.</param>
    public BuildPlanner(TreePackages tree, DotConfig config, HostToolTree? tools = null)
    {
        _tree = tree;
        _tools = tools;
        _index = tree.Index;
        _config = config;
    }

    /// <summary>The C++ library OpenWrt's C++ packages depend on (CXX_DEPENDS): building one needs the toolchain's g++.</summary>
    private const string CxxLibrary = "libstdcpp";

    /// <summary>Whether the tree (or the toolchain) has a package of that name, or one that provides it.</summary>
    public bool Knows(string name) =>
        ToolchainLibraries.Packages.ContainsKey(name) || _index.Find(name) is not null || _index.Satisfying(name).Count > 0;

    /// <param name="requested">Package names (binary, source, or SOURCE/host); null for what the .config selects.</param>
    /// <param name="run">What the nodes share when they run.</param>
    /// <param name="lastStep">How far the requested nodes go (their dependencies always go all the way).</param>
    public BuildPlan Plan(IReadOnlyList<string>? requested, BuildRun run, StepKind lastStep = StepKind.InstallDev)
    {
        var names = requested ?? _config.SelectedPackages.ToList();
        if (names.Count == 0) throw new UserError("nothing to build: name packages, or select them in the .config (CONFIG_PACKAGE_name=y)");
        var roots = new List<(SourcePackage? Source, bool Host)>();
        foreach (var name in names)
            if (ToolName(name) is { } tool) _toolsAskedFor.Add(tool);
        foreach (var name in names)
        {
            if (ToolName(name) is { } toolName)
            {
                var tool = (_tools ?? throw new UserError($"'{name}': the tree's host tools were not read")).Find(toolName, "asked for");
                if (!tool.HostBuild) throw new UserError($"{tool.Directory}/Makefile has no host build (HostBuild), so '{name}' cannot be built");
                NeedTool(tool);
                roots.Add((tool, true));
            }
            else if (name.EndsWith("/host", StringComparison.Ordinal))
            {
                var source = SourceNamed(name[..^5], "asked for");
                if (!source.HostBuild) throw new UserError($"{source.Directory}/Makefile has no host build (HostBuild), so '{name}' cannot be built");
                NeedHost(source);
                roots.Add((source, true));
            }
            else if (ToolchainLibraries.Packages.ContainsKey(name))
            {
                _toolchain.Add(name);
                roots.Add((null, false));
            }
            else if (_index.Find(name) is not null || _index.Satisfying(name).Count > 0)
                roots.Add((Select(name, "asked for"), false));
            else
            {
                var source = SourceNamed(name, "asked for");
                foreach (var package in source.Packages) Select(package.Name, "asked for");
                roots.Add((source, false));
            }
        }
        if (_firstCxxPackage is { } cxx) ToolchainCatalog.CheckCxx(run.Context.Toolchain, cxx);
        return Build(roots, run, lastStep);
    }

    /// <summary>The binary packages of the tree the last plan selects (the toolchain's libraries aside).</summary>
    public IEnumerable<BinaryPackage> SelectedPackages => _selected.Values.SelectMany(names => names).Select(name => _index.Find(name)!);

    /// <summary>Selects a binary package (and what it depends on); returns its source.</summary>
    private SourcePackage Select(string name, string neededBy)
    {
        var candidates = _index.Satisfying(name);
        var package = candidates.FirstOrDefault(p => _config.IsEnabled("PACKAGE_" + p.Name)) ?? candidates.FirstOrDefault()
            ?? throw _tree.NotFound(name, neededBy);
        var source = _index.SourceOf(package.Name)!;
        if (!_selected.TryGetValue(source, out var list)) _selected[source] = list = [];
        if (list.Contains(package.Name)) return source;
        list.Add(package.Name);
        NeedTarget(source);
        foreach (var dependency in package.ParsedDepends)
        {
            if (dependency.Package is not { } dep || !Holds(dependency)) continue;
            if (ToolchainLibraries.Packages.ContainsKey(dep))
            {
                _toolchain.Add(dep);
                if (dep == CxxLibrary) _firstCxxPackage ??= package.Name;
                continue;
            }
            if (!Knows(dep) && !HasBrokenMakefile(dep))
            {
                Warn($"WARNING: Makefile '{source.Makefile}' has a dependency on '{dep}', which does not exist");
                continue;
            }
            var depSource = Select(dep, "needed by " + package.Name);
            if (depSource != source) _targetNeeds[source].Add("target " + depSource.Directory);
        }
        return source;
    }

    private void NeedTarget(SourcePackage source)
    {
        if (_targetNeeds.ContainsKey(source)) return;
        _targetNeeds[source] = [];
        foreach (var word in source.BuildDepends) _targetNeeds[source].Add(BuildDependency(word, source));
    }

    private void NeedHost(SourcePackage source)
    {
        if (!_hostBuilds.Add(source)) return;
        _hostNeeds[source] = [];
        foreach (var word in source.HostBuildDepends) _hostNeeds[source].Add(BuildDependency(word, source, host: true));
    }

    /// <summary>tools/NAME (or tools/NAME/compile, as OpenWrt's make names it): the tool's name; null for a package.</summary>
    public static string? ToolName(string name)
    {
        if (!name.StartsWith("tools/", StringComparison.Ordinal)) return null;
        var rest = name["tools/".Length..].TrimEnd('/');
        if (rest.EndsWith("/compile", StringComparison.Ordinal)) rest = rest[..^"/compile".Length];
        return rest.Length == 0 || rest.Contains('/') ? throw new UserError($"'{name}': name a host tool as tools/NAME") : rest;
    }

    /// <summary>A host tool's build and the tools/ builds it waits for, as tools/Makefile orders them.</summary>
    private void NeedTool(SourcePackage tool)
    {
        if (!_hostBuilds.Add(tool)) return;
        var needs = _hostNeeds[tool] = [];
        var name = Path.GetFileName(tool.Directory);
        foreach (var other in _tools!.Needs.GetValueOrDefault(name) ?? [])
        {
            // What Kiln takes from Debian is there already, unless it is asked for (then it is built first).
            if (!_toolsAskedFor.Contains(other) && HostToolset.ToolsFromDebian.ContainsKey(other)) continue;
            var needed = _tools.Find(other, $"needed by {tool.Directory} in tools/Makefile");
            NeedTool(needed);
            needs.Add("host " + needed.Directory);
        }
    }

    /// <summary>A PKG_BUILD_DEPENDS (or HOST_BUILD_DEPENDS) word: [COND:]name or [COND:]name/host.</summary>
    private string BuildDependency(string word, SourcePackage from, bool host = false)
    {
        var dependency = Dependency.Parse(word);
        if (dependency.Package is not { } name || !Holds(dependency)) return "";
        var wantsHost = host || name.EndsWith("/host", StringComparison.Ordinal);
        if (name.EndsWith("/host", StringComparison.Ordinal)) name = name[..^5];
        var source = _index.SourceOf(name) ?? _index.SourceNamed(name);
        if (source is null && !HasBrokenMakefile(name))
        {
            Warn($"WARNING: Makefile '{from.Makefile}' has a build dependency on '{name}', which does not exist");
            return "";
        }
        source ??= SourceNamed(name, "build dependency of " + from.Directory);
        if (source == from && !wantsHost) return "";
        if (wantsHost)
        {
            NeedHost(source);
            return "host " + source.Directory;
        }
        NeedTarget(source);
        return "target " + source.Directory;
    }

    /// <summary>A package whose own Makefile could not be read is no missing one: planning it reports the Makefile's error.</summary>
    private bool HasBrokenMakefile(string name) =>
        _tree.Unreadable.Any(m => Path.GetFileName(Path.GetDirectoryName(m.SourceMakefile)) == name);

    private void Warn(string warning)
    {
        if (!_warnings.Contains(warning)) _warnings.Add(warning);
    }

    private bool Holds(Dependency dependency) => dependency.Holds(_config.IsEnabled);

    private SourcePackage SourceNamed(string name, string neededBy) =>
        _index.SourceNamed(name) ?? _index.SourceOf(name)
        ?? throw _tree.NotFound(name, neededBy);

    private BuildPlan Build(List<(SourcePackage? Source, bool Host)> roots, BuildRun run, StepKind lastStep)
    {
        // A source's target builds (one per variant) and host build, by "target DIR" and "host DIR".
        var nodes = new Dictionary<string, List<PackageNode>>(StringComparer.Ordinal);
        var toolchain = _toolchain.Count > 0 ? new ToolchainBuilder(run, _toolchain.ToList(), name => _index.Find(name)?.AbiVersion ?? "") : null;
        if (toolchain is not null) nodes["toolchain"] = [toolchain];
        foreach (var source in _targetNeeds.Keys)
        {
            var selected = _selected.GetValueOrDefault(source) ?? [];
            var abis = selected.SelectMany(p => _index.Find(p)!.ParsedDepends)
                .Where(d => d.Package is not null && Holds(d) && _index.Find(d.Package!) is { } dep && _index.SourceOf(dep.Name) != source)
                .Select(d => _index.Find(d.Package!)!)
                .DistinctBy(p => p.Name)
                .Select(p => KeyValuePair.Create(p.Name, p.AbiVersion))
                .ToList();
            var depends = selected.ToDictionary(p => p, p => _index.InstalledDependencies(_index.Find(p)!, Holds), StringComparer.Ordinal);
            var builds = VariantBuilds.Of(source, selected);
            var staging = new Lock();
            var variants = nodes["target " + source.Directory] = builds.Select(build => (PackageNode)new PackageBuilder(run, source, host: false,
                build.Packages, abis, depends, build.Variant.Length > 0 ? new BuildVariant(build, staging) : null)).ToList();
            // A package of every variant is packed by each build that installs it: one after another, the last one's stays, as in OpenWrt.
            if (builds.Any(b => b.EveryVariant.Count > 0))
                for (var i = 1; i < variants.Count; i++) variants[i].Dependencies.Add(variants[i - 1]);
        }
        foreach (var source in _hostBuilds)
            nodes["host " + source.Directory] = [new PackageBuilder(run, source, host: true, [], [])];

        foreach (var (source, needs) in _targetNeeds)
            foreach (var node in nodes["target " + source.Directory])
            {
                foreach (var key in needs.Where(k => k.Length > 0)) node.Dependencies.AddRange(nodes[key]);
                if (toolchain is not null) node.Dependencies.Add(toolchain);
            }
        foreach (var (source, needs) in _hostNeeds)
            foreach (var key in needs.Where(k => k.Length > 0))
                nodes["host " + source.Directory].Single().Dependencies.AddRange(nodes[key]);

        var all = nodes.Values.SelectMany(n => n).ToList();
        var requested = roots.SelectMany(r => r.Source is null ? [toolchain!] : nodes[(r.Host ? "host " : "target ") + r.Source.Directory])
            .Distinct().ToList();
        // --step stops only what was asked for; what other nodes need is built all the way.
        foreach (var node in requested.Where(n => !all.Any(other => other.Dependencies.Contains(n)))) node.LastStep = lastStep;
        return new BuildPlan(all, requested);
    }
}
