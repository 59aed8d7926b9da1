using System.Net;
using System.Text.Json.Nodes;

namespace Kiln.Service.Tests;

/// <summary>
/// Requests the service must refuse, each with a 4xx and ASU's <c>{status, detail}</c> naming what is wrong, before any
/// work; and paths that must not lead out of the store or the tree.
/// </summary>
[Collection(ServedExampleCollection.Name)]
public sealed class BadRequestTests(ServedExample served)
{
    private const string Valid = """{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":["greeter"]}""";

    [Theory]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/router","profile":"nope","packages":[]}""", 400, "Unsupported profile: nope.")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/nope","profile":"generic"}""", 400, "Unsupported target: malta/nope.")]
    [InlineData("""{"version":"SNAPSHOT","target":"../etc","profile":"generic"}""", 422, "target: '../etc' is not BOARD/SUBTARGET")]
    [InlineData("""{"version":"99.99.1","target":"malta/le","profile":"generic"}""", 400, "Unsupported version: 99.99.1")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":["greeter","no-such-package"]}""", 400, "no-such-package")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":["../../etc/passwd"]}""", 422, "packages[0]: '../../etc/passwd' is not a package name")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":["greeter","usr/bin/x"]}""", 422, "packages[1]: 'usr/bin/x' is not a package name")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":["$(reboot)"]}""", 422, "is not a package name")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":"greeter"}""", 422, "packages: must be a list, not a string")]
    [InlineData("""{"target":"malta/le","profile":"generic"}""", 422, "version: field required")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","rootfs_size_mb":0}""", 422, "rootfs_size_mb: 0 is less than 1")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","rootfs_size_mb":"big"}""", 422, "rootfs_size_mb: must be an integer")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","filesystem":"ntfs"}""", 422, "filesystem: 'ntfs' is none of")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","repositories":{"x":"https://example.org/x"}}""", 400, "Repository not allowed: https://example.org/x")]
    [InlineData("""{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":["greeter"]""", 422, "body: not JSON")]
    [InlineData("""[1, 2]""", 422, "body: must be a JSON object")]
    public void AnInvalidRequestIsRefusedWithItsReason(string body, int status, string detail)
    {
        var answer = Api.PostText(served.Client, body);
        Assert.True(answer.Code == status, answer.ToString());
        Assert.Equal(status, answer.Body["status"]!.GetValue<int>());
        Assert.Contains(detail, answer.Detail);
        Assert.Null(answer.Body["request_hash"]);
    }

    [Fact]
    public void AnUnknownPackageIsRefusedWithTheSolversExplanation()
    {
        var answer = Api.PostText(served.Client, """{"version":"SNAPSHOT","target":"malta/le","profile":"generic","packages":["greeter","no-such-package"]}""");
        Assert.Equal(400, answer.Code);
        // The solver's own sentence names the package and who asked for it (the request), in one line.
        Assert.Equal("package no-such-package (requested by the build request) is in no feed", answer.Detail);
    }

    [Fact]
    public void TooLongAFirstBootScriptOrTooLargeABodyIsRefused()
    {
        var script = JsonNode.Parse(Valid)!.AsObject();
        script["defaults"] = new string('#', 20481);
        var tooLong = Api.Post(served.Client, script);
        Assert.True(tooLong.Code == 422, tooLong.ToString());
        Assert.Contains("defaults: 20481 characters, at most 20480", tooLong.Detail);

        var body = JsonNode.Parse(Valid)!.AsObject();
        body["client"] = new string('x', 70 * 1024);
        var tooLarge = Api.Post(served.Client, body);
        Assert.True(tooLarge.Code == 413, tooLarge.ToString());
        Assert.Equal(413, tooLarge.Body["status"]!.GetValue<int>());
        Assert.Contains("larger than 65536 bytes", tooLarge.Detail);
    }

    [Fact]
    public void AnUnknownHashIsNotFound()
    {
        var answer = Api.Get(served.Client, "/api/v1/build/" + new string('0', 64));
        Assert.Equal(404, answer.Code);
        Assert.Equal("Not Found", answer.Body["title"]!.ToString());
        Assert.Equal("could not find provided request hash", answer.Detail);
    }

    [Theory]
    [InlineData("/store/0000000000000000000000000000000000000000000000000000000000000000/..%2F..%2F..%2Fkiln.conf")]
    [InlineData("/store/..%2F..%2F..%2F/kiln.conf")]
    [InlineData("/store/.tmp-work/x")]
    [InlineData("/store/%2Fetc/passwd")]
    [InlineData("/targets/malta/le/..%2F..%2F..%2F..%2Fkiln.conf")]
    [InlineData("/targets/malta/le/%2Fetc%2Fpasswd")]
    [InlineData("/targets/malta/le/packages")]
    public async Task NoPathLeadsOutOfTheStoreOrTheImages(string path)
    {
        using var response = await served.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheTreesOwnImagesAndMetadataAreServed()
    {
        var profiles = Api.Get(served.Client, "/json/v1/SNAPSHOT/targets/malta/le/profiles.json");
        Assert.Equal(200, profiles.Code);
        var image = profiles.Body["profiles"]!["generic"]!["images"]![0]!["name"]!.ToString();
        var bytes = Api.Download(served.Client, "/targets/malta/le/" + image);
        Assert.Equal(File.ReadAllBytes(Path.Combine(served.Scratch.Top, "bin", "targets", "malta", "le", image)), bytes);
        var overview = Api.Get(served.Client, "/json/v1/overview.json");
        Assert.Equal("mipsel_24kc", overview.Body["branches"]!["SNAPSHOT"]!["targets"]!["malta/le"]!.ToString());
        var index = Api.Get(served.Client, "/json/v1/SNAPSHOT/targets/malta/le/index.json");
        Assert.Equal("mipsel_24kc", index.Body["architecture"]!.ToString());
        Assert.True(index.Body["packages"]!.AsObject().ContainsKey("greeter"));
        using var redirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = served.Service.Url };
        Assert.Equal(HttpStatusCode.MovedPermanently, (await redirect.GetAsync("/api/v1/overview")).StatusCode);
    }
}
