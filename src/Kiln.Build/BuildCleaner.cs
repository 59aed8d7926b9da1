using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Recipes;
using Kiln.Build.Scheduling;
using Kiln.Build.Staging;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.OpenWrt.Configuration;
using Kiln.OpenWrt.Evaluation;
using Kiln.OpenWrt.Names;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;

namespace Kiln.Build;

/// <summary>
/// Takes builds away: with package names, each one's build directories, stamps, staged files,
/// logs and packed files; without, every target build, staging directory, log and bin/ (the host
/// tools stay).
/// </summary>
public static class BuildCleaner
{
    public static IReadOnlyList<string> Clean(string topDirectory, DotConfig config, IReadOnlyList<string> names)
    {
        using var treeLock = TreeLock.Take(topDirectory);
        // Names first: a name the tree does not have is refused before anything is written.
        var canonical = MakefileDump.Canonical(topDirectory);
        var tree = names.Count == 0 ? null : TreePackages.Read(canonical, directory => new ScanOptions(canonical, directory));
        var sources = names.Select(name =>
            tree!.Sources.FirstOrDefault(s => s.Name == name || Path.GetFileName(s.Directory) == name || s.Packages.Any(p => p.Name == name))
            ?? throw tree!.NotFound(name, "asked for")).ToList();
        using var jobserver = new Jobserver(1);
        var context = BuildSetup.CreateContext(topDirectory, config, jobserver, new SilentObserver());
        var removed = new List<string>();
        void Remove(string path)
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
            else return;
            removed.Add(Path.GetRelativePath(context.TopDirectory, path));
        }

        if (names.Count == 0)
        {
            var buildRoot = Path.GetDirectoryName(context.BuildDirectory);
            Remove(buildRoot is not null && Path.GetFileName(buildRoot) == "build_dir" ? buildRoot : context.BuildDirectory);
            foreach (var staging in Directory.Exists(Path.Combine(context.TopDirectory, "staging_dir"))
                ? Directory.EnumerateDirectories(Path.Combine(context.TopDirectory, "staging_dir"), "target-*")
                    .Append(Path.Combine(context.TopDirectory, "staging_dir", "hostpkg")).ToList()
                : [])
                Remove(staging);
            Remove(context.LogDirectory);
            Remove(Path.Combine(context.TopDirectory, "bin"));
            return removed;
        }

        foreach (var source in sources)
        {
            var makefile = PackageMakefile.Read(context, source, []);
            // Each variant's build has its own build directory and staged files.
            foreach (var variant in source.Packages.Select(p => p.Variant).Where(v => v.Length > 0 && v != "*").Distinct().DefaultIfEmpty(""))
            {
                var build = variant.Length == 0 ? makefile : PackageMakefile.Read(context, source, ["BUILD_VARIANT=" + variant]);
                var list = build.Value("STAGING_DIR") + "/packages/" + build.Value("STAGING_FILES_LIST");
                if (File.Exists(list))
                {
                    StagingInstaller.Remove(context.StagingDirectory, list);
                    removed.Add(Path.GetRelativePath(context.TopDirectory, list) + " (and the files it lists)");
                }
                Remove(build.Value("STAMP_INSTALLED"));
                Remove(build.Value("PKG_BUILD_DIR"));
            }
            if (makefile.Value("HOST_BUILD_DIR") is { Length: > 0 } host)
            {
                Remove(makefile.Value("HOST_STAMP_INSTALLED"));
                Remove(host);
            }
            Remove(Path.Combine(context.LogDirectory, source.Directory));
            RunCleanRecipe(context, makefile, source);
            // Its packed files too (the indexes are rewritten by the next build that packs there).
            var bin = Path.Combine(context.TopDirectory, "bin");
            if (Directory.Exists(bin))
                foreach (var package in source.Packages)
                    foreach (var file in Directory.EnumerateFiles(bin, package.InstalledName + "_*.ipk", SearchOption.AllDirectories).ToList())
                        Remove(file);
        }
        return removed;
    }

    /// <summary>The package's own clean commands (Build/Clean, Build/UninstallDev), logged in logs/package/DIR/clean.txt.</summary>
    private static void RunCleanRecipe(BuildContext context, PackageMakefile makefile, SourcePackage source)
    {
        if (makefile.Expand(ApiNames.Recipes.Step("clean"), "clean") is not { } recipe || string.IsNullOrWhiteSpace(recipe.Text)) return;
        var log = Path.Combine(context.LogDirectory, source.Directory, "clean.txt");
        try
        {
            RecipeRunner.Run(recipe.Text, recipe.Environment, makefile.Directory, context.Shell, recipe.ShellFlags, log, CancellationToken.None);
        }
        catch (StepFailure failure)
        {
            throw new UserError($"{source.Directory}: clean: {failure.Message} (see {Path.GetRelativePath(context.TopDirectory, log)})");
        }
    }
}
