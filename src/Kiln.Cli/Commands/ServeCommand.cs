using System.CommandLine;
using System.Net;
using Kiln.Core.Errors;
using Kiln.Service;

namespace Kiln.Cli.Commands;

/// <summary>
/// <c>kiln serve</c>: an HTTP service that makes firmware images on request, speaking the API of OpenWrt's Attended
/// SysUpgrade server (ASU) over the tree's built packages.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "ADDRESS:PORT to listen on (port 0: a free one; the URL is printed).",
            HelpName = "ADDRESS:PORT",
            DefaultValueFactory = _ => "127.0.0.1:8080",
        };
        var open = new Option<bool>("--public")
        {
            Description = "Allow an address other hosts can reach (anyone who reaches it can have images built).",
        };
        var workers = new Option<int>("--workers")
        {
            Description = "Images made at once (default: the number of cores).",
            HelpName = "N",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var queue = new Option<int>("--queue")
        {
            Description = "Builds that may wait for a worker; more are refused with 429 (default 100).",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
        };
        var store = new Option<string?>("--store")
        {
            Description = "Where finished builds are kept and served from (default: TREE/tmp/kiln/store).",
            HelpName = "DIR",
        };
        var kernels = new Option<string[]>("--kernel")
        {
            Description = "A built kernel (ELF vmlinux or bzImage) to make images with; repeatable, one per architecture " +
                "(default: 'kernel =' in TREE/kiln.conf).",
            HelpName = "FILE",
        };
        var noDefaults = new Option<bool>("--no-defaults") { Description = "Refuse first-boot scripts (the requests' 'defaults')." };
        var grace = new Option<int>("--shutdown-grace")
        {
            Description = "Seconds running builds may go on after SIGINT or SIGTERM before they are cancelled (default 20).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 20,
        };
        var serve = new Command("serve", "Serve firmware images on request over HTTP (the Attended SysUpgrade server's API).")
        {
            listen, open, workers, queue, store, kernels, noDefaults, grace,
        };
        serve.SetAction(result =>
        {
            var endpoint = Endpoint(result.GetValue(listen)!, result.GetValue(open));
            var workerCount = result.GetValue(workers);
            if (workerCount < 1) throw new UserError($"--workers {workerCount}: give at least 1");
            var queueLength = result.GetValue(queue);
            if (queueLength < 1) throw new UserError($"--queue {queueLength}: give at least 1");
            var seconds = result.GetValue(grace);
            if (seconds < 0) throw new UserError($"--shutdown-grace {seconds}: give 0 or more seconds");
            var files = result.GetValue(kernels) ?? [];
            foreach (var file in files)
                if (!File.Exists(file)) throw new UserError($"--kernel {file}: " + (Directory.Exists(file) ? "is a directory, not a kernel file" : "no such file"));
            var tree = GlobalOptions.Tree(result);
            var storeDirectory = result.GetValue(store) ?? Path.Combine(tree, "tmp", "kiln", "store");
            if (File.Exists(storeDirectory)) throw new UserError($"--store {storeDirectory}: is a file, not a directory");
            var options = new ServiceOptions(tree, endpoint, workerCount, queueLength, Path.GetFullPath(storeDirectory), files,
                !result.GetValue(noDefaults), TimeSpan.FromSeconds(seconds));
            FirmwareService.Run(options, new ServiceLog(Console.Error), url =>
            {
                Console.Out.WriteLine(url);
                Console.Out.Flush();
            });
            return ExitCodes.Success;
        });
        return serve;
    }

    /// <summary>ADDRESS:PORT; an address other hosts can reach only with --public.</summary>
    private static IPEndPoint Endpoint(string text, bool allowPublic)
    {
        if (!IPEndPoint.TryParse(text, out var endpoint) || text.LastIndexOf(':') < 0 || endpoint.Port is < 0 or > 65535)
            throw new UserError($"--listen {text}: give ADDRESS:PORT (e.g. 127.0.0.1:8080)");
        if (!IPAddress.IsLoopback(endpoint.Address) && !allowPublic)
            throw new UserError($"--listen {text}: not a loopback address; anyone who reaches it can have images built: add --public to allow it");
        return endpoint;
    }
}
