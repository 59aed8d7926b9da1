using Kiln.Build.HostTools;
using Kiln.Build.Packages;
using Kiln.Build.Recipes;
using Kiln.Core.Errors;
using Kiln.Core.Parallel;
using Kiln.Make.Text;

namespace Kiln.Images.Bootloaders;

/// <summary>
/// The grub files x86 image recipes read from <c>$(STAGING_DIR_IMAGE)/grub2</c> (boot.img, the core
/// images, bootx64.efi), which OpenWrt's grub2 packages install there when they are built (and
/// Image Builder ships). Kiln makes them with Debian's grub instead of a grub built from source:
/// the tree's own <c>package/boot/grub2</c> install recipes (<c>Package/grub2/install</c>,
/// <c>Package/grub2-efi/install</c>: its grub-mkimage command lines, module lists and early
/// configurations) run with the build directory's <c>grub-core</c> being Debian's modules
/// (<c>/usr/lib/grub/i386-pc</c>, <c>/usr/lib/grub/x86_64-efi</c>) and <c>grub-mkimage</c> Debian's.
/// Files a build of the grub2 packages put there are left alone.
/// </summary>
public static class GrubImages
{
    /// <summary>Written beside the files Kiln made, which it may make again (a build's are never touched).</summary>
    public const string Marker = ".kiln-debian-grub";

    private const string Directory = "grub2";

    /// <summary>A grub2 package variant: its package, the platform it builds for, and Debian's package with that platform's modules.</summary>
    private sealed record Variant(string Package, string BuildVariant, string Platform, string DebianPackage);

    /// <summary>
    /// Makes the files under <paramref name="stagingImage"/>/grub2 that <paramref name="recipes"/> read, when they are
    /// missing or were made by Kiln; nothing when the recipes read none.
    /// </summary>
    /// <param name="stagingImage">STAGING_DIR_IMAGE.</param>
    /// <param name="arch">The target's CONFIG_ARCH (x86_64, i386).</param>
    public static void Provide(BuildContext context, string stagingImage, string arch, IEnumerable<string> recipes, string logPath,
        Action<string> progress, CancellationToken cancel)
    {
        var grub = Path.Combine(stagingImage, Directory);
        var needed = ReadFiles(recipes, grub);
        if (needed.Count == 0) return;
        var ours = File.Exists(Path.Combine(grub, Marker));
        if (!ours && needed.All(File.Exists)) return;

        var variants = new List<Variant>();
        if (needed.Any(f => !f.EndsWith(".efi", StringComparison.Ordinal))) variants.Add(new("grub2", "pc", "i386-pc", "grub-pc-bin"));
        if (needed.Any(f => f.EndsWith(".efi", StringComparison.Ordinal)))
            variants.Add(arch switch
            {
                "x86_64" => new("grub2-efi", "efi", "x86_64-efi", "grub-efi-amd64-bin"),
                "i386" => new("grub2-efi", "efi", "i386-efi", "grub-efi-ia32-bin"),
                _ => throw new UserError($"the image recipes read {Relative(context, needed.First(f => f.EndsWith(".efi", StringComparison.Ordinal)))}, " +
                    $"a grub EFI image, which Kiln makes from Debian's grub for x86_64 and i386 only, not {arch}"),
            });
        var package = Path.Combine(context.TopDirectory, "package", "boot", "grub2");
        if (!File.Exists(Path.Combine(package, "Makefile")))
            throw new UserError($"the image recipes read {Relative(context, needed[0])}, which OpenWrt's grub2 package installs, but the tree has no " +
                "package/boot/grub2/Makefile to say how");
        var hostBin = Path.Combine(context.HostStagingDirectory, "bin");
        System.IO.Directory.CreateDirectory(grub);
        File.Delete(logPath);
        foreach (var variant in variants)
        {
            var modules = Path.Combine("/usr/lib/grub", variant.Platform);
            if (!File.Exists(Path.Combine(modules, "moddep.lst")))
                throw new UserError($"grub's {variant.Platform} modules are missing ({modules}), which the image's {variant.Package} files are made " +
                    $"from: apt-get install {variant.DebianPackage}");
            Install(context, package, variant, modules, hostBin, logPath, cancel);
        }
        File.WriteAllText(Path.Combine(grub, Marker),
            "Made by Kiln from Debian's grub with the tree's package/boot/grub2 install recipes; Kiln makes them again each time.\n");
        var missing = needed.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
            throw new UserError($"package/boot/grub2's install recipes made no {string.Join(", ", missing.Select(f => Relative(context, f)))}, " +
                $"which the image recipes read (log: {Relative(context, logPath)})");
        progress($"image: grub files from Debian's grub ({string.Join(", ", variants.Select(v => v.Platform))}): " +
            string.Join(", ", needed.Select(Path.GetFileName)));
    }

