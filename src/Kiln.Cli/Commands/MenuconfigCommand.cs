using System.CommandLine;
using Kiln.Cli.Menuconfig;
using Kiln.Core.Errors;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln menuconfig</c>: OpenWrt's make menuconfig, the tree's whole Kconfig in a terminal menu.</summary>
public static class MenuconfigCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "The .config to read and save (default: TREE/.config).", HelpName = "FILE" };
        var command = new Command("menuconfig", "Configure the tree in a menu, as OpenWrt's make menuconfig, and save the .config.") { config };
        command.SetAction(result =>
        {
            // Checked before the tree is read: a menu without a terminal would wait for keys forever.
            if (Console.IsInputRedirected || Console.IsOutputRedirected)
                throw new UserError("menuconfig needs a terminal (its input and output are redirected); use kiln config set or kiln defconfig instead");
            if (result.GetValue(config) is { } file && Directory.Exists(file)) throw new UserError($"{file}: is a directory, not a .config (--config)");
            var world = KconfigWorld.Read(result);
            var tree = world.Load();
            var session = new MenuSession(tree, world.DotConfig(result.GetValue(config)));
            // Warnings reading the .config stay above the menu's screen, as conf leaves them.
            KconfigWorld.PrintWarnings(tree);
            switch (MenuconfigScreen.Run(session))
            {
                case MenuconfigExit.NotSaved:
                    Console.Error.WriteLine("\n\nYour configuration changes were NOT saved.\n");
                    break;
                default:
                    Console.WriteLine("\n\n*** End of the configuration.\n*** Execute 'kiln build' to start the build.\n");
                    break;
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
