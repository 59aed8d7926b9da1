using System.Text;
using Kiln.Build.Packages;
using Kiln.Build.Recipes;
using Kiln.Core.Errors;
using Kiln.Images.Recipes;
using Kiln.Core.Files;
using Kiln.Make.Text;

namespace Kiln.Images.Firmware;

/// <summary>
/// One of the board's image recipes (<c>Image/Prepare</c>, <c>Image/BuildKernel</c>,
/// <c>Image/Build FS</c>), expanded on the caller's thread and runnable on any, with its own log.
/// A failure is a <see cref="UserError"/> with the command, its last output lines and the log.
/// </summary>
public sealed class ImageRecipe
{
    private readonly ImageMakefile _makefile;
    private readonly ExpandedRecipe _recipe;
    private readonly string _topDirectory;

    private ImageRecipe(ImageMakefile makefile, string name, ExpandedRecipe recipe, string logPath, string topDirectory)
    {
        _makefile = makefile;
        Name = name;
        _recipe = recipe;
        LogPath = logPath;
        _topDirectory = topDirectory;
    }

    /// <summary>The function and its argument, as <c>Image/Build squashfs</c>.</summary>
    public string Name { get; }

    public string LogPath { get; }

    /// <summary>The expanded recipe (byte text).</summary>
    public string Text => _recipe.Text;

    /// <summary>The recipe, or null when the board does not define the function.</summary>
    public static ImageRecipe? Expand(ImageMakefile makefile, string function, string? argument, string logPath, string topDirectory) =>
        makefile.Expand(function, argument, "install") is { } recipe
            ? new ImageRecipe(makefile, argument is null ? function : $"{function} {argument}", recipe, logPath, topDirectory)
            : null;

    public void Run(CancellationToken cancel)
    {
        File.Delete(LogPath);
        try
        {
            _makefile.Run(_recipe, LogPath, cancel);
        }
        catch (StepFailure failure)
        {
            throw new UserError($"{_makefile.Relative}: {Name} failed (exit status {failure.Status}): {failure.Command.Trim()}\n  | " +
                string.Join("\n  | ", failure.Tail(15)) + $"\n  full log: {Path.GetRelativePath(_topDirectory, failure.LogPath)}");
        }
    }

    /// <summary>
    /// Runs the recipe unless it ran before with the same text and the same <paramref name="inputs"/>
    /// (files whose contents it reads), as recorded in <paramref name="stamp"/>; false when it was up to date.
    /// </summary>
    public bool RunUnlessUpToDate(string stamp, IEnumerable<string> inputs, CancellationToken cancel)
    {
        // Paths relative to the tree: a copy of KDIR in another tree (the service's work trees) is up to date too.
        var top = _topDirectory.TrimEnd('/') + "/";
        var identity = new StringBuilder(_recipe.Text.Replace(ByteText.FromOs(top), "$(TOPDIR)/", StringComparison.Ordinal)).Append('\n');
        foreach (var input in inputs.Where(File.Exists).Order(StringComparer.Ordinal))
            identity.Append(Path.GetRelativePath(_topDirectory, input)).Append(' ').Append(FileHash.Sha256(input)).Append('\n');
        var text = identity.ToString();
        if (File.Exists(stamp) && File.ReadAllText(stamp) == text) return false;
        File.Delete(stamp);
        Run(cancel);
        File.WriteAllText(stamp, text);
        return true;
    }
}