    /// <summary>The files of the grub directory that the recipes name.</summary>
    private static List<string> ReadFiles(IEnumerable<string> recipes, string grub)
    {
        var prefix = grub + "/";
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var recipe in recipes)
        {
            for (var at = recipe.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = recipe.IndexOf(prefix, at + 1, StringComparison.Ordinal))
            {
                var end = at + prefix.Length;
                while (end < recipe.Length && !char.IsWhiteSpace(recipe[end]) && recipe[end] is not ('"' or '\'' or ';' or ')' or '|')) end++;
                if (end > at + prefix.Length) files.Add(recipe[at..end]);
            }
        }
        return files.ToList();
    }

    /// <summary>
    /// Runs the variant's Package/NAME/install as OpenWrt's build runs it (in the package's directory, with BUILD_VARIANT set),
    /// its build directory a scratch one under tmp/kiln whose grub-core is Debian's modules.
    /// </summary>
    private static void Install(BuildContext context, string package, Variant variant, string modules, string hostBin, string logPath,
        CancellationToken cancel)
    {
        var build = Path.Combine(context.TopDirectory, "tmp", "kiln", "grub", variant.BuildVariant);
        if (System.IO.Directory.Exists(build)) System.IO.Directory.Delete(build, recursive: true);
        System.IO.Directory.CreateDirectory(build);
        File.CreateSymbolicLink(Path.Combine(build, "grub-core"), modules);
        var install = Path.Combine(build, "ipkg-install");
        System.IO.Directory.CreateDirectory(install);
        string[] commandLine = ["BUILD_VARIANT=" + variant.BuildVariant, "PKG_BUILD_DIR=" + ByteText.FromOs(build)];
        var (recipe, environment, flags) = LargeStack.Run(() =>
        {
            var evaluator = context.Evaluate(package, "Makefile", null, commandLine);
            var function = $"Package/{variant.Package}/install";
            if (evaluator.Variables.Lookup(function) is null)
                throw new UserError($"package/boot/grub2/Makefile: no {function}, which installs the grub files the image recipes read");
            var target = ByteText.FromOs(install);
            return (evaluator.ExpandRecipe($"$(call {function},{target})", target), evaluator.RecipeEnvironment(target),
                evaluator.ValueOf(".SHELLFLAGS") ?? "-c");
        });
        if (HostToolset.MissingFor(recipe, hostBin) is { Count: > 0 } tools)
            throw new UserError($"package/boot/grub2: {variant.Package}'s install cannot run: {HostToolset.MissingMessage(tools)}");
        try
        {
            RecipeRunner.Run(recipe, environment, package, context.Shell, flags, logPath, cancel);
        }
        catch (StepFailure failure)
        {
            throw new UserError($"package/boot/grub2: {variant.Package}'s install with Debian's grub ({modules}) failed " +
                $"(exit status {failure.Status}): {failure.Command.Trim()}\n  | {string.Join("\n  | ", failure.Tail(10))}\n  log: {Relative(context, logPath)}");
        }
    }

    private static string Relative(BuildContext context, string path) => Path.GetRelativePath(context.TopDirectory, path);
}
