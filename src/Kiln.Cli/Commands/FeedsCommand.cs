using System.CommandLine;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Make.Text;
using Kiln.Packages.Feeds;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln feeds update|install|uninstall|list</c>: OpenWrt's scripts/feeds over feeds.conf (else
/// feeds.conf.default), with its options and its messages.
/// </summary>
public static class FeedsCommand
{
    public static Command Create()
    {
        var feeds = new Command("feeds", "Fetch the feeds of feeds.conf, install their packages into package/feeds, list them (as scripts/feeds).");
        feeds.Subcommands.Add(Update());
        feeds.Subcommands.Add(Install());
        feeds.Subcommands.Add(Uninstall());
        feeds.Subcommands.Add(List());
        return feeds;
    }

    private static Command Update()
    {
        var all = new Option<bool>("-a") { Description = "Every feed of feeds.conf (as no names)." };
        var indexOnly = new Option<bool>("-i") { Description = "Write the indexes again without fetching." };
        var names = new Argument<string[]>("FEED") { Description = "Feeds to update; none: all.", Arity = ArgumentArity.ZeroOrMore };
        var update = new Command("update", "Fetch feeds into feeds/NAME and write their indexes (feeds/NAME.index, feeds/NAME.targetindex).")
        {
            all, indexOnly, names,
        };
        update.SetAction(result =>
        {
            var top = GlobalOptions.Tree(result);
            var configured = FeedList.Required(top);
            var chosen = result.GetValue(all) || result.GetValue(names)!.Length == 0
                ? configured
                : result.GetValue(names)!.Select(n => FeedList.Named(configured, n)).ToList();
            if (!result.GetValue(indexOnly))
                foreach (var feed in chosen) FeedCheckout.CheckMethod(feed);
            using var treeLock = TreeLock.Take(top);
            Directory.CreateDirectory(Path.Combine(top, "feeds"));
            if (!result.GetValue(indexOnly))
                foreach (var feed in chosen) FeedCheckout.Update(top, feed, Console.Error);
            var failed = false;
            foreach (var feed in chosen)
            {
                Console.Error.WriteLine($"Create index file './feeds/{feed.Name}.index' ");
                foreach (var failure in FeedMetadata.Write(GlobalOptions.Scan(result, "feeds/" + feed.Name), feed.Name))
                {
                    Console.Error.WriteLine(ByteText.ToOs(failure.Error!));
                    failed = true;
                }
            }
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return update;
    }

    private static Command Install()
    {
        var all = new Option<bool>("-a") { Description = "Every package of every feed (of the -p feed only, with -p)." };
        var preferred = new Option<string?>("-p") { Description = "Prefer this feed's packages.", HelpName = "FEED" };
        var force = new Option<bool>("-f") { Description = "Override packages package/ has already (core packages)." };
        var defaults = new Option<string?>("-d")
        {
            Description = "Default for newly installed packages in an existing .config (y, m or n); Kiln does not refresh the .config yet.",
            HelpName = "y|m|n",
        };
        defaults.AcceptOnlyFromAmong("y", "m", "n");
        var names = new Argument<string[]>("PACKAGE") { Description = "Packages to install (source or binary package names).",
            Arity = ArgumentArity.ZeroOrMore };
        var install = new Command("install", "Link feeds' packages into package/feeds/FEED, with the packages they depend on.")
        {
            all, preferred, force, defaults, names,
        };
        install.SetAction(result =>
        {
            var top = GlobalOptions.Tree(result);
            var packages = result.GetValue(names)!;
            if (!result.GetValue(all) && packages.Length == 0) throw new UserError("feeds install: name the packages to install, or -a for all");
            var configured = FeedList.Required(top);
            using var treeLock = TreeLock.Take(top);
            var installer = new FeedInstaller(GlobalOptions.Scan(result, "package"), configured, Console.Out, Console.Error);
            if (result.GetValue(all)) installer.InstallAll(result.GetValue(preferred), result.GetValue(force));
            else installer.Install(packages, result.GetValue(preferred), result.GetValue(force));
            if (result.GetValue(defaults) is not null && File.Exists(Path.Combine(top, ".config")))
                Console.Error.WriteLine("kiln: warning: -d: the .config is not refreshed (Kiln has no oldconfig yet); new packages keep their Kconfig defaults");
            return ExitCodes.Success;
        });
        return install;
    }

    private static Command Uninstall()
    {
        var all = new Option<bool>("-a") { Description = "Every installed package (removes package/feeds)." };
        var names = new Argument<string[]>("PACKAGE") { Description = "Source packages to uninstall.", Arity = ArgumentArity.ZeroOrMore };
        var uninstall = new Command("uninstall", "Remove packages' links from package/feeds.") { all, names };
        uninstall.SetAction(result =>
        {
            var top = GlobalOptions.Tree(result);
            using var treeLock = TreeLock.Take(top);
            if (result.GetValue(all)) FeedInstaller.UninstallAll(top);
            else if (result.GetValue(names)!.Length == 0) Console.Error.WriteLine("WARNING: no package to uninstall");
            else FeedInstaller.Uninstall(top, result.GetValue(names)!, Console.Error);
            return ExitCodes.Success;
        });
        return uninstall;
    }

    private static Command List()
    {
        var feed = new Option<string?>("-r") { Description = "Only this feed's packages.", HelpName = "FEED" };
        var status = new Option<bool>("-s") { Description = "Each feed's method, revision and sources." };
        var namesOnly = new Option<bool>("-n") { Description = "The feeds' names." };
        var list = new Command("list", "List the packages and targets of the feeds' indexes.") { feed, status, namesOnly };
        list.SetAction(result =>
        {
            var top = GlobalOptions.Tree(result);
            var configured = FeedList.Required(top);
            var text = result.GetValue(namesOnly) ? FeedListing.Names(configured)
                : result.GetValue(status) ? FeedListing.Status(top, configured)
                : FeedListing.Packages(top, result.GetValue(feed) is { } name ? [FeedList.Named(configured, name)] : configured);
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(ByteText.GetBytes(text));
            return ExitCodes.Success;
        });
        return list;
    }
}
