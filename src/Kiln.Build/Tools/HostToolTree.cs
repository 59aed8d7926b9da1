using Kiln.Build.Packages;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Make.Text;
using Kiln.OpenWrt.Scanning;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Build.Tools;

/// <summary>
/// The host tools a tree builds in tools/ (each tools/NAME/Makefile that calls HostBuild, read as
/// package Makefiles are) and the order OpenWrt's tools/Makefile gives them: the tools/
/// directories each one's compile waits for (<c>$(curdir)/X/compile += $(curdir)/Y/compile</c>),
/// read with the build's .config as OpenWrt's top-level make reads that file.
/// </summary>
public sealed class HostToolTree
{
    /// <summary>What tools/Makefile expects of OpenWrt's include/subdir.mk and host.mk, which it is read without.</summary>
    private const string Prelude = """
        include $(TOPDIR)/rules.mk
        HOST_OS ?= Linux
        define stampfile
        endef
        define subdir
        endef
        include $(TOPDIR)/tools/Makefile

        """;

    public HostToolTree(TreePackages tools, IReadOnlyDictionary<string, IReadOnlyList<string>> needs, IReadOnlyList<string> enabled)
    {
        Tools = tools;
        Needs = needs;
        Enabled = enabled;
    }

    /// <summary>The tools/ Makefiles with a host build (and those that could not be read).</summary>
    public TreePackages Tools { get; }

    /// <summary>For each tool (by its directory's name), the tools/ directories its compile waits for, in tools/Makefile's order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Needs { get; }

    /// <summary>The tools tools/Makefile builds with this .config (<c>tools-y</c>), in its order.</summary>
    public IReadOnlyList<string> Enabled { get; }

    /// <summary>The tool in tools/NAME; a tree without it, or whose Makefile could not be read, is a user error.</summary>
    public SourcePackage Find(string name, string neededBy)
    {
        var directory = "tools/" + name;
        if (Tools.Sources.FirstOrDefault(s => s.Directory == directory) is { } source) return source;
        if (Tools.Unreadable.FirstOrDefault(m => m.SourceMakefile == directory + "/Makefile") is { Error: { } error }) throw UserError.FromMakeStyle(error);
        throw new UserError($"{directory} ({neededBy}) is not a host tool of this tree (no {directory}/Makefile calling HostBuild)");
    }

    /// <param name="cacheDirectory">Where the scan of tools/ keeps its results, or null.</param>
    public static HostToolTree Read(BuildContext context, string? cacheDirectory)
    {
        var top = context.TopDirectory;
        if (!Directory.Exists(Path.Combine(top, "tools"))) throw new UserError($"{top} has no tools/ directory");
        var options = new ScanOptions(top, "tools")
        {
            Calls = MakefileFinder.HostBuildCalls,
            MaxDepth = 2,
            CacheDirectory = cacheDirectory,
        };
        var scan = new MetadataScanner(options).Run();
        var tools = TreePackages.From(PackageModel.Build(options, scan), scan.Failures);

        var needs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var enabled = new List<string>();
        if (File.Exists(Path.Combine(top, "tools", "Makefile")))
        {
            var evaluator = LargeStack.Run(() => context.Evaluate(top, "kiln-tools", Prelude, []));
            string Value(string name) => ByteText.ToOs(LargeStack.Run(() => evaluator.ValueOf(name)) ?? "");
            enabled.AddRange(Words(Value("tools-y")).Distinct());
            foreach (var directory in Directory.EnumerateDirectories(Path.Combine(top, "tools")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                needs[directory!] = Words(Value($"tools/{directory}/compile"))
                    .Where(w => w.StartsWith("tools/", StringComparison.Ordinal) && w.EndsWith("/compile", StringComparison.Ordinal))
                    .Select(w => w["tools/".Length..^"/compile".Length])
                    .Where(w => w != directory)
                    .Distinct()
                    .ToList();
        }
        return new HostToolTree(tools, needs, enabled);
    }

    /// <summary>
    /// staging_dir/host as tools/Makefile prepares it before any tool is built (its
    /// <c>$(STAGING_DIR_HOST)/.prepared</c>): bin, lib, stamp, usr/include, usr/lib, lib64 a link to
    /// lib, and the tree's compatibility headers (tools/include/*.h, sys/*.h) in include/, which
    /// HOST_CFLAGS puts first.
    /// </summary>
    public static void PrepareStaging(BuildContext context)
    {
        var host = context.HostStagingDirectory;
        foreach (var directory in new[] { "bin", "lib", "stamp", "usr/include", "usr/lib", "include/sys" })
            Directory.CreateDirectory(Path.Combine(host, directory));
        var headers = Path.Combine(context.TopDirectory, "tools", "include");
        foreach (var (from, to) in new[] { (headers, "include"), (Path.Combine(headers, "sys"), "include/sys") })
        {
            if (!Directory.Exists(from)) continue;
            foreach (var header in Directory.EnumerateFiles(from, "*.h"))
            {
                var target = Path.Combine(host, to, Path.GetFileName(header));
                if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(File.ReadAllBytes(header)))
                    Kiln.Core.Files.AtomicFile.Write(target, File.ReadAllBytes(header), (UnixFileMode)0b110_100_100);
            }
        }
        var lib64 = Path.Combine(host, "lib64");
        if (new FileInfo(lib64).LinkTarget != "lib")
        {
            if (Directory.Exists(lib64) && new FileInfo(lib64).LinkTarget is null) return; // a directory of someone else's: left alone
            File.Delete(lib64);
            File.CreateSymbolicLink(lib64, "lib");
        }
    }

    private static string[] Words(string text) => text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
