using System.Diagnostics;
using System.Net.Sockets;
using Kiln.Core.Errors;
using Kiln.Service.Http;
using Kiln.Service.Jobs;
using Kiln.Service.Requests;
using Kiln.Service.Serving;
using Kiln.Service.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiln.Service;

/// <summary>
/// <c>kiln serve</c>: the served tree read once, the result store, the build queue and its workers, and ASP.NET Core's
/// Kestrel answering ASU's routes, until SIGINT or SIGTERM; then no new builds, queued ones dropped, running ones given
/// the grace period and then cancelled, and no store entry left half written.
/// </summary>
public static class FirmwareService
{
    /// <param name="listening">Told the URL once the service answers.</param>
    public static void Run(ServiceOptions options, ServiceLog log, Action<string> listening)
    {
        var clock = Stopwatch.StartNew();
        var tree = ServedTree.Load(options.TopDirectory, options.Kernels, log.Line);
        foreach (var reason in tree.Unserved) log.Line($"not serving {reason}");
        if (tree.Subtargets.Count == 0)
            throw new UserError($"{options.TopDirectory}: nothing to serve: " + (tree.Unserved.Count == 0 ? "the tree has no targets" : string.Join("; ", tree.Unserved)));
        log.Line($"serving {string.Join(", ", tree.Subtargets.Keys)} ({tree.Version}), read in {clock.Elapsed.TotalSeconds:0.0} s; store {options.StoreDirectory}");
        var store = new ResultStore(options.StoreDirectory);
        using var builds = new BuildService(tree, store, log, options.Workers, options.QueueLength, options.AllowDefaults, options.Limits);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The routes read bodies themselves, with their own limit and message (413).
            kestrel.Limits.MaxRequestBodySize = 2L * options.Limits.MaxBodyBytes;
            kestrel.Listen(options.Listen);
        });
        using var app = builder.Build();
        app.Use((context, next) => Logged(context, next, log));
        BuildEndpoints.Map(app, builds, options.Limits);
        MetadataEndpoints.Map(app, tree, options.Limits, options.AllowDefaults);
        FileEndpoints.Map(app, store, tree);
        WebAssets.Map(app);
        try
        {
            app.Start();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
                                        or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            throw new UserError($"--listen {options.Listen}: the address is in use (another service listens there): choose another port");
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listening(address + "/");
        app.WaitForShutdown();
        log.Line("stopping: no new builds; running ones may finish");
        builds.Shutdown(options.ShutdownGrace);
        log.Line("stopped");
    }

    /// <summary>One line per request; a failure in a route is a 500 answer and a logged bug, never the end of the service.</summary>
    private static async Task Logged(HttpContext context, RequestDelegate next, ServiceLog log)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            var detail = ErrorKinds.IsUserCaused(e) ? ErrorKinds.Message(e) : InternalErrorLog.Report(e, $"{context.Request.Method} {context.Request.Path}");
            await ApiResponses.Problem(context, new ApiProblem(500, detail));
        }
        log.Line($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Response.StatusCode} " +
            $"{clock.Elapsed.TotalMilliseconds:0} ms");
    }
}
