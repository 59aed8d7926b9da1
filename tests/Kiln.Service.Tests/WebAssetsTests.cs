using System.Net;
using Kiln.Service.Web;

namespace Kiln.Service.Tests;

/// <summary>The page's files as kiln serve answers them: the embedded bytes, their types, and the policy that keeps the page local.</summary>
[Collection(ServedExampleCollection.Name)]
public sealed class WebAssetsTests(ServedExample served)
{
    [Theory]
    [InlineData("/", "index.html", "text/html")]
    [InlineData("/static/app.js", "app.js", "text/javascript")]
    [InlineData("/static/style.css", "style.css", "text/css")]
    public async Task EachFileIsTheEmbeddedOneWithItsTypeAndTheSameOriginPolicy(string path, string name, string type)
    {
        using var response = await served.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(Embedded(name), await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        using var head = await served.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(Embedded(name).Length, head.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("/static/missing.js")]
    [InlineData("/static/WebAssets.cs")]
    [InlineData("/static/..%2Findex.html")]
    public async Task ANameThatIsNotAPageFileIsNotFound(string path)
    {
        using var response = await served.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static byte[] Embedded(string name)
    {
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream("Web/" + name)!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
