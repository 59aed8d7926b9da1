using Kiln.Core.Errors;
using Kiln.Lint.Built;
using Kiln.Packages.Model;

namespace Kiln.Lint.Packages;

/// <summary>
/// A package as the checks see it: its source package from the tree's scan, the variables its
/// own files set (with where), its directory, the tree around it, and (with <c>--built</c>) what
/// its build produced.
/// </summary>
public sealed class LintedPackage(
    SourcePackage source, string topDirectory, IReadOnlyDictionary<string, MakefileAssignment> assignments,
    SourceLines lines, TreeCatalog tree)
{
    public SourcePackage Source { get; } = source;

    /// <summary>The tree, absolute.</summary>
    public string TopDirectory { get; } = topDirectory;

    /// <summary>The package directory, absolute.</summary>
    public string Directory => Path.Combine(TopDirectory, Source.Directory);

    /// <summary>The Makefile, relative to the tree (how findings name it).</summary>
    public string Makefile => Source.Makefile;

    public IReadOnlyDictionary<string, MakefileAssignment> Assignments { get; } = assignments;

    public SourceLines Lines { get; } = lines;

    public TreeCatalog Tree { get; } = tree;

    private IReadOnlyList<PatchFile>? _patches;

    /// <summary>The patches of patches/, in the order they apply, each read as a unified diff once for every check that looks at them.</summary>
    public IReadOnlyList<PatchFile> Patches => _patches ??= Source.Files.Patches.Select(p => PatchFile.Read(p, Lines.Of(p))).ToList();

    /// <summary>What its build produced (<c>--built</c>), or null: checks of build rules then have nothing to say.</summary>
    public PackageBuild? Built { get; init; }

    /// <summary>The assignment of <paramref name="name"/> in the package's own files, or null when they do not set it.</summary>
    public MakefileAssignment? Own(string name) => Assignments.GetValueOrDefault(name);

    /// <summary>A source variable's value as the scan saw it (set here or by the API), or null.</summary>
    public string? Variable(string name) => Source.Variable(name);

    /// <summary>Where a finding about the package as a whole points: its PKG_NAME line, else the Makefile's first line.</summary>
    public SourceLocation Header => Own("PKG_NAME")?.Location ?? new SourceLocation(Makefile, 1);

    /// <summary>Where a finding about <paramref name="variable"/> points: its assignment, else <see cref="Header"/>.</summary>
    public SourceLocation Where(string variable) => Own(variable)?.Location ?? Header;

    /// <summary>The <c>define Package/NAME</c> of a binary package, when the package's files have one.</summary>
    public MakefileAssignment? PackageDefine(string name) => Own("Package/" + name);

    /// <summary>
    /// Where a finding about field <paramref name="field"/> of binary package <paramref name="name"/>
    /// points: its line in <c>define Package/NAME</c>, else that define, else <see cref="Header"/>.
    /// </summary>
    public SourceLocation FieldLocation(string name, string field) =>
        PackageDefine(name)?.LineWhere(line => AssignsField(line, field)) ?? Header;

    private static bool AssignsField(string line, string field)
    {
        var text = line.TrimStart();
        if (!text.StartsWith(field, StringComparison.Ordinal)) return false;
        var rest = text.AsSpan(field.Length).TrimStart();
        return rest.StartsWith(":=") || rest.StartsWith("+=") || rest.StartsWith("?=") || rest.StartsWith("=");
    }
}
