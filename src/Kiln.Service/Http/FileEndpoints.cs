using Kiln.Core.Files;
using Kiln.Service.Jobs;
using Kiln.Service.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiln.Service.Http;

/// <summary>
/// Files for download: a build's results under <c>/store/HASH/NAME</c> and the served tree's own images under
/// <c>/targets/BOARD/SUBTARGET/NAME</c>. Only plain names of regular files directly in those directories answer, so no
/// request reaches anything else (no "..", no slash, no link, no hidden file).
/// </summary>
public static class FileEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ResultStore store, ServedTree tree)
    {
        routes.MapMethods("/store/{hash}/{name}", [HttpMethods.Get, HttpMethods.Head], context =>
        {
            var path = store.EntryFile((string)context.Request.RouteValues["hash"]!, (string)context.Request.RouteValues["name"]!);
            return path is null ? ApiResponses.NotFound(context, "Not found") : Send(context, path);
        });
        routes.MapMethods("/targets/{board}/{subtarget}/{name}", [HttpMethods.Get, HttpMethods.Head], context =>
        {
            var values = context.Request.RouteValues;
            var id = $"{values["board"]}/{values["subtarget"]}";
            var name = (string)values["name"]!;
            if (!tree.Subtargets.TryGetValue(id, out var subtarget) || !ResultStore.IsPlainName(name)) return ApiResponses.NotFound(context, "Not found");
            var directory = Path.Combine(tree.TopDirectory, "bin", "targets", subtarget.Target.Board, subtarget.Target.Subtarget ?? "generic");
            var path = Path.Combine(directory, name);
            return new DirectoryInfo(directory).LinkTarget is null && FileStatus.IsRegularFile(path) ? Send(context, path)
                : ApiResponses.NotFound(context, "Not found");
        });
    }

    private static Task Send(HttpContext context, string path)
    {
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = new FileInfo(path).Length;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = $"attachment; filename=\"{Path.GetFileName(path)}\"";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.SendFileAsync(path, context.RequestAborted);
    }
}
