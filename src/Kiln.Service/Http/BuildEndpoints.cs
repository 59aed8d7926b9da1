using System.Text.Json.Nodes;
using Kiln.Service.Jobs;
using Kiln.Service.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiln.Service.Http;

/// <summary>ASU's <c>/api/v1</c> routes: build, build status, stats, the redirects to the JSON overview; and Kiln's package resolution.</summary>
public static class BuildEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, BuildService builds, ServiceLimits limits)
    {
        routes.MapPost("/api/v1/build", async context =>
        {
            var (body, tooLarge) = await ReadBody(context, limits);
            if (tooLarge is not null)
            {
                await ApiResponses.Problem(context, tooLarge);
                return;
            }
            var (answer, problem) = builds.Submit(body);
            await (answer is null ? ApiResponses.Problem(context, problem!) : ApiResponses.Json(context, answer.Status, answer.Body, answer.Headers));
        });
        routes.MapMethods("/api/v1/build/{hash}", [HttpMethods.Get, HttpMethods.Head], context =>
        {
            var hash = (string)context.Request.RouteValues["hash"]!;
            return builds.Known(hash) is { } answer ? ApiResponses.Json(context, answer.Status, answer.Body, answer.Headers)
                : ApiResponses.NotFound(context, "could not find provided request hash");
        });
        routes.MapPost("/api/v1/packages", async context =>
        {
            var (body, tooLarge) = await ReadBody(context, limits);
            if (tooLarge is not null)
            {
                await ApiResponses.Problem(context, tooLarge);
                return;
            }
            var (packages, problem) = builds.Resolve(body);
            await (packages is null ? ApiResponses.Problem(context, problem!) : ApiResponses.Json(context, 200, packages));
        });
        routes.MapGet("/api/v1/stats", context => ApiResponses.Json(context, 200, new JsonObject { ["queue_length"] = builds.QueueLength }));
        routes.MapGet("/api/v1/overview", context => Redirect(context, "/json/v1/overview.json"));
        routes.MapGet("/api/v1/latest", context => Redirect(context, "/json/v1/latest.json"));
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    /// <summary>The body, read up to the limit: a longer one (by its Content-Length or by what arrives) is a 413.</summary>
    private static async Task<(byte[] Body, ApiProblem? TooLarge)> ReadBody(HttpContext context, ServiceLimits limits)
    {
        var tooLarge = new ApiProblem(413, $"the request body is larger than {limits.MaxBodyBytes} bytes");
        if (context.Request.ContentLength > limits.MaxBodyBytes) return ([], tooLarge);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limits.MaxBodyBytes) return ([], tooLarge);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}
