using System.CommandLine;
using Kiln.Cli.Output;
using Kiln.Configuration.Choice;
using Kiln.Pipeline.ImageBuilder;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln imagebuilder export</c>: an Image Builder from a built tree, a directory where <c>kiln image</c> makes the
/// subtarget's images without compilers or package Makefiles (OpenWrt's target/imagebuilder).
/// </summary>
public static class ImageBuilderCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "BOARD/SUBTARGET the Image Builder makes images for.", HelpName = "TARGET", Required = true };
        var config = new Option<string?>("--config")
        {
            Description = "The .config it keeps (default: TREE/.config when it is for the target, else the defaults).",
            HelpName = "FILE",
        };
        var directory = new Argument<string>("DIR") { Description = "Where to write it: a new or empty directory (its parent must exist)." };
        var export = new Command("export", "Write an Image Builder of a built subtarget into DIR: its .config, target/linux, scripts, host " +
            "programs, kernel, package feeds with their signed indexes, keys/ and repositories.conf.")
        {
            target, config, ImageCommands.Kernel, directory,
        };
        export.SetAction(result =>
        {
            var tree = GlobalOptions.Tree(result);
            var id = result.GetValue(target)!;
            var chosen = ConfigurationChoice.Choose(tree, id, result.GetValue(config), TimeSpan.FromSeconds(60), GlobalOptions.CacheDirectory(result));
            var display = new BuildDisplay(explain: false);
            var written = display.Show(() => ImageBuilderExport.Run(
                new ImageBuilderExportRequest(tree, id, chosen.Config, result.GetValue(directory)!, result.GetValue(ImageCommands.Kernel)),
                display));
            Console.Error.WriteLine($"kiln: an Image Builder of {id} ({written.Packages} packages in {written.Feeds.Count} feeds, {written.HostPrograms} host programs the tree built) in {written.Directory}; " +
                $"make images there with: kiln --topdir {written.Directory} image --target {id}");
            return ExitCodes.Success;
        });
        var imagebuilder = new Command("imagebuilder", "Image Builders: directories that make a subtarget's images from built packages, without compiling.");
        imagebuilder.Subcommands.Add(export);
        return imagebuilder;
    }
}
