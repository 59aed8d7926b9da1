using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace Kiln.Service.Web;

/// <summary>
/// The web page's files, embedded in this assembly (Web/NAME): <c>/</c> answers index.html, <c>/static/NAME</c> the others.
/// Read once when the routes are mapped; a name that is not embedded is a 404.
/// </summary>
public sealed class WebAssets
{
    private const string Prefix = "Web/";

    // The page loads nothing from elsewhere: the policy makes the browser hold it to that.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private readonly Dictionary<string, (byte[] Bytes, string ContentType)> _files = new(StringComparer.Ordinal);

    private WebAssets()
    {
        var assembly = typeof(WebAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var name = resource[Prefix.Length..];
            if (!types.TryGetContentType(name, out var type)) type = "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal)) type += "; charset=utf-8";
            _files[name] = (Read(assembly, resource), type);
        }
    }

    /// <summary>Maps <c>GET /</c> and <c>GET /static/{name}</c> (HEAD too) to the embedded files.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        var assets = new WebAssets();
        routes.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], context => assets.Serve(context, "index.html"));
        routes.MapMethods("/static/{name}", [HttpMethods.Get, HttpMethods.Head],
            context => assets.Serve(context, (string)context.Request.RouteValues["name"]!));
    }

    private Task Serve(HttpContext context, string name)
    {
        var response = context.Response;
        if (!_files.TryGetValue(name, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        response.ContentType = file.ContentType;
        response.ContentLength = file.Bytes.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(file.Bytes).AsTask();
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
